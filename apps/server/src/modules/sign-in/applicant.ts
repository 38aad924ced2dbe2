import type { Database } from '../../db/database.js';
import { fullNameOf } from '../../platform/names.js';
import {
  createApplicantSession,
  endApplicantSession,
  hashToken,
  journalSessionEvent,
  type SessionEventMeta,
} from '../sessions/index.js';
import type { EsiaPerson } from '../../platform/esia/person.js';
import { recordApplicant } from '../applicants/index.js';

/**
 * An ESIA person on the portal becomes (or refreshes) an applicant and gets a portal session, for the
 * organisation too when they signed in for one. The portal session the browser had is ended.
 */
export async function openApplicantSession(
  database: Database,
  input: { person: EsiaPerson; municipalityId: string; previousToken: string | undefined },
  meta: SessionEventMeta,
): Promise<{ token: string }> {
  const { applicantId, legalEntityId } = await recordApplicant(database, input.person);
  if (input.previousToken) await endApplicantSession(database, hashToken(input.previousToken));
  const { token } = await createApplicantSession(database, {
    applicantId,
    legalEntityId,
    municipalityId: input.municipalityId,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  await journalSessionEvent(
    database,
    {
      kind: 'applicant',
      municipalityId: input.municipalityId,
      id: applicantId,
      fullName: fullNameOf(input.person),
    },
    'session.signed_in',
    { ...meta, via: 'esia', legalEntity: input.person.actingFor?.fullName ?? null },
  );
  return { token };
}
