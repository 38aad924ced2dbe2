import type {
  ReferenceAttributes,
  ReferenceDirectoryCode,
  ReferenceEntry,
  ReferenceEntryVersion,
} from '@uslugi/contracts';
import type { Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { ReferenceEntriesTable } from '../../db/schema.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import { AppError, notFound } from '../../platform/errors.js';
import { checkAttributes, checkCode } from './directories.js';

export const ENTRY_COLUMNS = [
  'id',
  'directory',
  'code',
  'name',
  'attributes',
  'version',
  'retiredAt',
  'retiredReason',
  'updatedAt',
] as const;

type EntryRow = Pick<Selectable<ReferenceEntriesTable>, (typeof ENTRY_COLUMNS)[number]>;

export function toEntry(row: EntryRow): ReferenceEntry {
  return {
    id: row.id,
    directory: row.directory as ReferenceDirectoryCode,
    code: row.code,
    name: row.name,
    attributes: row.attributes ?? {},
    version: row.version,
    state: row.retiredAt ? 'retired' : 'active',
    retiredAt: row.retiredAt?.toISOString() ?? null,
    retiredReason: row.retiredReason,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The values of one directory, by code; retired ones only when asked for. */
export function listEntries(
  ctx: CommandContext,
  directory: ReferenceDirectoryCode,
  includeRetired: boolean,
): Promise<ReferenceEntry[]> {
  return runQuery(ctx, async (tx) => {
    let query = tx
      .selectFrom('referenceEntries')
      .select(ENTRY_COLUMNS)
      .where('directory', '=', directory)
      .orderBy('code');
    if (!includeRetired) query = query.where('retiredAt', 'is', null);
    return (await query.execute()).map(toEntry);
  });
}

async function findEntry(tx: Tx, id: string): Promise<EntryRow> {
  const row = await tx
    .selectFrom('referenceEntries')
    .select(ENTRY_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`reference entry ${id}`);
  return row;
}

/** Attributes in one order of keys, so that an unchanged value compares equal to what is stored. */
function canonical(attributes: ReferenceAttributes): ReferenceAttributes {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(attributes).sort()) {
    const value = (attributes as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function sameAttributes(a: unknown, b: ReferenceAttributes): boolean {
  return JSON.stringify(canonical(a ?? {})) === JSON.stringify(canonical(b));
}

async function writeVersion(
  tx: Tx,
  ctx: CommandContext,
  entryId: string,
  version: number,
  name: string,
  attributes: ReferenceAttributes,
) {
  await tx
    .insertInto('referenceEntryVersions')
    .values({
      municipalityId: ctx.municipalityId,
      entryId,
      version,
      name,
      attributes: JSON.stringify(attributes),
      changedBy: ctx.actor.id,
      changedByName: ctx.actor.name,
    })
    .execute();
}

/** A new value of a directory, version 1. A code is unique within its directory, retired values included. */
export function createEntry(
  ctx: CommandContext,
  directory: ReferenceDirectoryCode,
  input: { code: string; name: string; attributes: ReferenceAttributes },
): Promise<ReferenceEntry> {
  return runCommand(ctx, async ({ tx, journal }) => {
    checkCode(directory, input.code);
    const attributes = canonical(await checkAttributes(tx, directory, input.attributes));
    const taken = await tx
      .selectFrom('referenceEntries')
      .select(['id', 'retiredAt'])
      .where('directory', '=', directory)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (taken) {
      throw new AppError('reference_code_taken', `${directory}/${input.code} exists`, [
        {
          path: 'code',
          message: taken.retiredAt
            ? 'Код: такой код был у значения, выведенного из употребления; верните его в употребление или выберите другой код'
            : 'Код: в справочнике уже есть значение с таким кодом',
        },
      ]);
    }
    const row = await tx
      .insertInto('referenceEntries')
      .values({
        municipalityId: ctx.municipalityId,
        directory,
        code: input.code,
        name: input.name,
        attributes: JSON.stringify(attributes),
        createdBy: ctx.actor.id,
        updatedBy: ctx.actor.id,
      })
      .returning(ENTRY_COLUMNS)
      .executeTakeFirstOrThrow();
    await writeVersion(tx, ctx, row.id, 1, row.name, attributes);
    await journal({
      action: 'reference.entry_created',
      objectType: 'reference_entry',
      objectId: row.id,
      payload: { directory, code: row.code, name: row.name, attributes },
    });
    return toEntry(row);
  });
}

/**
 * A new version of a value: the name and attributes are replaced, the code stays, the previous version is
 * kept (a case that named it reads its name then). Nothing changed: no new version. A retired value is
 * restored before it is changed.
 */
export function updateEntry(
  ctx: CommandContext,
  id: string,
  input: { name: string; attributes: ReferenceAttributes },
): Promise<ReferenceEntry> {
  return runCommand(ctx, async ({ tx, journal }) => {
    const before = await findEntry(tx, id);
    if (before.retiredAt) throw new AppError('wrong_state', 'retired entry');
    const directory = before.directory as ReferenceDirectoryCode;
    const attributes = canonical(await checkAttributes(tx, directory, input.attributes));
    if (before.name === input.name && sameAttributes(before.attributes, attributes)) return toEntry(before);
    const version = before.version + 1;
    const row = await tx
      .updateTable('referenceEntries')
      .set({
        name: input.name,
        attributes: JSON.stringify(attributes),
        version,
        updatedAt: new Date(),
        updatedBy: ctx.actor.id,
      })
      .where('id', '=', id)
      .where('version', '=', before.version)
      .returning(ENTRY_COLUMNS)
      .executeTakeFirst();
    if (!row) throw new AppError('conflict', `reference entry ${id} changed concurrently`);
    await writeVersion(tx, ctx, id, version, row.name, attributes);
    await journal({
      action: 'reference.entry_changed',
      objectType: 'reference_entry',
      objectId: id,
      payload: {
        directory,
        code: row.code,
        version,
        before: { name: before.name, attributes: before.attributes },
        after: { name: row.name, attributes },
      },
    });
    return toEntry(row);
  });
}

/** Retired from use: new definitions may no longer name it; what already names it still reads its name. */
export function retireEntry(ctx: CommandContext, id: string, reason: string): Promise<ReferenceEntry> {
  return runCommand(ctx, async ({ tx, journal }) => {
    const row = await tx
      .updateTable('referenceEntries')
      .set({ retiredAt: new Date(), retiredBy: ctx.actor.id, retiredReason: reason, updatedAt: new Date() })
      .where('id', '=', id)
      .where('retiredAt', 'is', null)
      .returning(ENTRY_COLUMNS)
      .executeTakeFirst();
    if (!row) {
      await findEntry(tx, id); // 404 when absent
      throw new AppError('wrong_state', 'already retired');
    }
    await journal({
      action: 'reference.entry_retired',
      objectType: 'reference_entry',
      objectId: id,
      payload: { directory: row.directory, code: row.code, name: row.name, reason },
    });
    return toEntry(row);
  });
}

export function restoreEntry(ctx: CommandContext, id: string): Promise<ReferenceEntry> {
  return runCommand(ctx, async ({ tx, journal }) => {
    const row = await tx
      .updateTable('referenceEntries')
      .set({ retiredAt: null, retiredBy: null, retiredReason: null, updatedAt: new Date() })
      .where('id', '=', id)
      .where('retiredAt', 'is not', null)
      .returning(ENTRY_COLUMNS)
      .executeTakeFirst();
    if (!row) {
      await findEntry(tx, id);
      throw new AppError('wrong_state', 'not retired');
    }
    await journal({
      action: 'reference.entry_restored',
      objectType: 'reference_entry',
      objectId: id,
      payload: { directory: row.directory, code: row.code, name: row.name },
    });
    return toEntry(row);
  });
}

/** Every version of a value, newest first. */
export function listVersions(ctx: CommandContext, id: string): Promise<ReferenceEntryVersion[]> {
  return runQuery(ctx, async (tx) => {
    await findEntry(tx, id);
    const rows = await tx
      .selectFrom('referenceEntryVersions')
      .select(['version', 'name', 'attributes', 'changedAt', 'changedByName'])
      .where('entryId', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({
      version: r.version,
      name: r.name,
      attributes: r.attributes ?? {},
      changedAt: r.changedAt.toISOString(),
      changedByName: r.changedByName,
    }));
  });
}
