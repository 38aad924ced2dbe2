import type { Tx } from '../../db/database.js';
import { employeeNames } from '../org/index.js';
import { storedReport } from '../signing/index.js';

/** A document as another module's view lists it: its names and its signatures (who, when, valid). */
export interface DocumentSummary {
  id: string;
  title: string;
  fileName: string;
  createdAt: Date;
  signatures: SignatureSummary[];
}

/** A stored signature: who, when, valid, the certificate's serial and the report's one line. */
export interface SignatureSummary {
  id: string;
  signer: string;
  signingTime: Date | null;
  valid: boolean;
  certificateSerial: string;
  summary: string;
}

/** The signatures of the given documents, oldest first, by document id. */
export async function signatureSummaries(
  tx: Tx,
  documentIds: readonly string[],
): Promise<Map<string, SignatureSummary[]>> {
  const out = new Map<string, SignatureSummary[]>();
  if (documentIds.length === 0) return out;
  const rows = await tx
    .selectFrom('documentSignatures')
    .select(['id', 'documentId', 'signerId', 'signingTime', 'valid', 'report', 'createdAt'])
    .where('documentId', 'in', [...new Set(documentIds)])
    .orderBy('createdAt')
    .execute();
  const names = await employeeNames(
    tx,
    rows.map((s) => s.signerId),
  );
  for (const s of rows) {
    const report = storedReport(s.report, s.createdAt);
    const list = out.get(s.documentId) ?? [];
    list.push({
      id: s.id,
      signer: names.get(s.signerId) ?? '',
      signingTime: s.signingTime,
      valid: s.valid,
      certificateSerial: report.signer?.serialNumber ?? '',
      summary: report.summary,
    });
    out.set(s.documentId, list);
  }
  return out;
}

/**
 * The given documents with their signatures, by id, for a module that has already decided the reader
 * may see them (the case's documents, shown to whoever may see the case).
 */
export async function documentSummaries(
  tx: Tx,
  ids: readonly string[],
): Promise<Map<string, DocumentSummary>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .selectFrom('documents')
    .select(['id', 'title', 'fileName', 'createdAt'])
    .where('id', 'in', wanted)
    .execute();
  const signatures = await signatureSummaries(tx, wanted);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        ...r,
        signatures: signatures.get(r.id) ?? [],
      },
    ]),
  );
}

/**
 * A signature's CMS (DER) with its document's file name, for a module that has already decided the
 * reader may have the document; undefined when the signature is not of that document.
 */
export async function signatureFile(
  tx: Tx,
  documentId: string,
  signatureId: string,
): Promise<{ fileName: string; der: Uint8Array } | undefined> {
  const row = await tx
    .selectFrom('documentSignatures as s')
    .innerJoin('documents as d', 'd.id', 's.documentId')
    .select(['s.signature', 'd.fileName'])
    .where('s.documentId', '=', documentId)
    .where('s.id', '=', signatureId)
    .executeTakeFirst();
  return row && { fileName: row.fileName, der: new Uint8Array(row.signature) };
}
