import { defineModule } from '../../platform/module.js';
import type { Database } from '../../db/database.js';
import type { SessionResolvers } from '../../platform/auth/context.js';
import { resolveApplicantSession } from './applicant-sessions.js';
import { sessionRoutes } from './routes.js';
import { resolveSession } from './staff-sessions.js';

/** Staff and applicant sessions: the cookies the guard resolves, "my sessions", sign-out. */
export const sessionsModule = defineModule({
  name: 'sessions',
  tables: ['sessions', 'applicantSessions', 'principalVersions'],
  routes: sessionRoutes,
  journalTitles: {
    actions: {
      'session.signed_in': 'Вход в систему',
      'session.signed_out': 'Выход из системы',
      'session.ended': 'Завершение сеанса',
      'session.sign_in_refused': 'Отказ во входе',
      'session.municipality_changed': 'Смена муниципального образования на портале',
    },
    objectTypes: { session: 'Сеанс', portal_session: 'Сеанс на портале' },
  },
});

/** What the http guard calls to resolve a cookie (app.ts gives these to it). */
export function sessionResolvers(database: Database): SessionResolvers {
  return {
    resolveStaffSession: (token, limits) => resolveSession(database, token, limits),
    resolveApplicantSession: (token, limits) => resolveApplicantSession(database, token, limits),
  };
}

export { createApplicantSession, endApplicantSession, moveApplicantSession } from './applicant-sessions.js';
export { endApplicantSessionById, listApplicantSessions } from './own-sessions.js';
export { journalSessionEvent, type SessionAction, type SessionEventMeta } from './session-journal.js';
export {
  createSession,
  endSession,
  hashToken,
  loadPrincipal,
  resolveSession,
  sessionOver,
} from './staff-sessions.js';
