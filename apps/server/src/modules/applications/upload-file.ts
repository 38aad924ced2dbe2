import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { ApplicationFile } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import { AppError, notFound } from '../../platform/errors.js';
import { formatMb, receiveUpload, type UploadIntake } from '../../platform/files/receive-upload.js';
import { addYears, RETENTION_YEARS } from '../documents/index.js';

/** Who a file belongs to until an application takes it: the portal applicant, or the employee at the desk. */
export type FileOwner =
  { applicantId: string; employeeId?: never } | { employeeId: string; applicantId?: never };

export interface FileUploadDeps {
  intake: UploadIntake;
  clock: Clock;
  /** UPLOAD_MAX_APPLICATION_MB in bytes. */
  maxApplicationBytes: number;
}

/** Unattached files count towards the next application for a day (a visit, a draft being filled). */
const PENDING_WINDOW_MS = 24 * 60 * 60_000;

type FileRow = {
  id: string;
  fileName: string;
  mediaType: string;
  size: number | string;
  sha256: string;
  scanStatus: 'clean' | 'not_scanned' | 'quarantined';
  createdAt: Date;
};

export function fileView(row: FileRow): ApplicationFile {
  return {
    id: row.id,
    fileName: row.fileName,
    mediaType: row.mediaType,
    size: Number(row.size),
    sha256: row.sha256,
    scan: row.scanStatus,
    uploadedAt: row.createdAt.toISOString(),
  };
}

const FILE_COLUMNS = ['id', 'fileName', 'mediaType', 'size', 'sha256', 'scanStatus', 'createdAt'] as const;

/**
 * The bytes an owner has gathered for an application not yet submitted or accepted (the per-application
 * limit, UPLOAD_MAX_APPLICATION_MB): an applicant's files attached to their drafts and their unattached
 * uploads of the last 24 hours; an employee's unattached uploads of the last 24 hours (the scans of a
 * paper intake in progress). Files of a submitted or accepted application count no more.
 */
export async function pendingBytesOf(tx: Tx, owner: FileOwner, now: Date): Promise<number> {
  const since = new Date(now.getTime() - PENDING_WINDOW_MS);
  let query = tx.selectFrom('applicationFiles').select(sql<string>`coalesce(sum(size), 0)`.as('total'));
  if (owner.applicantId) {
    const applicantId = owner.applicantId;
    query = query
      .where('ownerApplicantId', '=', applicantId)
      .where((eb) =>
        eb.or([
          eb.and([eb('applicationId', 'is', null), eb('createdAt', '>', since)]),
          eb(
            'applicationId',
            'in',
            eb
              .selectFrom('applications')
              .select('id')
              .where('ownerApplicantId', '=', applicantId)
              .where('status', '=', 'draft'),
          ),
        ]),
      );
  } else {
    query = query
      .where('uploadedBy', '=', owner.employeeId ?? '')
      .where('applicationId', 'is', null)
      .where('createdAt', '>', since);
  }
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Orders one owner's parallel uploads, so that two cannot both pass the per-application limit. */
async function lockUploadsOf(tx: Tx, owner: FileOwner): Promise<void> {
  const key = owner.applicantId ? `a|${owner.applicantId}` : `e|${owner.employeeId ?? ''}`;
  await sql`select pg_advisory_xact_lock(hashtext(${`uslugi.application-files|${key}`}))`.execute(tx);
}

/**
 * Receives one file of an application (streamed, recognised by content, scanned; see
 * platform/files/receive-upload.ts), checks the per-application limit under a lock, stores it and
 * records it with its journal entry in one transaction. Kept 10 years from the upload (004 item 6).
 */
export async function uploadApplicationFile(
  ctx: CommandContext,
  request: FastifyRequest,
  deps: FileUploadDeps,
  owner: FileOwner,
): Promise<ApplicationFile> {
  const received = await receiveUpload(request, { intake: deps.intake, ctx });
  try {
    return await runCommand(ctx, async ({ tx, journal }) => {
      const createdAt = deps.clock();
      await lockUploadsOf(tx, owner);
      const pending = await pendingBytesOf(tx, owner, createdAt);
      if (pending + received.size > deps.maxApplicationBytes) {
        const message = `вместе с другими файлами заявления больше ${formatMb(deps.maxApplicationBytes)}`;
        throw new AppError(
          'application_files_too_large',
          `${pending} + ${received.size} > ${deps.maxApplicationBytes}`,
          [{ path: 'file', message: `Файл «${received.fileName}»: ${message}` }],
        );
      }
      const stored = await received.store();
      const described = {
        fileName: received.fileName,
        mediaType: received.mediaType,
        size: stored.size,
        sha256: stored.sha256,
        scanStatus: received.scan,
      };
      const row = await tx
        .insertInto('applicationFiles')
        .values({
          municipalityId: ctx.municipalityId,
          ownerApplicantId: owner.applicantId ?? null,
          uploadedBy: owner.employeeId ?? null,
          ...described,
          storageKey: stored.key,
          createdAt,
          // 004 item 6: the documents of a service are kept at least 10 years.
          retainUntil: addYears(
            todayOf(() => createdAt),
            RETENTION_YEARS,
          ),
        })
        .returning(FILE_COLUMNS)
        .executeTakeFirstOrThrow();
      await journal({
        action: 'application_file.uploaded',
        objectType: 'application_file',
        objectId: row.id,
        payload: described,
      });
      return fileView(row);
    });
  } finally {
    await received.discard();
  }
}

/** The applicant's own file; any other (another's, a staff upload, unknown) is not found. */
export async function applicantFile(
  ctx: CommandContext,
  applicantId: string,
  id: string,
): Promise<ApplicationFile & { storageKey: string }> {
  return runQuery(ctx, async (tx) => {
    const row = await tx
      .selectFrom('applicationFiles')
      .select([...FILE_COLUMNS, 'storageKey'])
      .where('id', '=', id)
      .where('ownerApplicantId', '=', applicantId)
      .executeTakeFirst();
    if (!row) throw notFound(`application file ${id}`);
    return { ...fileView(row), storageKey: row.storageKey };
  });
}
