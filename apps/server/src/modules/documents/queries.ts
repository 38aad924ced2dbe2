import { sql } from 'kysely';
import type { DocumentSignature, StoredDocument } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { notFound } from '../../platform/errors.js';
import { storedReport } from '../../platform/pki/report.js';
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
    .innerJoin('employees as e', 'e.id', 'd.createdBy')
    .leftJoin('orgUnits as u', 'u.id', 'd.orgUnitId')
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
      'e.lastName',
      'e.firstName',
      'e.middleName',
      'd.orgUnitId',
      'u.name as orgUnitName',
      sql<number>`(select count(*)::int from document_signatures s where s.document_id = d.id)`.as(
        'signatureCount',
      ),
    ])
    .orderBy('d.createdAt', 'desc')
    .limit(500);
  if (filter.id) query = query.where('d.id', '=', filter.id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    fileName: r.fileName,
    mediaType: r.mediaType,
    size: r.size,
    sha256: r.sha256,
    streebog256: r.streebog256,
    createdAt: r.createdAt.toISOString(),
    createdByName: [r.lastName, r.firstName, r.middleName].filter(Boolean).join(' '),
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
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
  viewer: DocumentViewer,
  documentId: string,
  signatureId?: string,
): Promise<DocumentSignature[]> {
  let query = tx
    .selectFrom('documentSignatures as s')
    .innerJoin('documents as d', 'd.id', 's.documentId')
    .innerJoin('employees as e', 'e.id', 's.signerId')
    .where(documentAccess(viewer))
    .select([
      's.id',
      's.documentId',
      's.signingTime',
      's.valid',
      's.report',
      's.createdAt',
      'e.lastName',
      'e.firstName',
      'e.middleName',
    ])
    .where('s.documentId', '=', documentId)
    .orderBy('s.createdAt');
  if (signatureId) query = query.where('s.id', '=', signatureId);
  const rows = await query.execute();
  return rows.map((r) => {
    const report = storedReport(r.report, r.createdAt);
    return {
      id: r.id,
      documentId: r.documentId,
      signerName: [r.lastName, r.firstName, r.middleName].filter(Boolean).join(' '),
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
