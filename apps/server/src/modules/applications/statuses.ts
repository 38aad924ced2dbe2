import { APPLICATION_STATUS_INFO, type ApplicationStatus, type StatusChange } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { notifyApplicant } from '../notifications/index.js';

export interface StatusChangeInput {
  municipalityId: string;
  applicationId: string;
  status: ApplicationStatus;
  /** What the applicant is told besides the status (a refusal's comment), if anything. */
  comment?: string | null;
  /** The employee who changed it; null: the applicant (submission) or the system. */
  employeeId?: string | null;
  /** The portal applicant who owns the application: told on the portal of every change. */
  ownerApplicantId?: string | null;
  /** «Заявление № 00012/2026» or «Заявление на услугу «…»» — how the notification names it. */
  applicationLabel: string;
  at: Date;
}

/**
 * Records a status of an application with its ЕПГУ code (kept for the applicant's Госуслуги account)
 * and tells the portal applicant, in the caller's transaction. The caller has already moved
 * `applications.status` with a guarded update.
 */
export async function recordStatus(tx: Tx, input: StatusChangeInput): Promise<void> {
  const info = APPLICATION_STATUS_INFO[input.status];
  await tx
    .insertInto('applicationStatusChanges')
    .values({
      municipalityId: input.municipalityId,
      applicationId: input.applicationId,
      status: input.status,
      epguCode: info.epguCode,
      comment: input.comment ?? null,
      employeeId: input.employeeId ?? null,
      at: input.at,
    })
    .execute();
  if (input.ownerApplicantId) {
    const comment = input.comment ? `: ${input.comment}` : '';
    await notifyApplicant(tx, {
      municipalityId: input.municipalityId,
      applicantId: input.ownerApplicantId,
      text: `${input.applicationLabel} — ${info.title}${comment}`,
      objectType: 'application',
      objectId: input.applicationId,
    });
  }
}

/** The statuses an application has passed, oldest first, as staff and the applicant read them. */
export async function statusHistory(tx: Tx, applicationId: string): Promise<StatusChange[]> {
  const rows = await tx
    .selectFrom('applicationStatusChanges')
    .select(['status', 'epguCode', 'comment', 'at'])
    .where('applicationId', '=', applicationId)
    .orderBy('at')
    .orderBy('seq')
    .execute();
  return rows.map((h) => {
    const status = h.status as ApplicationStatus;
    return {
      status,
      epguCode: h.epguCode,
      title: APPLICATION_STATUS_INFO[status].title,
      comment: h.comment,
      at: h.at.toISOString(),
    };
  });
}
