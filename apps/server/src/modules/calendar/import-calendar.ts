import { createHash } from 'node:crypto';
import type { CalendarImportPreview, CalendarLayerCode } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { runCommand, type CommandContext } from '../../platform/commands.js';
import { AppError, fieldError } from '../../platform/errors.js';
import {
  parseXmlCalendar,
  writeXmlCalendar,
  type CalendarYearFile,
  type WorkCalendar,
  type XmlCalendar,
} from '../../platform/calendar/index.js';
import { datesOfYear, isProvisionalYear, reasonText } from './days.js';
import {
  buildCalendar,
  lockCalendarForChange,
  municipalCalendar,
  ownRegionalDays,
} from './municipal-calendar.js';
import { finishCalendarChange } from './recompute-terms.js';

export interface ImportInput {
  layer: CalendarLayerCode;
  xml: string;
  provisional: boolean;
}

/** Reads the file or refuses it with the parser's Russian message naming the line. */
function parseFile(xml: string): XmlCalendar {
  try {
    return parseXmlCalendar(xml);
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') {
      throw new AppError('calendar_file_invalid', error.message, error.fields);
    }
    throw error;
  }
}

function differences(before: WorkCalendar, after: WorkCalendar, year: number) {
  return datesOfYear(year).flatMap((date) => {
    const was = before.dayInfo(date);
    const will = after.dayInfo(date);
    const brief = { before: { kind: was.kind, reasonText: reasonText(was) } };
    const next = { kind: will.kind, reasonText: reasonText(will) };
    return was.kind === next.kind && brief.before.reasonText === next.reasonText
      ? []
      : [{ date, ...brief, after: next }];
  });
}

/**
 * Checks the file against the municipality's calendar and works out what it would change; writes nothing.
 * Of a regional file only the region's own days are used: the entries that repeat the municipality's
 * federal calendar of the year as it stands now are the federal days, left to the federal layer.
 */
async function prepare(tx: Tx, municipalityId: string, input: ImportInput) {
  const calendar = parseFile(input.xml);
  const { sources, calendar: before } = await municipalCalendar(tx, municipalityId);
  if (input.layer === 'regional' && sources.region === null) {
    throw fieldError(
      'layer',
      'Календарь: у муниципального образования нет регионального календаря, загрузите федеральный',
    );
  }
  const regionalDays = input.layer === 'regional' ? ownRegionalDays(sources, calendar) : null;
  const file: CalendarYearFile = { calendar: regionalDays ?? calendar, provisional: input.provisional };
  const after = buildCalendar(sources, { layer: input.layer, file });
  const { year } = calendar;
  const layerIndex = input.layer === 'federal' ? 0 : 1;
  const imported = sources.imports.some((i) => i.layer === input.layer && i.file.calendar.year === year);
  const bundled = sources.bundled[layerIndex]?.years.some((f) => f.calendar.year === year) ?? false;
  const preview: CalendarImportPreview = {
    layer: input.layer,
    year,
    provisional: input.provisional,
    replaces: imported ? 'imported' : bundled ? 'bundled' : 'none',
    daysInFile: calendar.days.length,
    regionalDaysInFile: regionalDays?.days.length ?? null,
    provisionalBefore: isProvisionalYear(before, year),
    provisionalAfter: isProvisionalYear(after, year),
    differences: differences(before, after, year),
  };
  return { preview, regionalDays };
}

export function previewImport(ctx: CommandContext, input: ImportInput): Promise<CalendarImportPreview> {
  // A tenant transaction that writes nothing: the preview is the same check the import makes.
  return runCommand(ctx, async ({ tx }) => (await prepare(tx, ctx.municipalityId, input)).preview);
}

/**
 * Loads an xmlcalendar year for the municipality: it replaces the bundled (or earlier imported) file of
 * that layer and year for this municipality only, is journaled, and recomputes the open terms. A file
 * that does not pass the check changes nothing.
 */
export function applyImport(ctx: CommandContext, input: ImportInput): Promise<CalendarImportPreview> {
  return runCommand(ctx, async ({ tx, journal }) => {
    await lockCalendarForChange(tx, ctx.municipalityId);
    const { preview, regionalDays } = await prepare(tx, ctx.municipalityId, input);
    const sha256 = createHash('sha256').update(input.xml).digest('hex');
    const row = {
      xml: input.xml,
      regionalDays: regionalDays ? writeXmlCalendar(regionalDays) : null,
      sha256,
      provisional: input.provisional,
      importedBy: ctx.actor.id,
      updatedAt: new Date(),
    };
    await tx
      .insertInto('calendarImports')
      .values({ municipalityId: ctx.municipalityId, layer: input.layer, year: preview.year, ...row })
      .onConflict((oc) => oc.columns(['municipalityId', 'layer', 'year']).doUpdateSet(row))
      .execute();
    const version = await finishCalendarChange(tx, ctx.municipalityId);
    await journal({
      action: 'calendar.year_imported',
      objectType: 'calendar_year',
      objectId: `${input.layer}:${preview.year}`,
      payload: {
        layer: input.layer,
        year: preview.year,
        provisional: input.provisional,
        replaces: preview.replaces,
        sha256,
        ...(regionalDays ? { regionalDays: regionalDays.days.map((day) => day.d) } : {}),
        calendarVersion: version,
        differences: preview.differences.map((d) => ({
          date: d.date,
          before: d.before.kind,
          after: d.after.kind,
        })),
      },
    });
    return preview;
  });
}
