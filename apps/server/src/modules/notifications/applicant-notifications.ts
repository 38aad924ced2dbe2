import type { Tx } from '../../db/database.js';

export interface NewApplicantNotification {
  municipalityId: string;
  /** The installation-wide ESIA applicant (applicants.id). */
  applicantId: string;
  /** In Russian, complete: the applicant reads it as it is on the portal. */
  text: string;
  objectType?: string;
  objectId?: string;
}

/**
 * Tells an applicant something on the portal (every status change of their application, 000 item
 * 3.3), in the caller's transaction: it appears only if that commits.
 */
export async function notifyApplicant(tx: Tx, notification: NewApplicantNotification): Promise<void> {
  await tx
    .insertInto('applicantNotifications')
    .values({
      municipalityId: notification.municipalityId,
      applicantId: notification.applicantId,
      text: notification.text,
      objectType: notification.objectType ?? null,
      objectId: notification.objectId ?? null,
    })
    .execute();
}
