import type { z } from 'zod';
import { DOCUMENT_MAX_BYTES, type DocumentUploadSchema, type StoredDocument } from '@uslugi/contracts';
import { todayOf, type Clock } from '../../platform/clock.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import type { GostProvider } from '../../platform/crypto/provider.js';
import { fieldError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { employeeCard } from '../org/index.js';
import { documentViewer } from './access.js';
import { getDocument } from './queries.js';
import { assertWithinUploadQuota, lockUploadsOf } from './upload-quota.js';

/** 004 item 6: the information and documents of a service are kept at least 10 years. */
export const RETENTION_YEARS = 10;

/** `YYYY-MM-DD` plus whole years; 29 February goes to 1 March in a common year. */
export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC((y ?? 0) + years, (m ?? 1) - 1, d)).toISOString().slice(0, 10);
}

export interface UploadDeps {
  files: FileStore;
  provider: GostProvider;
  clock: Clock;
  /** Bytes an employee may store over 24 hours (UPLOAD_QUOTA_MB_PER_DAY). */
  quotaBytesPerDay: number;
}

/**
 * Stores the bytes first (content-addressed, so a retry stores nothing twice), then records the
 * document and its journal entry in one transaction. A failed transaction leaves at most an
 * unreferenced file, never a document without its bytes.
 */
export async function uploadDocument(
  ctx: CommandContext,
  deps: UploadDeps,
  input: z.output<typeof DocumentUploadSchema>,
): Promise<StoredDocument> {
  const viewer = documentViewer(ctx);
  const createdBy = viewer.employeeId;
  const content = Buffer.from(input.content, 'base64');
  if (content.length === 0) throw fieldError('content', 'Файл: файл пустой');
  if (content.length > DOCUMENT_MAX_BYTES) throw fieldError('content', 'Файл: больше 10 МБ');
  const createdAt = deps.clock();
  const quota = {
    employeeId: createdBy,
    bytes: content.length,
    limitBytes: deps.quotaBytesPerDay,
    now: createdAt,
  };
  // Over the quota nothing is stored; checked again under a lock with the insert (parallel uploads).
  await runQuery(ctx, (tx) => assertWithinUploadQuota(tx, quota));
  const stored = await deps.files.put(content);
  const streebog256 = Buffer.from(deps.provider.digest('streebog256', content)).toString('hex');
  return runCommand(ctx, async ({ tx, journal }) => {
    await lockUploadsOf(tx, createdBy);
    await assertWithinUploadQuota(tx, quota);
    // The document belongs to the unit its uploader works in now (heads see their units' documents).
    const uploader = await employeeCard(tx, createdBy);
    if (!uploader) throw new Error(`employee ${createdBy} not found`);
    // What the journal records of the document is what its row says of it, but where it is stored.
    const described = {
      title: input.title,
      fileName: input.fileName,
      mediaType: input.mediaType,
      size: stored.size,
      sha256: stored.sha256,
      streebog256,
      orgUnitId: uploader.orgUnitId,
    };
    const { id } = await tx
      .insertInto('documents')
      .values({
        municipalityId: ctx.municipalityId,
        ...described,
        storageKey: stored.key,
        createdBy,
        createdAt,
        retainUntil: addYears(
          todayOf(() => createdAt),
          RETENTION_YEARS,
        ),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await journal({
      action: 'document.uploaded',
      objectType: 'document',
      objectId: id,
      payload: described,
    });
    return getDocument(tx, viewer, id);
  });
}
