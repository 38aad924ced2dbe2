import type { Tx } from '../../db/database.js';
import type { FileStore } from '../../platform/files/file-store.js';

/**
 * A document's bytes by id, in the caller's transaction, for a module that has already decided the
 * reader may have it (the portal applicant's own receipt: the application names the document).
 * Undefined for an unknown id. Staff reads go through `documentAccess` instead.
 */
export async function documentFile(
  tx: Tx,
  files: FileStore,
  id: string,
): Promise<{ fileName: string; mediaType: string; content: Buffer } | undefined> {
  const row = await tx
    .selectFrom('documents')
    .select(['storageKey', 'fileName', 'mediaType'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { fileName: row.fileName, mediaType: row.mediaType, content: await files.get(row.storageKey) };
}
