import type { ActiveSession } from '@uslugi/contracts';
import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { SessionsTable } from '../../db/schema.js';
import type { ApplicantAuthContext, AuthContext } from '../../platform/auth/context.js';
import { notFound } from '../../platform/errors.js';

/** One's own active sessions (every browser one is signed in on), and ending one of them. */

/** The columns a list of one's sessions shows; staff and applicant sessions share them. */
type Row = Pick<
  Selectable<SessionsTable>,
  'id' | 'tokenHash' | 'createdAt' | 'lastSeenAt' | 'ip' | 'userAgent'
>;

function view(rows: Row[], currentHash: string): ActiveSession[] {
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    ip: r.ip,
    userAgent: r.userAgent,
    current: r.tokenHash === currentHash,
  }));
}

const COLUMNS = ['id', 'tokenHash', 'createdAt', 'lastSeenAt', 'ip', 'userAgent'] as const;

export async function listStaffSessions(database: Database, auth: AuthContext): Promise<ActiveSession[]> {
  const rows = await database.system
    .selectFrom('sessions')
    .select(COLUMNS)
    .where('municipalityId', '=', auth.municipalityId)
    .where('employeeId', '=', auth.employeeId)
    .where('endedAt', 'is', null)
    .orderBy('lastSeenAt', 'desc')
    .execute();
  return view(rows, auth.tokenHash);
}

/** Ends one of the employee's own sessions (guarded: another's id is a 404). Returns whether it was this one. */
export async function endStaffSessionById(
  database: Database,
  auth: AuthContext,
  id: string,
): Promise<boolean> {
  const ended = await database.system
    .updateTable('sessions')
    .set({ endedAt: new Date() })
    .where('id', '=', id)
    .where('municipalityId', '=', auth.municipalityId)
    .where('employeeId', '=', auth.employeeId)
    .where('endedAt', 'is', null)
    .returning('tokenHash')
    .executeTakeFirst();
  if (!ended) throw notFound('session');
  return ended.tokenHash === auth.tokenHash;
}

export async function listApplicantSessions(
  database: Database,
  auth: ApplicantAuthContext,
): Promise<ActiveSession[]> {
  const rows = await database.system
    .selectFrom('applicantSessions')
    .select(COLUMNS)
    .where('applicantId', '=', auth.applicantId)
    .where('endedAt', 'is', null)
    .orderBy('lastSeenAt', 'desc')
    .execute();
  return view(rows, auth.tokenHash);
}

export async function endApplicantSessionById(
  database: Database,
  auth: ApplicantAuthContext,
  id: string,
): Promise<boolean> {
  const ended = await database.system
    .updateTable('applicantSessions')
    .set({ endedAt: new Date() })
    .where('id', '=', id)
    .where('applicantId', '=', auth.applicantId)
    .where('endedAt', 'is', null)
    .returning('tokenHash')
    .executeTakeFirst();
  if (!ended) throw notFound('session');
  return ended.tokenHash === auth.tokenHash;
}
