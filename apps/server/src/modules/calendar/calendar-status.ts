import type { CalendarLayerCode, CalendarStatus, CalendarWarning } from '@uslugi/contracts';
import { todayOf, type Clock } from '../../platform/clock.js';
import { runQuery, type CommandContext } from '../../platform/commands.js';
import { isProvisionalYear } from './days.js';
import { layerCodes, municipalCalendar, type CalendarSources } from './municipal-calendar.js';

/** From this month on, next year's calendar is expected (decrees on transfers come out in autumn). */
const WARN_FROM_MONTH = 11;

function layerTitle(layer: CalendarLayerCode, sources: CalendarSources): string {
  return layer === 'federal'
    ? 'Федеральный производственный календарь'
    : `Региональный календарь (${sources.regionName})`;
}

function layerYears(sources: CalendarSources, layer: CalendarLayerCode) {
  const index = layer === 'federal' ? 0 : 1;
  const years = new Map<number, CalendarStatus['layers'][number]['years'][number]>();
  for (const file of sources.bundled[index]?.years ?? []) {
    const year = file.calendar.year;
    years.set(year, {
      year,
      origin: 'bundled',
      provisional: file.provisional,
      source: file.source ?? null,
      importedAt: null,
    });
  }
  for (const imported of sources.imports) {
    if (imported.layer !== layer) continue;
    const year = imported.file.calendar.year;
    years.set(year, {
      year,
      origin: 'imported',
      provisional: imported.file.provisional,
      source: imported.file.source ?? null,
      importedAt: imported.importedAt.toISOString(),
    });
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

/**
 * The years that must not be missing today: the current one always, and from 1 November the next one,
 * so the operator enters the new decree before terms start running into the new year.
 */
export function yearsToWatch(today: string): number[] {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= WARN_FROM_MONTH ? [year, year + 1] : [year];
}

export function calendarStatus(ctx: CommandContext, clock: Clock): Promise<CalendarStatus> {
  return runQuery(ctx, async (tx) => {
    const { sources, calendar } = await municipalCalendar(tx, ctx.municipalityId);
    const today = todayOf(clock);
    const layers = layerCodes(sources.region).map((layer) => ({
      layer,
      title: layerTitle(layer, sources),
      years: layerYears(sources, layer),
    }));
    const warnings: CalendarWarning[] = [];
    for (const year of yearsToWatch(today)) {
      for (const { layer, title, years } of layers) {
        const file = years.find((y) => y.year === year);
        if (!file) {
          warnings.push({
            code: 'year_missing',
            year,
            layer,
            message:
              `${title} на ${year} год не загружен: сроки, которые заканчиваются в ${year} году, ` +
              'рассчитываются предварительно. Загрузите календарь на этот год.',
          });
        } else if (file.provisional) {
          warnings.push({
            code: 'year_provisional',
            year,
            layer,
            message:
              `${title} на ${year} год загружен только как предварительный: сроки в ${year} году ` +
              'рассчитываются предварительно. Загрузите календарь, утверждённый постановлением.',
          });
        }
      }
    }
    return {
      region: sources.region,
      regionName: sources.regionName,
      today,
      loadedYears: [...calendar.loadedYears],
      provisionalYears: calendar.loadedYears.filter((year) => isProvisionalYear(calendar, year)),
      layers,
      warnings,
    };
  });
}
