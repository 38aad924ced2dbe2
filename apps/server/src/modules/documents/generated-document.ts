import type { Tx } from '../../db/database.js';
import { todayOf } from '../../platform/clock.js';
import type { GostProvider } from '../../platform/crypto/provider.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { addYears, RETENTION_YEARS } from './upload-document.js';

export interface GeneratedDocumentInput {
  municipalityId: string;
  /** «Расписка в получении документов № 00001/2026». */
  title: string;
  fileName: string;
  mediaType: string;
  content: Buffer;
  /** The employee on whose action the system made it (the receipt's issuer): its owner. */
  createdBy: string;
  /** The unit it belongs to (the unit of the case): heads of it and above see it. */
  orgUnitId: string | null;
  createdAt: Date;
  /** The service's retention, in years, when longer than the minimum (004 item 6: at least 10). */
  retentionYears?: number;
  /** The id to give it (chosen before rendering: the signature stamp's QR code names it). */
  id?: string;
  /** The version it follows (an edited draft, the signed result): it becomes that one's version + 1. */
  previousVersionId?: string | null;
}

/**
 * Records a document the system made (a receipt, a notice) in the caller's transaction. The bytes are
 * stored first (content-addressed: a rolled-back transaction leaves at most an unreferenced file,
 * never a document without its bytes). Kept at least 10 years, as every document of a service
 * (004 item 6). The caller's command journals the step the document belongs to.
 */
export async function recordGeneratedDocument(
  tx: Tx,
  deps: { files: FileStore; provider: GostProvider },
  input: GeneratedDocumentInput,
): Promise<{ id: string }> {
  const stored = await deps.files.put(input.content);
  const streebog256 = Buffer.from(deps.provider.digest('streebog256', input.content)).toString('hex');
  const years = Math.max(RETENTION_YEARS, input.retentionYears ?? 0);
  const previous = input.previousVersionId
    ? await tx
        .selectFrom('documents')
        .select('version')
        .where('id', '=', input.previousVersionId)
        .executeTakeFirstOrThrow()
    : undefined;
  return tx
    .insertInto('documents')
    .values({
      ...(input.id ? { id: input.id } : {}),
      previousVersionId: input.previousVersionId ?? null,
      version: previous ? previous.version + 1 : 1,
      municipalityId: input.municipalityId,
      title: input.title,
      fileName: input.fileName,
      mediaType: input.mediaType,
      size: stored.size,
      sha256: stored.sha256,
      streebog256,
      storageKey: stored.key,
      createdBy: input.createdBy,
      createdAt: input.createdAt,
      orgUnitId: input.orgUnitId,
      retainUntil: addYears(
        todayOf(() => input.createdAt),
        years,
      ),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
