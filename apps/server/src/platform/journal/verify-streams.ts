import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { GENESIS_HASH, canonicalJson, entryHash, sha256Hex } from './hash.js';

export interface BrokenEntry {
  /** `stream`: the head recorded for a stream is not its last entry (entries deleted at its end). */
  kind: 'entry' | 'seal' | 'stream';
  /** journal entry id or seal id */
  id: number;
  municipalityId?: string;
  stream?: string;
  seq?: number;
  reason: string;
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
 */
export async function verifyStreams(db: Kysely<DB>): Promise<StreamsReport> {
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

  const heads = await db
    .selectFrom('journalStreams')
    .select(['municipalityId', 'stream', 'seq', 'headHash'])
    .orderBy('municipalityId')
    .orderBy('stream')
    .execute();
  for (const head of heads) {
    const last = lastOf.get(`${head.municipalityId}|${head.stream}`);
    if (last?.seq === head.seq && last.hash === head.headHash) continue;
    return {
      entries,
      streams,
      broken: {
        kind: 'stream',
        id: last?.id ?? 0,
        municipalityId: head.municipalityId,
        stream: head.stream,
        seq: head.seq,
        reason: last
          ? `последняя запись потока — № ${last.seq}, а голова потока указывает на № ${head.seq}: записи удалены или подменены`
          : `у потока нет записей, а голова указывает на № ${head.seq}: записи удалены`,
      },
    };
  }
  if (heads.length !== lastOf.size) {
    const known = new Set(heads.map((h) => `${h.municipalityId}|${h.stream}`));
    const orphan = [...lastOf.entries()].find(([key]) => !known.has(key));
    return {
      entries,
      streams,
      broken: {
        kind: 'stream',
        id: orphan?.[1].id ?? 0,
        stream: orphan?.[0].split('|')[1] ?? '',
        reason: 'у потока записей нет головы: учёт потоков изменён',
      },
    };
  }

  return { entries, streams };
}
