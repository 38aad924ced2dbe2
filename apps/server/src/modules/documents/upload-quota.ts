import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';

/** The quota counts what an employee stored over the last 24 hours (a sliding day). */
const DAY_MS = 24 * 60 * 60_000;

/**
 * Refuses an upload that would take the employee's stored bytes over the last 24 hours past
 * `limitBytes` (UPLOAD_QUOTA_MB_PER_DAY): one account, stolen or careless, cannot fill the disk.
 * Every document counts by its size, a repeated file too (each is a document kept 10 years).
 */
export async function assertWithinUploadQuota(
  tx: Tx,
  input: { employeeId: string; bytes: number; limitBytes: number; now: Date },
): Promise<void> {
  const since = new Date(input.now.getTime() - DAY_MS);
  const row = await tx
    .selectFrom('documents')
    .select(sql<string>`coalesce(sum(size), 0)`.as('total'))
    .where('createdBy', '=', input.employeeId)
    .where('createdAt', '>', since)
    .executeTakeFirstOrThrow();
  const total = Number(row.total);
  if (total + input.bytes > input.limitBytes) {
    throw new AppError(
      'upload_quota_exceeded',
      `employee ${input.employeeId}: ${total} bytes in 24 h + ${input.bytes} > ${input.limitBytes}`,
    );
  }
}

/** Orders one employee's concurrent uploads in their transactions, so both cannot pass the check. */
export async function lockUploadsOf(tx: Tx, employeeId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`uslugi.upload-quota|${employeeId}`}))`.execute(tx);
}
