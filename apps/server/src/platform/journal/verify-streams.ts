import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { GENESIS_HASH, canonicalJson, entryHash, sha256Hex } from './hash.js';

/**
 * Where the journal first fails to hold. Every kind names something that exists, or says plainly that
 * it is gone: an entry by its journal number and stream, a missing one by its stream and number in it.
 * What a person reads is {@link describeBreak}.
 */
export type BrokenEntry =
  /** An entry that is there but does not hold (content, hash, numbering, chain, or the seal's hash). */
  | { kind: 'entry'; id: number; municipalityId: string; stream: string; seq: number; reason: string }
  /** An entry a seal vouches for that is no longer in the journal. */
  | {
      kind: 'missing_entry';
      municipalityId: string;
      stream: string;
      seq: number;
      sealId: number;
      reason: string;
    }
  /**
   * A stream whose recorded head is not its last entry (entries deleted at its end), or entries with no
   * recorded head. `seq`: where the head points; `lastEntryId`: the stream's last remaining entry.
   */
  | {
      kind: 'stream';
      municipalityId: string;
      stream: string;
      seq?: number;
      lastEntryId?: number;
      reason: string;
    }
  /** A seal: its chain, hash, composition or signature. */
  | { kind: 'seal'; id: number; reason: string };

export const JOURNAL_INTACT = 'Журнал цел: все цепочки, печати и подписи печатей сходятся';

/** One Russian sentence naming the break, as `journal:verify` prints it and the endpoint answers it. */
export function describeBreak(b: BrokenEntry): string {
  switch (b.kind) {
    case 'entry':
      return `НАРУШЕНИЕ: первая повреждённая запись № ${b.id} (поток ${b.stream}, номер в потоке ${b.seq}): ${b.reason}`;
    case 'missing_entry':
      return `НАРУШЕНИЕ: в потоке ${b.stream} нет записи с номером ${b.seq}, закреплённой печатью № ${b.sealId}: ${b.reason}`;
    case 'stream':
      return `НАРУШЕНИЕ: поток ${b.stream}: ${b.reason}`;
    case 'seal':
      return `НАРУШЕНИЕ: печать № ${b.id}: ${b.reason}`;
  }
}

export interface StreamHead {
  municipalityId: string;
  stream: string;
  seq: number;
  headHash: string;
  /** Up to which entry the seals have covered the stream, and put it in the Merkle tree. */
  sealedSeq: number;
  treeSeq: number;
}

/**
 * The moment a verification checks: the last entry and seal then, and every stream's recorded head
 * then. Read in one transaction, so the heads and the entries agree (an append writes both in one).
 */
export interface JournalMoment {
  lastEntryId: number;
  lastSealId: number;
  heads: StreamHead[];
}

export async function readJournalMoment(db: Kysely<DB>): Promise<JournalMoment> {
  const last = await db
    .selectFrom('journalEntries')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const lastSeal = await db
    .selectFrom('journalSeals')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const heads = await db
    .selectFrom('journalStreams')
    .select(['municipalityId', 'stream', 'seq', 'headHash', 'sealedSeq', 'treeSeq'])
    .orderBy('municipalityId')
    .orderBy('stream')
    .execute();
  return { lastEntryId: Number(last?.id ?? 0), lastSealId: Number(lastSeal?.id ?? 0), heads };
}

export interface StreamsReport {
  entries: number;
  streams: number;
  broken?: BrokenEntry;
}

const BATCH = 2000;

/**
 * Walks every stream entry by entry (numbering, the previous entry's hash, the payload's hash, the
 * entry's hash) and holds each stream's recorded head against its last entry. Names the first break.
 * Only entries up to the moment's last one are walked: within a stream entries are numbered in the
 * order of their ids (an append locks the stream's head first), so what is appended later is an
 * unwalked tail beyond the head the moment recorded, never a gap.
 */
