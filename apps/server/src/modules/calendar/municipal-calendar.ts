import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { CalendarLayerCode } from '../../db/schema.js';
import { municipalityCard } from '../municipalities/index.js';
import {
  federalDaysOf,
  loadBundledLayers,
  parseXmlCalendar,
  regionalOwnDays,
  WorkCalendar,
  type CalendarLayer,
  type CalendarYearFile,
  type LocalDay,
  type XmlCalendar,
} from '../../platform/calendar/index.js';

/**
 * One imported year as the municipality's calendar uses it. A regional file's `calendar` holds only the
 * region's own days (see `regionalOwnDays`); the federal days it repeats come from the federal layer.
 */
export interface ImportedYear {
  layer: CalendarLayerCode;
  file: CalendarYearFile;
  importedAt: Date;
}

/** Everything a municipality's calendar is built from, read at one version. */
export interface CalendarSources {
  municipalityId: string;
  /** `municipalities.calendar_region`: the region's layer, or null for the federal calendar only. */
  region: string | null;
  regionName: string;
  version: number;
  /** The files shipped with the system: the federal layer, then the region's when there is one. */
  bundled: readonly CalendarLayer[];
  imports: readonly ImportedYear[];
  local: readonly LocalDay[];
}

export interface MunicipalCalendar {
  sources: CalendarSources;
  calendar: WorkCalendar;
}

/** Layer codes in the order the layers stack (lowest first). */
export function layerCodes(region: string | null): CalendarLayerCode[] {
  return region ? ['federal', 'regional'] : ['federal'];
}

// The bundled files never change while the process runs: read and parse them once per region.
const bundledCache = new Map<string, Promise<CalendarLayer[]>>();

async function readBundled(region: string | null): Promise<CalendarLayer[]> {
  if (region === null) return loadBundledLayers();
  if (region === 'tatarstan') return loadBundledLayers(region);
  // A region with no files in data/calendar: its layer holds only what the operator imports, so its
  // years stay provisional until then.
  return [...(await loadBundledLayers()), { name: region, years: [], fallback: [] }];
}

export function bundledLayers(region: string | null): Promise<CalendarLayer[]> {
  const key = region ?? '';
  let layers = bundledCache.get(key);
  if (!layers) {
    layers = readBundled(region);
    bundledCache.set(key, layers);
    void layers.catch(() => bundledCache.delete(key));
  }
  return layers;
}

/**
 * Stacks the layers for the work calendar: each imported year replaces the bundled file of its layer and
 * year; `override` (an import being previewed) replaces both.
 */
export function stackLayers(
  sources: CalendarSources,
  override?: { layer: CalendarLayerCode; file: CalendarYearFile },
): CalendarLayer[] {
  return layerCodes(sources.region).map((code, index) => {
    const bundled = sources.bundled[index];
    if (!bundled) throw new Error(`no bundled layer ${index} for ${code}`);
    const byYear = new Map<number, CalendarYearFile>();
    for (const file of bundled.years) byYear.set(file.calendar.year, file);
    for (const imported of sources.imports) {
      if (imported.layer === code) byYear.set(imported.file.calendar.year, imported.file);
    }
    if (override?.layer === code) byYear.set(override.file.calendar.year, override.file);
    return { ...bundled, years: [...byYear.values()].sort((a, b) => a.calendar.year - b.calendar.year) };
  });
}

/**
 * The own days of a regional file about to be imported: its entries that differ from the municipality's
 * federal calendar of that year as it stands now (bundled or imported). Stored with the import, so a later
 * federal import decides every federal date.
 */
export function ownRegionalDays(sources: CalendarSources, regional: XmlCalendar): XmlCalendar {
  const [federal] = stackLayers(sources);
  if (!federal) throw new Error('no federal layer');
  return regionalOwnDays(regional, federalDaysOf(federal));
}

export function buildCalendar(
  sources: CalendarSources,
  override?: { layer: CalendarLayerCode; file: CalendarYearFile },
): WorkCalendar {
  return WorkCalendar.create({ layers: stackLayers(sources, override), local: sources.local });
}

interface Head {
  region: string | null;
  regionName: string;
  version: number;
}

