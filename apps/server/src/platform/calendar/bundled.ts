import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LABOUR_CODE_HOLIDAYS, TATARSTAN_FIXED_HOLIDAYS } from './fallback.js';
import type { IsoDate } from './dates.js';
import { regionalOwnDays } from './layers.js';
import type { CalendarLayer, CalendarYearFile, LocalDay, ResolvedDay } from './types.js';
import { WorkCalendar } from './work-calendar.js';
import { parseXmlCalendar } from './xmlcalendar.js';

/** `data/calendar` at the repository root (this file is apps/server/src/platform/calendar/bundled.ts). */
export const BUNDLED_CALENDAR_DIR = path.resolve(import.meta.dirname, '../../../../..', 'data/calendar');

export type BundledRegion = 'tatarstan';

const manifestSchema = z.object({
  files: z.array(
    z.object({
      region: z.enum(['ru', 'tatarstan']),
      year: z.number().int(),
      path: z.string().regex(/^[a-z]+\/\d{4}\/calendar\.xml$/),
      provisional: z.boolean(),
      source: z.string().min(1),
    }),
  ),
});

export type CalendarManifest = z.infer<typeof manifestSchema>;

export async function readBundledManifest(dir = BUNDLED_CALENDAR_DIR): Promise<CalendarManifest> {
  return manifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')));
}

const FALLBACKS = { ru: LABOUR_CODE_HOLIDAYS, tatarstan: TATARSTAN_FIXED_HOLIDAYS } as const;

async function loadLayer(
  manifest: CalendarManifest,
  name: keyof typeof FALLBACKS,
  dir: string,
): Promise<CalendarLayer> {
  const entries = manifest.files.filter((file) => file.region === name);
  const years = await Promise.all(
    entries.map(async (entry): Promise<CalendarYearFile> => {
      const text = await readFile(path.join(dir, entry.path), 'utf8');
      const calendar = parseXmlCalendar(text, { expectedYear: entry.year });
      return { calendar, provisional: entry.provisional, source: entry.source };
    }),
  );
  return { name, years, fallback: FALLBACKS[name] };
}

/**
 * The federal calendar alone, for telling a regional file's own days from the federal ones it repeats
 * (`regionalOwnDays`).
 */
export function federalDaysOf(federal: CalendarLayer): (date: IsoDate) => ResolvedDay {
  const calendar = WorkCalendar.create({ layers: [federal] });
  return (date) => calendar.dayInfo(date);
}

/**
 * The bundled layers: federal, then the region's when one is named. A bundled regional file repeats the
 * federal days of its year (it was derived from the bundled federal file); only its own days are kept, so
 * the federal layer — bundled or imported — decides every federal date.
 */
export async function loadBundledLayers(
  region?: BundledRegion,
  dir = BUNDLED_CALENDAR_DIR,
): Promise<CalendarLayer[]> {
  const manifest = await readBundledManifest(dir);
  const federal = await loadLayer(manifest, 'ru', dir);
  if (!region) return [federal];
  const regional = await loadLayer(manifest, region, dir);
  const federalDays = federalDaysOf(federal);
  const years = regional.years.map((file) => ({
    ...file,
    calendar: regionalOwnDays(file.calendar, federalDays),
  }));
  return [federal, { ...regional, years }];
}

/** The calendar shipped with the system (works offline), plus a municipality's own decisions. */
export async function loadBundledCalendar(
  region?: BundledRegion,
  local: readonly LocalDay[] = [],
): Promise<WorkCalendar> {
  return WorkCalendar.create({ layers: await loadBundledLayers(region), local });
}
