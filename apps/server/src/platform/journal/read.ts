import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Tx } from '../../db/database.js';

export interface JournalFilter {
  limit: number;
  objectType?: string | undefined;
  objectId?: string | undefined;
  actorId?: string | undefined;
  /** The period, as dates (YYYY-MM-DD) of the municipality's days. */
  from?: string | undefined;
  to?: string | undefined;
  /** Entries before this journal number (the next page). */
  before?: number | undefined;
}

/** Entries recorded within a period of the municipality's days (Moscow time until tenants carry their own zone). */
function inPeriod<Q extends SelectQueryBuilder<DB, 'journalEntries', object>>(
  query: Q,
  period: { from?: string | undefined; to?: string | undefined },
): Q {
  let q = query;
  if (period.from) {
    q = q.where(
      'recordedAt',
      '>=',
      sql<Date>`(${period.from}::date)::timestamp at time zone 'Europe/Moscow'`,
    ) as Q;
  }
  if (period.to) {
    q = q.where(
      'recordedAt',
      '<',
      sql<Date>`(${period.to}::date + 1)::timestamp at time zone 'Europe/Moscow'`,
    ) as Q;
  }
  return q;
}

/**
 * Reads the journal of the transaction's tenant, newest first: `limit + 1` entries, so the caller
 * knows whether a next page exists.
 */
export function readJournal(tx: Tx, q: JournalFilter) {
  let query = tx
    .selectFrom('journalEntries')
    .select([
      'id',
      'recordedAt',
      'actorType',
      'actorId',
      'actorName',
      'action',
      'objectType',
      'objectId',
      'payload',
      'hash',
      'stream',
      'seq',
    ])
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  if (q.objectType) query = query.where('objectType', '=', q.objectType);
  if (q.objectId) query = query.where('objectId', '=', q.objectId);
  if (q.actorId) query = query.where('actorId', '=', q.actorId);
  query = inPeriod(query, q);
  if (q.before) query = query.where('id', '<', q.before);
  return query.execute();
}

/**
 * Every entry of the given streams up to the given journal number, oldest first: what the journal
 * itself says of those objects up to an entry (their names as of that entry).
 */
export function readStreamHistory(tx: Tx, streams: readonly string[], upToId: number) {
  if (streams.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('journalEntries')
    .select(['id', 'stream', 'action', 'payload'])
    .where('stream', 'in', [...new Set(streams)])
    .where('id', '<=', upToId)
    .orderBy('id', 'asc')
    .execute();
}

/**
 * The latest `limit` entries about the given objects (type and id), oldest first: the history of one
 * thing and the things it is made of (a case, its application, its decisions), as its card shows it.
 */
export function readObjectEntries(
  tx: Tx,
  objects: ReadonlyArray<{ objectType: string; objectId: string }>,
  limit = 500,
) {
  if (objects.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('journalEntries')
    .select(['id', 'recordedAt', 'actorId', 'actorName', 'action', 'objectType', 'objectId', 'payload'])
    .where((eb) =>
      eb.or(
        objects.map((o) => eb.and([eb('objectType', '=', o.objectType), eb('objectId', '=', o.objectId)])),
      ),
    )
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
    .then((rows) => rows.reverse());
}

export interface EntrySelection {
  /** Entries about these objects (type and id). */
  objects?: ReadonlyArray<{ objectType: string; objectId: string }>;
  /** Entries of what this employee did. */
  actorId?: string;
  /** The period, as dates (YYYY-MM-DD) of the municipality's days. */
  from?: string | undefined;
  to?: string | undefined;
  /** Recorded no later than this. */
  upTo: Date;
  limit: number;
}

/**
 * Whole entries (every hashed field and the payload) of the transaction's tenant, oldest first: what
 * an extract proves. `limit + 1` at most, so the caller knows when there are more.
 */
export function selectEntries(tx: Tx, q: EntrySelection) {
  let query = tx
    .selectFrom('journalEntries')
    .selectAll()
    .where('recordedAt', '<=', q.upTo)
    .orderBy('id')
    .limit(q.limit + 1);
  if (q.objects) {
    const objects = q.objects;
    if (objects.length === 0) return Promise.resolve([]);
    query = query.where((eb) =>
      eb.or(
        objects.map((o) => eb.and([eb('objectType', '=', o.objectType), eb('objectId', '=', o.objectId)])),
      ),
    );
  }
  if (q.actorId) query = query.where('actorId', '=', q.actorId);
  return inPeriod(query, q).execute();
}
