import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/database.js';
import type { ApplicantAuthContext, SessionLimits } from '../../platform/auth/context.js';
import { AppError } from '../../platform/errors.js';
import { applicantName } from '../applicants/index.js';
import { hashToken, sessionOver } from './staff-sessions.js';

export async function createApplicantSession(
  database: Database,
  input: {
    applicantId: string;
    legalEntityId: string | null;
    municipalityId: string;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<{ token: string; csrfToken: string; sessionId: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const row = await database.system
    .insertInto('applicantSessions')
    .values({
      tokenHash: hashToken(token),
      applicantId: input.applicantId,
      legalEntityId: input.legalEntityId,
      municipalityId: input.municipalityId,
      csrfToken,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, csrfToken, sessionId: row.id };
}

export async function endApplicantSession(database: Database, tokenHash: string): Promise<void> {
  await database.system
    .updateTable('applicantSessions')
    .set({ endedAt: new Date() })
    .where('tokenHash', '=', tokenHash)
    .where('endedAt', 'is', null)
    .execute();
}

/**
 * The applicant moved to another municipality's portal: this session's later events (sign-out, end)
 * are journaled there. False when the session has ended meanwhile.
 */
export async function moveApplicantSession(
  database: Database,
  sessionId: string,
  municipalityId: string,
): Promise<boolean> {
  const moved = await database.system
    .updateTable('applicantSessions')
    .set({ municipalityId })
    .where('id', '=', sessionId)
    .where('endedAt', 'is', null)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) === 1;
}

/** Resolves the portal cookie; sessions past their lifetime or idle end as staff ones do. */
export async function resolveApplicantSession(
  database: Database,
  token: string,
  limits: SessionLimits,
): Promise<ApplicantAuthContext> {
  const tokenHash = hashToken(token);
  const session = await database.system
    .selectFrom('applicantSessions')
    .select(['id', 'csrfToken', 'applicantId', 'municipalityId', 'legalEntityId', 'lastSeenAt', 'createdAt'])
    .where('tokenHash', '=', tokenHash)
    .where('endedAt', 'is', null)
    .executeTakeFirst();
  // A session row always names an existing applicant (foreign key): no name, no session.
  const fullName = session && (await applicantName(database.system, session.applicantId));
  if (!session || fullName === undefined)
    throw new AppError('unauthenticated', 'unknown or ended portal session');
  const now = Date.now();
  const over = sessionOver(session, limits, now);
  if (over) {
    await endApplicantSession(database, tokenHash);
    throw new AppError(over);
  }
  if (now - session.lastSeenAt.getTime() > 30_000) {
    await database.system
      .updateTable('applicantSessions')
      .set({ lastSeenAt: new Date(now) })
      .where('tokenHash', '=', tokenHash)
      .execute();
  }
  return {
    sessionId: session.id,
    tokenHash,
    csrfToken: session.csrfToken,
    applicantId: session.applicantId,
    fullName,
    municipalityId: session.municipalityId,
    legalEntityId: session.legalEntityId,
  };
}
