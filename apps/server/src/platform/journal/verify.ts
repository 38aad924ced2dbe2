import { Certificate } from 'pkijs';
import type { Database } from '../../db/database.js';
import { verifyCms } from '../crypto/cms.js';
import { CERTIFICATE_BACKDATE_MS } from '../crypto/pki.js';
import { selectProvider, type GostProvider } from '../crypto/provider.js';
import { GENESIS_HASH, sealHash, sealRoot } from './hash.js';
import { verifyStreams, type BrokenEntry } from './verify-streams.js';

export type { BrokenEntry } from './verify-streams.js';

export interface VerifyReport {
  entries: number;
  streams: number;
  seals: number;
  /** Seals whose GOST signature was checked and holds. */
  signedSeals: number;
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
 */
export async function verifyJournal(
  database: Database,
  options: VerifyJournalOptions = {},
): Promise<VerifyReport> {
  const db = database.system;
  const walked = await verifyStreams(db);
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
  const sealRows = await db.selectFrom('journalSeals').selectAll().orderBy('id').execute();
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
      if (head.entryId === null || head.entryHash !== head.hash) {
        return {
          entries,
          streams,
          seals,
          signedSeals,
          ok: false,
          firstBroken: {
            kind: 'entry',
            id: head.entryId ?? -1,
            municipalityId: head.municipalityId,
            stream: head.stream,
            seq: head.seq,
            reason: `запись не совпадает с печатью № ${seal.id}`,
          },
        };
      }
    }
    prevSealHash = seal.sealHash;
  }
  return { entries, streams, seals, signedSeals, ok: true };
}
