import type { ApplicationFile } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';

/**
 * What the applicants registry shows of applications beside a document an applicant already gave:
 * the stored file's description and the registration number of the application it came with.
 */
export async function applicationFactsFor(
  tx: Tx,
  ids: { fileIds: readonly string[]; applicationIds: readonly string[] },
): Promise<{ files: Map<string, ApplicationFile>; numbers: Map<string, string | null> }> {
  const files = new Map<string, ApplicationFile>();
  const numbers = new Map<string, string | null>();
  if (ids.fileIds.length > 0) {
    const rows = await tx
      .selectFrom('applicationFiles')
      .select(['id', 'fileName', 'mediaType', 'size', 'sha256', 'scanStatus', 'createdAt'])
      .where('id', 'in', [...ids.fileIds])
      .execute();
    for (const r of rows) {
      files.set(r.id, {
        id: r.id,
        fileName: r.fileName,
        mediaType: r.mediaType,
        size: Number(r.size),
        sha256: r.sha256,
        scan: r.scanStatus,
        uploadedAt: r.createdAt.toISOString(),
      });
    }
  }
  if (ids.applicationIds.length > 0) {
    const rows = await tx
      .selectFrom('applications')
      .select(['id', 'registrationNumber'])
      .where('id', 'in', [...ids.applicationIds])
      .execute();
    for (const r of rows) numbers.set(r.id, r.registrationNumber);
  }
  return { files, numbers };
}
