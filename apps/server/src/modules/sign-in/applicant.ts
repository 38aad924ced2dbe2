import type { Database } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';
import {
  createApplicantSession,
  endApplicantSession,
  hashToken,
  journalSessionEvent,
  type SessionEventMeta,
} from '../sessions/index.js';
import { applicantForSession, type MunicipalitySource } from '../applicants/index.js';

/**
 * A recorded applicant gets a portal session in the municipality found for them, for the
 * organisation too when they signed in for one. The portal session the browser had is ended. The
 * sign-in is journaled there with how the municipality was found.
 */
export async function openApplicantSession(
  database: Database,
  input: {
    applicantId: string;
    legalEntityId: string | null;
    municipality: { id: string; by: MunicipalitySource };
    previousToken: string | undefined;
  },
  meta: SessionEventMeta,
): Promise<{ token: string }> {
  const who = await applicantForSession(database, input.applicantId, input.legalEntityId);
  if (!who) throw new AppError('esia_sign_in_invalid', 'applicant vanished');
  if (input.previousToken) await endApplicantSession(database, hashToken(input.previousToken));
  const { token } = await createApplicantSession(database, {
    applicantId: input.applicantId,
    legalEntityId: input.legalEntityId,
    municipalityId: input.municipality.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  await journalSessionEvent(
    database,
    {
      kind: 'applicant',
      municipalityId: input.municipality.id,
      id: input.applicantId,
      fullName: who.fullName,
    },
    'session.signed_in',
    { ...meta, via: 'esia', legalEntity: who.legalEntityName, municipalityBy: input.municipality.by },
  );
  return { token };
}
