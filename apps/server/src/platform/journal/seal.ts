import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { GENESIS_HASH, sealHash, sealRoot } from './hash.js';

// Any constant, distinct from the migration lock.
const SEAL_LOCK = 7_345_002;

export interface SealResult {
  sealId: number;
  headCount: number;
  sealHash: string;
  signed: boolean;
}

/** Signs a seal: a detached CAdES-BES over the seal hash (its hex text) with the system's GOST key. */
export interface SealSigner {
  sign(sealHash: string, sealedAt: Date): Promise<{ signature: Uint8Array; certificate: Uint8Array }>;
}

/**
 * Records a tree head: the heads of all streams that moved since the previous seal, chained to that
 * seal. Afterwards rewriting an old entry, even with its whole stream re-hashed, no longer matches.
 * Returns undefined when nothing moved. Safe to run twice: the second run finds nothing to seal.
 * With a signer, the seal carries the system's signature, which someone who can rewrite the database
 * but does not hold the installation's master key cannot forge.
 */
export async function sealJournal(database: Database, signer?: SealSigner): Promise<SealResult | undefined> {
  return database.system.transaction().execute(async (tx) => {
    // One sealer at a time (several workers): two seals read the same previous seal otherwise and
    // fork the chain, which verification then reports as a break.
    await sql`select pg_advisory_xact_lock(${SEAL_LOCK})`.execute(tx);
    const moved = await tx
      .selectFrom('journalStreams')
      .select(['municipalityId', 'stream', 'seq', 'headHash'])
      .whereRef('seq', '>', 'sealedSeq')
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
    const seal = {
      sealedAt: new Date(),
      headCount: heads.length,
      rootHash: sealRoot(heads),
      prevSealHash: previous?.sealHash ?? GENESIS_HASH,
    };
    const hash = sealHash(seal);
    // Seals are insert-only: the signature is made first and inserted with the seal.
    const signed = signer ? await signer.sign(hash, seal.sealedAt) : undefined;
    const { id } = await tx
      .insertInto('journalSeals')
      .values({
        ...seal,
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
    for (const head of heads) {
      await tx
        .updateTable('journalStreams')
        .set({ sealedSeq: head.seq })
        .where('municipalityId', '=', head.municipalityId)
        .where('stream', '=', head.stream)
        .execute();
    }
    return { sealId: id, headCount: heads.length, sealHash: hash, signed: !!signed };
  });
}
