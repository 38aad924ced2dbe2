import { Certificate } from 'pkijs';
import type { Database } from '../../db/database.js';
import { verifyCms } from '../crypto/cms.js';
import { selectProvider, type GostProvider } from '../crypto/provider.js';
import { GENESIS_HASH, canonicalJson, entryHash, sealHash, sealRoot, sha256Hex } from './hash.js';

export interface BrokenEntry {
  kind: 'entry' | 'seal';
  /** journal entry id or seal id */
  id: number;
  municipalityId?: string;
  stream?: string;
  seq?: number;
  reason: string;
}

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

const BATCH = 2000;

/**
 * Walks every stream and every seal and names the first entry that does not hold. A seal's signature,
 * when it has one, must verify by the system key certified by the installation CA; once seals are
 * signed (from migration 0003 on) a later unsigned seal is a break.
 */
export async function verifyJournal(
  database: Database,
  options: VerifyJournalOptions = {},
): Promise<VerifyReport> {
  const db = database.system;
  let entries = 0;
  let streams = 0;
  let cursor: { municipalityId: string; stream: string; seq: number } | undefined;
  let current: { key: string; seq: number; hash: string } | undefined;

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
      const broken = (reason: string): VerifyReport => ({
        entries,
        streams,
        seals: 0,
        signedSeals: 0,
        ok: false,
        firstBroken: {
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
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) break;
    cursor = { municipalityId: last.municipalityId, stream: last.stream, seq: last.seq };
  }

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
      const report = await verifyCms(
        new Uint8Array(seal.signature),
        new TextEncoder().encode(seal.sealHash),
        {
          provider,
          trustedRoots,
        },
      );
      if (!report.valid) return broken(`подпись печати недействительна: ${report.message}`);
      if (report.signer?.serialNumber !== serialOf(new Uint8Array(seal.signerCertificate))) {
        return broken('печать подписана не тем сертификатом, что записан в ней');
      }
      signedSeals++;
    } else if (signedSeals > 0) {
      return broken('печать не подписана, хотя предыдущие печати подписаны');
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
