import {
  PUBLIC_VERDICT_TITLES,
  type PublicDocumentVerification,
  type PublicSignature,
  type PublicVerdict,
} from '@uslugi/contracts';
import type { Database } from '../../db/database.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { Pki } from '../../platform/pki/installation.js';
import { verificationContext, verifySignature } from '../signing/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The stored document's facts the public check needs, and nothing else (000 item 3.5: the QR code
 * of a signed PDF leads here). A public request carries no municipality, so the tenant transaction
 * (row-level security keyed on the session's municipality) cannot see the row: this reads through
 * the owner connection, by the document's id only, selecting only the title, the digests and the
 * signatures. The id is a random uuid printed on the document, so knowing it is holding the paper.
 */
async function storedDocument(database: Database, id: string) {
  // Across municipalities by design (the public page knows none): the owner connection, narrow select.
  // eslint-disable-next-line no-restricted-syntax
  const system = database.system;
  const document = await system
    .selectFrom('documents')
    .select(['id', 'title', 'size', 'sha256', 'streebog256', 'storageKey'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!document) return undefined;
  const signatures = await system
    .selectFrom('documentSignatures')
    .select(['signature', 'createdAt'])
    .where('documentId', '=', id)
    .orderBy('createdAt')
    .execute();
  return { document, signatures };
}

/**
 * Verifies the stored document's signatures against its stored bytes, each judged at the time the
 * system stored it (63-ФЗ art. 11). Undefined for an id that is not a stored document.
 */
export async function verifyStoredDocument(
  deps: { database: Database; files: FileStore; pki: Pki },
  id: string,
  now = new Date(),
): Promise<PublicDocumentVerification | undefined> {
  if (!UUID.test(id)) return undefined;
  const stored = await storedDocument(deps.database, id);
  if (!stored) return undefined;
  const { document } = stored;
  const signatures: PublicSignature[] = [];
  if (stored.signatures.length > 0) {
    const content = await deps.files.get(document.storageKey);
    const context = await verificationContext(deps.pki);
    for (const s of stored.signatures) {
      const report = await verifySignature(deps.pki, context, new Uint8Array(s.signature), content, {
        storedAt: s.createdAt,
      });
      signatures.push({
        valid: report.valid,
        summary: report.summary,
        owner: report.signer?.fullName ?? '',
        position: report.signer?.title ?? null,
        certificateSerial: report.signer?.serialNumber ?? '',
        validFrom: report.signer?.notBefore ?? '',
        validTo: report.signer?.notAfter ?? '',
        signingTime: report.signingTime,
        storedAt: s.createdAt.toISOString(),
      });
    }
  }
  const verdict: PublicVerdict =
    signatures.length === 0 ? 'unsigned' : signatures.every((s) => s.valid) ? 'authentic' : 'invalid';
  return {
    documentId: document.id,
    title: document.title,
    size: document.size,
    sha256: document.sha256,
    streebog256: document.streebog256,
    verdict,
    verdictTitle: PUBLIC_VERDICT_TITLES[verdict],
    signatures,
    verifiedAt: now.toISOString(),
  };
}
