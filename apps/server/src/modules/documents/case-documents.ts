import type { Tx } from '../../db/database.js';
import { employeeNames } from '../org/index.js';

/** A document as another module's view lists it: its names and its signatures (who, when, valid). */
export interface DocumentSummary {
  id: string;
  title: string;
  fileName: string;
  createdAt: Date;
  signatures: Array<{ id: string; signer: string; signingTime: Date | null; valid: boolean }>;
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
  const signatures = await tx
    .selectFrom('documentSignatures')
    .select(['id', 'documentId', 'signerId', 'signingTime', 'valid'])
    .where('documentId', 'in', wanted)
    .orderBy('createdAt')
    .execute();
  const names = await employeeNames(
    tx,
    signatures.map((s) => s.signerId),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        ...r,
        signatures: signatures
          .filter((s) => s.documentId === r.id)
          .map((s) => ({
            id: s.id,
            signer: names.get(s.signerId) ?? '',
            signingTime: s.signingTime,
            valid: s.valid,
          })),
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