export async function verifyStreams(db: Kysely<DB>, moment: JournalMoment): Promise<StreamsReport> {
  let entries = 0;
  let streams = 0;
  let cursor: { municipalityId: string; stream: string; seq: number } | undefined;
  let current: { key: string; seq: number; hash: string } | undefined;
  // The last entry of every stream, to hold against the heads journal_streams records: a deleted
  // tail leaves an unbroken chain behind, but a head that points past it.
  const lastOf = new Map<string, { id: number; seq: number; hash: string }>();

  for (;;) {
    let query = db
      .selectFrom('journalEntries')
      .selectAll()
      .where('id', '<=', moment.lastEntryId)
      .orderBy('municipalityId')
      .orderBy('stream')
      .orderBy('seq')
      .limit(BATCH);
    if (cursor) {
      const c = cursor;
      query = query.where((eb) =>
        eb.or([
          eb('municipalityId', '>', c.municipalityId),
          eb.and([eb('municipalityId', '=', c.municipalityId), eb('stream', '>', c.stream)]),
          eb.and([
            eb('municipalityId', '=', c.municipalityId),
            eb('stream', '=', c.stream),
            eb('seq', '>', c.seq),
          ]),
        ]),
      );
    }
    const rows = await query.execute();
    for (const row of rows) {
      entries++;
      const key = `${row.municipalityId}|${row.stream}`;
      if (current?.key !== key) {
        streams++;
        current = { key, seq: 0, hash: GENESIS_HASH };
      }
      const broken = (reason: string): StreamsReport => ({
        entries,
        streams,
        broken: {
          kind: 'entry',
          id: row.id,
          municipalityId: row.municipalityId,
          stream: row.stream,
          seq: row.seq,
          reason,
        },
      });
      if (row.seq !== current.seq + 1) return broken(`пропуск в цепочке: ожидался номер ${current.seq + 1}`);
      if (row.prevHash !== current.hash) return broken('хеш предыдущей записи не совпадает');
      if (row.stream !== `${row.objectType}:${row.objectId}`) return broken('запись не принадлежит потоку');
      if (sha256Hex(canonicalJson(row.payload)) !== row.payloadHash) return broken('содержимое изменено');
      if (entryHash(row) !== row.hash) return broken('хеш записи не совпадает с её содержимым');
      current = { key, seq: row.seq, hash: row.hash };
      lastOf.set(key, { id: row.id, seq: row.seq, hash: row.hash });
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) break;
    cursor = { municipalityId: last.municipalityId, stream: last.stream, seq: last.seq };
  }

  const known = new Set<string>();
  for (const head of moment.heads) {
    const key = `${head.municipalityId}|${head.stream}`;
    known.add(key);
    const last = lastOf.get(key);
    if (last?.seq === head.seq && last.hash === head.headHash) continue;
    const where = { municipalityId: head.municipalityId, stream: head.stream, seq: head.seq };
    return {
      entries,
      streams,
      broken: last
        ? {
            kind: 'stream',
            ...where,
            lastEntryId: last.id,
            reason:
              `последняя запись потока — № ${last.seq} (запись журнала № ${last.id}), а голова потока ` +
              `указывает на № ${head.seq}: записи удалены или подменены`,
          }
        : {
            kind: 'stream',
            ...where,
            reason: `у потока нет записей, а голова указывает на № ${head.seq}: записи удалены`,
          },
    };
  }
  for (const [key, last] of lastOf) {
    if (known.has(key)) continue;
    const cut = key.indexOf('|');
    const [municipalityId, stream] = [key.slice(0, cut), key.slice(cut + 1)];
    return {
      entries,
      streams,
      broken: {
        kind: 'stream',
        municipalityId,
        stream,
        lastEntryId: last.id,
        reason: `у потока есть записи (последняя — запись журнала № ${last.id}), но нет головы: учёт потоков изменён`,
      },
    };
  }

  return { entries, streams };
}