/** The municipality's region and calendar version: two cheap queries by key. */
async function readHead(tx: Tx, municipalityId: string): Promise<Head> {
  const municipality = await municipalityCard(tx, municipalityId);
  if (!municipality) throw new Error(`municipality ${municipalityId} not found`);
  const row = await tx
    .selectFrom('calendarVersions')
    .select('version')
    .where('municipalityId', '=', municipalityId)
    .executeTakeFirst();
  return {
    region: municipality.calendarRegion,
    regionName: municipality.regionName,
    version: Number(row?.version ?? 0),
  };
}

function importedCalendar(
  row: { layer: CalendarLayerCode; year: number; xml: string; regionalDays: string | null },
  bundled: readonly CalendarLayer[],
): XmlCalendar {
  if (row.layer === 'federal') return parseXmlCalendar(row.xml, { expectedYear: row.year });
  if (row.regionalDays !== null) return parseXmlCalendar(row.regionalDays, { expectedYear: row.year });
  // Imported before the own days were stored: the best baseline left is the bundled federal calendar.
  const [federal] = bundled;
  const file = parseXmlCalendar(row.xml, { expectedYear: row.year });
  return federal ? regionalOwnDays(file, federalDaysOf(federal)) : file;
}

async function readSources(tx: Tx, municipalityId: string, head: Head): Promise<CalendarSources> {
  const bundled = await bundledLayers(head.region);
  const imports = await tx
    .selectFrom('calendarImports')
    .select(['layer', 'year', 'xml', 'regionalDays', 'provisional', 'updatedAt'])
    .where('municipalityId', '=', municipalityId)
    .orderBy('layer')
    .orderBy('year')
    .execute();
  const local = await tx
    .selectFrom('calendarLocalDays')
    .select(['date', 'kind', 'title'])
    .where('municipalityId', '=', municipalityId)
    .orderBy('date')
    .execute();
  return {
    municipalityId,
    ...head,
    bundled,
    imports: imports.map((row) => ({
      layer: row.layer,
      // Checked when it was imported; parsed again because only the text is stored.
      file: {
        calendar: importedCalendar(row, bundled),
        provisional: row.provisional,
        source: 'Загружен оператором',
      },
      importedAt: row.updatedAt,
    })),
    local,
  };
}

// Per process, per municipality; keyed by the version every calendar change bumps in its transaction,
// so a change made by another process is seen on the next read.
const cache = new Map<string, MunicipalCalendar & { key: string }>();

/**
 * The municipality's work calendar: bundled federal and regional files, the years its operator imported,
 * its own days. Call it before the transaction writes calendar data, never after (the cache would keep
 * what this transaction has not committed yet).
 */
export async function municipalCalendar(tx: Tx, municipalityId: string): Promise<MunicipalCalendar> {
  const head = await readHead(tx, municipalityId);
  const key = `${head.version}:${head.region ?? ''}`;
  const cached = cache.get(municipalityId);
  if (cached?.key === key) return cached;
  const sources = await readSources(tx, municipalityId, head);
  const entry = { key, sources, calendar: buildCalendar(sources) };
  cache.set(municipalityId, entry);
  return entry;
}

async function ensureVersionRow(tx: Tx, municipalityId: string): Promise<void> {
  await tx
    .insertInto('calendarVersions')
    .values({ municipalityId })
    .onConflict((oc) => oc.column('municipalityId').doNothing())
    .execute();
}

/**
 * Before a calendar change: locks the municipality's calendar, so terms are not computed on it meanwhile
 * and two changes run one after the other.
 */
export async function lockCalendarForChange(tx: Tx, municipalityId: string): Promise<void> {
  await ensureVersionRow(tx, municipalityId);
  await tx
    .selectFrom('calendarVersions')
    .select('version')
    .where('municipalityId', '=', municipalityId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/**
 * Before computing terms that will be stored: waits for a calendar change in progress and holds later ones
 * back until this transaction ends, so the change's recomputation sees every term stored here.
 */
export async function lockCalendarForTerms(tx: Tx, municipalityId: string): Promise<void> {
  await ensureVersionRow(tx, municipalityId);
  await tx
    .selectFrom('calendarVersions')
    .select('version')
    .where('municipalityId', '=', municipalityId)
    .forShare()
    .executeTakeFirstOrThrow();
}

/** After the change's writes: the new version, which invalidates every process's cached calendar. */
export async function bumpCalendarVersion(tx: Tx, municipalityId: string): Promise<number> {
  const row = await tx
    .updateTable('calendarVersions')
    .set({ version: sql<number>`version + 1`, updatedAt: new Date() })
    .where('municipalityId', '=', municipalityId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(row.version);
}
