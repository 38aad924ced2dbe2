import type { Role } from '../../db/schema.js';
import type { Permission } from './permissions.js';

/** The staff session's cookie; portal routes never read it. */
export const SESSION_COOKIE = 'uslugi_session';

/** The portal's own cookie: a staff route never reads it, a portal route never reads the staff one. */
export const APPLICANT_SESSION_COOKIE = 'uslugi_portal_session';

/** The signed-in employee of a staff request, as the guard resolved the session cookie. */
export interface AuthContext {
  tokenHash: string;
  csrfToken: string;
  municipalityId: string;
  municipalityName: string;
  employeeId: string;
  fullName: string;
  orgUnitName: string | null;
  positionName: string | null;
  roles: Role[];
  permissions: Permission[];
  /** The СНИЛС ESIA reported when this session began; null for a session older than that record. */
  esiaSnils: string | null;
}

/** The applicant of a portal request. */
export interface ApplicantAuthContext {
  sessionId: string;
  tokenHash: string;
  csrfToken: string;
  applicantId: string;
  fullName: string;
  /** The municipality whose portal the applicant signed in on; their sign-in is journaled there. */
  municipalityId: string;
  legalEntityId: string | null;
}

/** How long a session lives: without requests, and at most from its sign-in. */
export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

/**
 * How the guard turns a cookie into who is asking: given to the guard at build time (app.ts, from the
 * sessions module). Each throws `AppError` for an unknown, ended, expired or blocked session.
 */
export interface SessionResolvers {
  resolveStaffSession(token: string, limits: SessionLimits): Promise<AuthContext>;
  resolveApplicantSession(token: string, limits: SessionLimits): Promise<ApplicantAuthContext>;
}
