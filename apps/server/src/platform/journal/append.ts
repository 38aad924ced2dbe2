import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { ActorType } from '../../db/schema.js';
import { GENESIS_HASH, canonicalJson, entryHash, sha256Hex } from './hash.js';
import { redactPersonalData } from './redact.js';

export interface Actor {
  type: ActorType;
  id: string | null;
  /** ФИО at the moment of the action, kept in the entry for extracts. */
  name: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: 'Система' };

export interface JournalRecord {
  municipalityId: string;
  actor: Actor;
  action: string;
  objectType: string;
  objectId: string;
  payload: Record<string, unknown>;
}

/**
 * Appends an entry to the object's stream in the caller's transaction (seed 000 item 2.11), so the
 * change and its entry commit or vanish together. Locks only this object's stream head. The payload is
 * stored and hashed as `redactPersonalData` leaves it: personal data never enters the journal (152-ФЗ).
 */
export async function appendJournal(tx: Tx, record: JournalRecord): Promise<{ id: number; hash: string }> {
  const stream = `${record.objectType}:${record.objectId}`;
  const head = await lockStreamHead(tx, record.municipalityId, stream);

  const payloadJson = canonicalJson(redactPersonalData(record.payload));
  const entry = {
    municipalityId: record.municipalityId,
    stream,
    seq: head.seq + 1,
    recordedAt: new Date(),
    actorType: record.actor.type,
    actorId: record.actor.id,
    actorName: record.actor.name,
    action: record.action,
    objectType: record.objectType,
    objectId: record.objectId,
    payloadHash: sha256Hex(payloadJson),
    prevHash: head.headHash,
  };
  const hash = entryHash(entry);
  // The entry and the stream's new head in one statement (one round trip); both or neither.
  const inserted = await tx
    .with('entry', (db) =>
      db
        .insertInto('journalEntries')
        .values({ ...entry, payload: payloadJson, hash })
        .returning('id'),
    )
    .updateTable('journalStreams')
    .from('entry')
    .set({ seq: entry.seq, headHash: hash, updatedAt: entry.recordedAt })
    .where('municipalityId', '=', record.municipalityId)
    .where('stream', '=', stream)
    .returning('entry.id')
    .executeTakeFirstOrThrow();
  return { id: inserted.id, hash };
}

/**
 * The head of a stream, created at genesis if new and locked to the end of the caller's transaction:
 * appends to one stream (and what must see its entries first, as the personal-data access log does)
 * run one at a time; other streams never wait.
 */
export async function lockStreamHead(
  tx: Tx,
  municipalityId: string,
  stream: string,
): Promise<{ seq: number; headHash: string }> {
  // Created at genesis if new, else locked as it is (an update that changes nothing takes the row lock
  // and returns the head another transaction committed last): one round trip.
  return tx
    .insertInto('journalStreams')
    .values({ municipalityId, stream, seq: 0, headHash: GENESIS_HASH })
    .onConflict((oc) =>
      oc.columns(['municipalityId', 'stream']).doUpdateSet({ seq: sql<number>`journal_streams.seq` }),
    )
    .returning(['seq', 'headHash'])
    .executeTakeFirstOrThrow();
}
