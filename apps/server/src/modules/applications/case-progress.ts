import { APPLICATION_STATUS_INFO, type ApplicationStatus } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';
import { recordStatus } from './statuses.js';

export interface ApplicationProgress {
  municipalityId: string;
  applicationId: string;
  status: ApplicationStatus;
  /** What the applicant is told besides the status (why a case was returned, a refusal's words). */
  comment?: string | null;
  /** The employee who made the change; null: the applicant or the system. */
  employeeId: string | null;
  at: Date;
}

/**
 * Moves an application along its case (in progress, granted, refused, withdrawn) in the caller's
 * transaction: a guarded update (a final status is never left, the same status is not recorded
 * twice), the status with its ЕПГУ code, and the portal applicant told. Returns false when nothing
 * changed (the application already had that status).
 */
export async function setApplicationStatus(tx: Tx, input: ApplicationProgress): Promise<boolean> {
  const row = await tx
    .selectFrom('applications')
    .select(['id', 'status', 'ownerApplicantId', 'registrationNumber'])
    .where('id', '=', input.applicationId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `application ${input.applicationId}`);
  if (row.status === input.status) return false;
  const current = row.status as ApplicationStatus;
  if (APPLICATION_STATUS_INFO[current].final) {
    throw new AppError('wrong_state', `application ${row.id} is ${current}, cannot become ${input.status}`);
  }
  await tx
    .updateTable('applications')
    .set({ status: input.status, updatedAt: input.at })
    .where('id', '=', row.id)
    .where('status', '=', current)
    .execute();
  await recordStatus(tx, {
    municipalityId: input.municipalityId,
    applicationId: row.id,
    status: input.status,
    comment: input.comment ?? null,
    employeeId: input.employeeId,
    ownerApplicantId: row.ownerApplicantId,
    applicationLabel: `Заявление № ${row.registrationNumber ?? ''}`.trim(),
    at: input.at,
  });
  return true;
}

/** How the application came (paper at the front desk, or the portal): how its result is issued. */
export async function applicationChannel(tx: Tx, applicationId: string): Promise<'paper' | 'portal'> {
  const row = await tx
    .selectFrom('applications')
    .select('channel')
    .where('id', '=', applicationId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `application ${applicationId}`);
  return row.channel;
}
