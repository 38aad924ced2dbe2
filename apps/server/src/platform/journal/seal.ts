import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { GENESIS_HASH, sealHash, sealRoot } from './hash.js';
import { appendToTree } from './tree.js';

// Any constant, distinct from the migration lock.
const SEAL_LOCK = 7_345_002;
/** Streams per statement when reading their new entries and moving their sealed heads. */
const SEAL_CHUNK = 5000;

export interface SealResult {
  sealId: number;
  headCount: number;
  sealHash: string;
  signed: boolean;
  /** The Merkle tree's size and root the seal signs (RFC 9162 tree head). */
  treeSize: number;
  treeRoot: string;
}

/** Signs a seal: a detached CAdES-BES over the seal hash (its hex text) with the system's GOST key. */
export interface SealSigner {
  sign(sealHash: string, sealedAt: Date): Promise<{ signature: Uint8Array; certificate: Uint8Array }>;
}

/**
 * Records a tree head: the heads of all streams that moved since the previous seal, chained to that
 * seal, and the entries they newly cover appended to the journal's Merkle tree (RFC 9162) in journal
 * order, whose size and root the seal's hash covers (seal version 2). Afterwards rewriting an old
 * entry, even with its whole stream re-hashed, no longer matches, and the entry's place in a signed
 * head is provable. Returns undefined when nothing moved. Safe to run twice: the second run finds
 * nothing to seal. With a signer, the seal carries the system's signature, which someone who can
 * rewrite the database but does not hold the installation's master key cannot forge.
 */
export async function sealJournal(database: Database, signer?: SealSigner): Promise<SealResult | undefined> {
  return database.system.transaction().execute(async (tx) => {
    // One sealer at a time (several workers): two seals read the same previous seal otherwise and
    // fork the chain, which verification then reports as a break.
    await sql`select pg_advisory_xact_lock(${SEAL_LOCK})`.execute(tx);
    // tree_seq <= sealed_seq <= seq always (both move together from migration 0019 on; tree_seq
    // starts at 0, so the first seal after it puts every earlier entry in the tree).
    const moved = await tx
      .selectFrom('journalStreams')
      .select(['municipalityId', 'stream', 'seq', 'headHash', 'treeSeq'])
      .whereRef('seq', '>', 'treeSeq')
      .orderBy('municipalityId')
      .orderBy('stream')
      .forUpdate()
      .execute();
    if (moved.length === 0) return undefined;
    const previous = await tx
      .selectFrom('journalSeals')
      .select('sealHash')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const heads = moved.map((s) => ({
      municipalityId: s.municipalityId,
      stream: s.stream,
      seq: s.seq,
      hash: s.headHash,
    }));
    // Exactly the locked streams' new entries: a stream begun after the lock waits for the next seal.
    // Read by a join with the streams' ranges passed as arrays, thousands of streams a statement (a
    // first seal of a large journal moves every stream at once).
    const fresh: Array<{ id: number; hash: string }> = [];
    for (let i = 0; i < moved.length; i += SEAL_CHUNK) {
      const chunk = moved.slice(i, i + SEAL_CHUNK);
      const { rows } = await sql<{ id: number; hash: string }>`
        with moved as (
          select unnest(${chunk.map((s) => s.municipalityId)}::uuid[]) as municipality_id,
                 unnest(${chunk.map((s) => s.stream)}::text[]) as stream,
                 unnest(${chunk.map((s) => s.treeSeq)}::bigint[]) as tree_seq,
                 unnest(${chunk.map((s) => s.seq)}::bigint[]) as seq)
        select e.id, e.hash
        from moved m
        join journal_entries e
          on e.municipality_id = m.municipality_id and e.stream = m.stream
         and e.seq > m.tree_seq and e.seq <= m.seq`.execute(tx);
      fresh.push(...rows);
    }
    fresh.sort((a, b) => a.id - b.id);
    const tree = await appendToTree(tx, fresh);
    const sealedAt = new Date();
    const seal = {
      sealedAt,
      headCount: heads.length,
      rootHash: sealRoot(heads),
      prevSealHash: previous?.sealHash ?? GENESIS_HASH,
      treeSize: tree.size,
      treeRoot: tree.root,
    };
    const hash = sealHash({ ...seal, version: 2 });
    // Seals are insert-only: the signature is made first and inserted with the seal.
    const signed = signer ? await signer.sign(hash, sealedAt) : undefined;
    const { id } = await tx
      .insertInto('journalSeals')
      .values({
        ...seal,
        version: 2,
        sealHash: hash,
        signature: signed ? Buffer.from(signed.signature) : null,
        signerCertificate: signed ? Buffer.from(signed.certificate) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < heads.length; i += 500) {
      await tx
        .insertInto('journalSealHeads')
        .values(heads.slice(i, i + 500).map((h) => ({ sealId: id, ...h })))
        .execute();
    }
    for (let i = 0; i < heads.length; i += SEAL_CHUNK) {
      const chunk = heads.slice(i, i + SEAL_CHUNK);
      await sql`
        with sealed as (
          select unnest(${chunk.map((h) => h.municipalityId)}::uuid[]) as municipality_id,
                 unnest(${chunk.map((h) => h.stream)}::text[]) as stream,
                 unnest(${chunk.map((h) => h.seq)}::bigint[]) as seq)
        update journal_streams s set sealed_seq = m.seq, tree_seq = m.seq
        from sealed m
        where s.municipality_id = m.municipality_id and s.stream = m.stream`.execute(tx);
    }
    return {
      sealId: id,
      headCount: heads.length,
      sealHash: hash,
      signed: !!signed,
      treeSize: tree.size,
      treeRoot: tree.root,
    };
  });
}
