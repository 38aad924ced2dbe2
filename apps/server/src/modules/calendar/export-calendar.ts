import type { CalendarExportLayer } from '@uslugi/contracts';
import { writeXmlCalendar, yearToXmlCalendar } from '../../platform/calendar/index.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import { runQuery, type CommandContext } from '../../platform/commands.js';
import { fieldError } from '../../platform/errors.js';
import { municipalCalendar, stackLayers } from './municipal-calendar.js';

export interface CalendarExport {
  fileName: string;
  xml: string;
}

/**
 * A year of the municipality's calendar as an xmlcalendar file. `effective`: every day as terms are
 * computed on it (its own decisions included), which another system or municipality can import as a
 * federal file to get the same working days; `federal` / `regional`: the file of that layer the
 * municipality uses (bundled or imported), the regional one with the region's own days only.
 */
export function exportCalendar(
  ctx: CommandContext,
  query: { year: number; layer: CalendarExportLayer },
  clock: Clock,
): Promise<CalendarExport> {
  return runQuery(ctx, async (tx) => {
    const { sources, calendar } = await municipalCalendar(tx, ctx.municipalityId);
    const { year, layer } = query;
    const fileName = `calendar-${year}-${layer}.xml`;
    if (layer === 'effective') {
      const date = todayOf(clock).replaceAll('-', '.');
      return { fileName, xml: writeXmlCalendar(yearToXmlCalendar(calendar, year, { date })) };
    }
    if (layer === 'regional' && sources.region === null) {
      throw fieldError('layer', 'Что выгрузить: у муниципального образования нет регионального календаря');
    }
    const [federal, regional] = stackLayers(sources);
    const file = (layer === 'federal' ? federal : regional)?.years.find((f) => f.calendar.year === year);
    if (!file) {
      const title = layer === 'federal' ? 'Федеральный' : 'Региональный';
      throw fieldError('year', `Год: ${title} календарь на ${year} год не загружен`);
    }
    return { fileName, xml: writeXmlCalendar(file.calendar) };
  });
}
