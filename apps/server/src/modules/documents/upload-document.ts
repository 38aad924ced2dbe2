import fs from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { DOCUMENT_MAX_BYTES, DocumentUploadSchema, type StoredDocument } from '@uslugi/contracts';
import { todayOf, type Clock } from '../../platform/clock.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import type { GostProvider } from '../../platform/crypto/provider.js';
import { fieldError } from '../../platform/errors.js';
import type { FileStore, StoredFile } from '../../platform/files/file-store.js';
import { receiveUpload, type UploadIntake } from '../../platform/files/receive-upload.js';
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
  const content = Buffer.from(input.content, 'base64');
  if (content.length === 0) throw fieldError('content', 'Файл: файл пустой');
  if (content.length > DOCUMENT_MAX_BYTES) throw fieldError('content', 'Файл: больше 10 МБ');
  return recordDocument(ctx, deps, {
    title: input.title,
    fileName: input.fileName,
    mediaType: input.mediaType,
    size: content.length,
    streebog256: Buffer.from(deps.provider.digest('streebog256', content)).toString('hex'),
    store: () => deps.files.put(content),
  });
}

/**
 * The same as a multipart form (fields `title`, then `file`) through the file intake: streamed to
 * disk, recognised by content (the accepted types only), checked by the virus scanner when one is
 * configured. Streebog has no incremental form in the GOST provider, so the file (at most 10 МБ) is
 * read once from disk for it; it never travels as base64 JSON.
 */
export async function uploadDocumentFile(
  ctx: CommandContext,
  deps: UploadDeps & { intake: UploadIntake },
  request: FastifyRequest,
): Promise<StoredDocument> {
  const received = await receiveUpload(request, { intake: deps.intake, ctx, maxBytes: DOCUMENT_MAX_BYTES });
  try {
    const given = received.fields.title?.trim() || received.fileName.replace(/\.[^.]+$/, '');
    const title = DocumentUploadSchema.shape.title.safeParse(given);
    if (!title.success) {
      throw fieldError(
        'title',
        `Название документа: ${title.error.issues[0]?.message ?? 'неверное значение'}`,
      );
    }
    const content = await fs.readFile(received.path);
    return await recordDocument(ctx, deps, {
      title: title.data,
      fileName: received.fileName,
      mediaType: received.mediaType,
      size: received.size,
      streebog256: Buffer.from(deps.provider.digest('streebog256', content)).toString('hex'),
      store: () => received.store(),
    });
  } finally {
    await received.discard();
  }
}

interface DocumentInput {
  title: string;
  fileName: string;
  mediaType: string;
  size: number;
  streebog256: string;
  /** Puts the bytes into the FileStore (after the quota is checked). */
  store: () => Promise<StoredFile>;
}

async function recordDocument(
  ctx: CommandContext,
  deps: UploadDeps,
  input: DocumentInput,
): Promise<StoredDocument> {
  const viewer = documentViewer(ctx);
  const createdBy = viewer.employeeId;
  const createdAt = deps.clock();
  const quota = {
    employeeId: createdBy,
    bytes: input.size,
    limitBytes: deps.quotaBytesPerDay,
    now: createdAt,
  };
  // Over the quota nothing is stored; checked again under a lock with the insert (parallel uploads).
  await runQuery(ctx, (tx) => assertWithinUploadQuota(tx, quota));
  const stored = await input.store();
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
      streebog256: input.streebog256,
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
