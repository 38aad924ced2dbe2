import type { Kysely } from 'kysely';
import { Certificate } from 'pkijs';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { verifyCms } from '../crypto/cms.js';
import { CERTIFICATE_BACKDATE_MS } from '../crypto/pki.js';
import { selectProvider, type GostProvider } from '../crypto/provider.js';
import { GENESIS_HASH, sealHash, sealRoot } from './hash.js';
import type { PublishedHeadLine } from './publish.js';
import { verifyTree } from './verify-tree.js';
import { readJournalMoment, verifyStreams, type BrokenEntry, type JournalMoment } from './verify-streams.js';

export { JOURNAL_INTACT, describeBreak, type BrokenEntry } from './verify-streams.js';

export interface VerifyReport {
  entries: number;
  streams: number;
  seals: number;
  /** Seals whose GOST signature was checked and holds. */
  signedSeals: number;
  /** Leaves of the Merkle tree checked, and the heads published outside the database held against it. */
  treeSize?: number;
  publishedHeads?: number;
  ok: boolean;
  firstBroken?: BrokenEntry;
}

export interface VerifyJournalOptions {
  /**
   * How seal signatures are checked: the provider and the installation CA's certificate the system key
   * must chain to. journal:verify passes the CA whose key the master key opens; by default the
   * process's provider and the CA certificate stored in the database.
   */
  signatures?: { provider: GostProvider; trustedRoots: Uint8Array[] };
  /**
   * The heads published outside the database (JOURNAL_HEADS_FILE), read before the journal's moment:
   * each must be a seal of this journal, and the tree must be at least as long as each.
   */
  published?: PublishedHeadLine[];
}

function serialOf(der: Uint8Array): string {
  const certificate = Certificate.fromBER(new Uint8Array(der));
  return Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase();
}

/**
 * When a certificate was made, to the second: its notBefore is dated {@link CERTIFICATE_BACKDATE_MS}
 * back and written to the second (UTCTime), rounded down. So an unsigned seal made in the same second
 * just before the key would count as after it: a false alarm at worst, never a stripped signature.
 */
function madeAt(der: Uint8Array): Date {
  const notBefore = Certificate.fromBER(new Uint8Array(der)).notBefore.value;
  return new Date(notBefore.getTime() + CERTIFICATE_BACKDATE_MS);
}

/**
 * From when every seal must be signed: the system key's creation, when the installation has one. The
 * earliest of the key row's created_at and the making of the system certificate and of the
 * installation CA's (made in the same first start): the certificates are signed, and the CA's is the
 * one the master key opens, so moving created_at or swapping the row's certificate in the database
 * does not move the boundary past the CA's creation.
 */
function signingRequiredSince(
  systemKey: { createdAt: Date; certificate: Uint8Array } | undefined,
  installationCas: Uint8Array[],
): Date | undefined {
  if (!systemKey) return undefined;
  const times = [systemKey.createdAt, madeAt(systemKey.certificate), ...installationCas.map(madeAt)];
  return new Date(Math.min(...times.map((t) => t.getTime())));
}

/**
 * Walks every stream and every seal and names the first entry that does not hold. A seal's signature,
 * when it has one, must verify by the system key certified by the installation CA, judged at the
 * seal's own time. Once the installation has a system key, every seal sealed after the key was made
 * must be signed, and an unsigned seal after a signed one is a break in any case: signatures cannot
 * be stripped to rewrite what they covered.
 *
 * It checks one moment of the journal while the system keeps working (a running server, or a second
 * process on a PostgreSQL server), so concurrent appends and seals are neither half-seen nor taken
 * for deletions:
 * - PostgreSQL: the whole walk runs in one REPEATABLE READ, READ ONLY transaction, a single snapshot
 *   that writers do not wait for;
 * - the embedded database: one backend serves the whole server, and a transaction held for the walk
 *   would stop every other request until it ends. The moment (the last entry and seal, every stream's
 *   head) is read in one short transaction; the walk then reads, between other requests, only what
 *   existed at that moment ({@link verifyStreams}). Transactions there run one at a time, so nothing
 *   committed later has a smaller id.
 */
export async function verifyJournal(
  database: Database,
  options: VerifyJournalOptions = {},
): Promise<VerifyReport> {
  if (database.engine === 'postgres') {
    return database.system
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (tx) => verifyAt(tx, await readJournalMoment(tx), options));
  }
  const moment = await database.system.transaction().execute((tx) => readJournalMoment(tx));
  return verifyAt(database.system, moment, options);
}

