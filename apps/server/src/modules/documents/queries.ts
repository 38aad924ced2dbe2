import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DocumentSignature, StoredDocument } from '@uslugi/contracts';
import type { Database, Tx } from '../../db/database.js';
import { notFound } from '../../platform/errors.js';
import { employeeNames, orgUnitNames } from '../org/index.js';
import { storedReport } from '../signing/index.js';
import { documentAccess, type DocumentViewer } from './access.js';

// Every query here takes the viewer and applies documentAccess: a document the viewer may not see is
// not found, whichever way it is asked for.

export async function selectDocuments(
  tx: Tx,
  viewer: DocumentViewer,
  filter: { id?: string } = {},
): Promise<StoredDocument[]> {
  let query = tx
    .selectFrom('documents as d')
    .where(documentAccess(viewer))
    .select([
      'd.id',
      'd.title',
      'd.fileName',
      'd.mediaType',
      'd.size',
      'd.sha256',
      'd.streebog256',
      'd.createdAt',
      'd.retainUntil',
      'd.createdBy',
      'd.orgUnitId',
      sql<number>`(select count(*)::int from document_signatures s where s.document_id = d.id)`.as(
        'signatureCount',
      ),
    ])
    .orderBy('d.createdAt', 'desc')
    .limit(500);
  if (filter.id) query = query.where('d.id', '=', filter.id);
  const rows = await query.execute();
  const names = await employeeNames(
    tx,
    rows.map((r) => r.createdBy),
  );
  const units = await orgUnitNames(
    tx,
    rows.flatMap((r) => (r.orgUnitId ? [r.orgUnitId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    fileName: r.fileName,
    mediaType: r.mediaType,
    size: r.size,
    sha256: r.sha256,
    streebog256: r.streebog256,
    createdAt: r.createdAt.toISOString(),
    createdByName: names.get(r.createdBy) ?? '',
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitId ? (units.get(r.orgUnitId) ?? null) : null,
    retainUntil: r.retainUntil,
    signatureCount: r.signatureCount,
  }));
}

export async function getDocument(tx: Tx, viewer: DocumentViewer, id: string): Promise<StoredDocument> {
  const [document] = await selectDocuments(tx, viewer, { id });
  if (!document) throw notFound(`document ${id}`);
  return document;
}

export async function documentStorageKey(
  tx: Tx,
  viewer: DocumentViewer,
  id: string,
): Promise<{ storageKey: string; fileName: string; mediaType: string }> {
  const row = await tx
    .selectFrom('documents as d')
    .select(['d.storageKey', 'd.fileName', 'd.mediaType'])
    .where(documentAccess(viewer))
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`document ${id}`);
  return row;
}

export async function selectSignatures(
  tx: Tx,
  /** Null: the caller has already decided the reader may see the document (see signDocumentIn). */
  viewer: DocumentViewer | null,
  documentId: string,
  signatureId?: string,
): Promise<DocumentSignature[]> {
  let query = tx
    .selectFrom('documentSignatures as s')
    .innerJoin('documents as d', 'd.id', 's.documentId')
    .where((eb) => (viewer ? documentAccess(viewer)(eb) : eb.lit(true)))
    .select(['s.id', 's.documentId', 's.signingTime', 's.valid', 's.report', 's.createdAt', 's.signerId'])
    .where('s.documentId', '=', documentId)
    .orderBy('s.createdAt');
  if (signatureId) query = query.where('s.id', '=', signatureId);
  const rows = await query.execute();
  const names = await employeeNames(
    tx,
    rows.map((r) => r.signerId),
  );
  return rows.map((r) => {
    const report = storedReport(r.report, r.createdAt);
    return {
      id: r.id,
      documentId: r.documentId,
      signerName: names.get(r.signerId) ?? '',
      certificateSerial: report.signer?.serialNumber ?? '',
      signingTime: r.signingTime.toISOString(),
      valid: r.valid,
      report,
    };
  });
}

export async function signatureDerOf(
  tx: Tx,
  viewer: DocumentViewer,
  documentId: string,
  signatureId: string,
): Promise<Uint8Array> {
  const row = await tx
    .selectFrom('documentSignatures as s')
    .innerJoin('documents as d', 'd.id', 's.documentId')
    .select('s.signature')
    .where(documentAccess(viewer))
    .where('s.documentId', '=', documentId)
    .where('s.id', '=', signatureId)
    .executeTakeFirst();
  if (!row) throw notFound(`signature ${signatureId}`);
  return new Uint8Array(row.signature);
}

/**
 * When the system stored exactly this signature (DER bytes), if it did: the trusted time of an
 * uploaded copy of a signature made in the system. Any municipality's: the public page knows none,
 * and the holder of the signature file learns only that the system keeps it and since when.
 */
export async function storedSignatureTime(database: Database, der: Uint8Array): Promise<Date | undefined> {
  const digest = createHash('sha256').update(der).digest();
  // Across municipalities by design (the public page knows none): the owner connection.
  // eslint-disable-next-line no-restricted-syntax
  const row = await database.system
    .selectFrom('documentSignatures')
    .select('createdAt')
    .where(sql<Buffer>`sha256(signature)`, '=', digest)
    .where('signature', '=', Buffer.from(der))
    .orderBy('createdAt')
    .limit(1)
    .executeTakeFirst();
  return row?.createdAt;
}