async function verifyAt(
  db: Kysely<DB>,
  moment: JournalMoment,
  options: VerifyJournalOptions,
): Promise<VerifyReport> {
  const walked = await verifyStreams(db, moment);
  const { entries, streams } = walked;
  if (walked.broken)
    return { entries, streams, seals: 0, signedSeals: 0, ok: false, firstBroken: walked.broken };

  let seals = 0;
  let signedSeals = 0;
  let prevSealHash = GENESIS_HASH;
  let trust = options.signatures;
  const signatureTrust = async () => {
    if (!trust) {
      const ca = await db
        .selectFrom('pkiInstallationKeys')
        .select('certificate')
        .where('purpose', '=', 'ca')
        .executeTakeFirst();
      trust = { provider: selectProvider(), trustedRoots: ca ? [new Uint8Array(ca.certificate)] : [] };
    }
    return trust;
  };
  const systemKey = await db
    .selectFrom('pkiInstallationKeys')
    .select(['createdAt', 'certificate'])
    .where('purpose', '=', 'system_signer')
    .executeTakeFirst();
  const requiredSince = systemKey
    ? signingRequiredSince(
        { createdAt: systemKey.createdAt, certificate: new Uint8Array(systemKey.certificate) },
        (await signatureTrust()).trustedRoots,
      )
    : undefined;
  const sealRows = await db
    .selectFrom('journalSeals')
    .selectAll()
    .where('id', '<=', moment.lastSealId)
    .orderBy('id')
    .execute();
  for (const seal of sealRows) {
    seals++;
    const broken = (reason: string): VerifyReport => ({
      entries,
      streams,
      seals,
      signedSeals,
      ok: false,
      firstBroken: { kind: 'seal', id: seal.id, reason },
    });
    if (seal.prevSealHash !== prevSealHash) return broken('цепочка печатей разорвана');
    if (sealHash(seal) !== seal.sealHash) return broken('хеш печати не совпадает');
    if (seal.signature && seal.signerCertificate) {
      const { provider, trustedRoots } = await signatureTrust();
      // Judged at the seal's own time, which the seal hash covers. The system key is never revoked by
      // this system (no route revokes it) and no CRL is passed: an unknown revocation status alone
      // (indeterminate) does not break the journal, a failed check does.
      const report = await verifyCms(
        new Uint8Array(seal.signature),
        new TextEncoder().encode(seal.sealHash),
        { provider, trustedRoots, storedAt: seal.sealedAt },
      );
      if (report.status === 'invalid') return broken(`подпись печати недействительна: ${report.message}`);
      if (report.signer?.serialNumber !== serialOf(new Uint8Array(seal.signerCertificate))) {
        return broken('печать подписана не тем сертификатом, что записан в ней');
      }
      signedSeals++;
    } else if (requiredSince && seal.sealedAt >= requiredSince) {
      return broken(
        `печать № ${seal.id} не подписана, хотя сделана после создания ключа системы (${requiredSince.toISOString()})`,
      );
    } else if (signedSeals > 0) {
      return broken(`печать № ${seal.id} не подписана, хотя предыдущие печати подписаны`);
    }
    const heads = await db
      .selectFrom('journalSealHeads as h')
      .leftJoin('journalEntries as e', (join) =>
        join
          .onRef('e.municipalityId', '=', 'h.municipalityId')
          .onRef('e.stream', '=', 'h.stream')
          .onRef('e.seq', '=', 'h.seq'),
      )
      .select(['h.municipalityId', 'h.stream', 'h.seq', 'h.hash', 'e.id as entryId', 'e.hash as entryHash'])
      .where('h.sealId', '=', seal.id)
      .execute();
    if (heads.length !== seal.headCount || sealRoot(heads) !== seal.rootHash) {
      return broken('состав печати изменён');
    }
    for (const head of heads) {
      const where = { municipalityId: head.municipalityId, stream: head.stream, seq: head.seq };
      const firstBroken: BrokenEntry | undefined =
        head.entryId === null
          ? // The seal vouches for an entry that is gone (deleted, with its stream's head moved back or
            // removed): there is no journal number to name, only the stream and the number in it.
            { kind: 'missing_entry', ...where, sealId: seal.id, reason: 'запись удалена' }
          : head.entryHash !== head.hash
            ? {
                kind: 'entry',
                id: head.entryId,
                ...where,
                reason: `запись не совпадает с печатью № ${seal.id}`,
              }
            : undefined;
      if (firstBroken) return { entries, streams, seals, signedSeals, ok: false, firstBroken };
    }
    prevSealHash = seal.sealHash;
  }
  const tree = await verifyTree(db, moment, sealRows, options.published ?? []);
  return {
    entries,
    streams,
    seals,
    signedSeals,
    treeSize: tree.treeSize,
    publishedHeads: tree.publishedHeads,
    ok: !tree.broken,
    ...(tree.broken ? { firstBroken: tree.broken } : {}),
  };
}
