import { z } from 'zod';
import {
  ActiveSessionSchema,
  IdParamsSchema,
  SessionSchema,
  SignOutResultSchema,
  type Session,
} from '@uslugi/contracts';
import { SESSION_COOKIE, type AuthContext } from '../../platform/auth/context.js';
import { requireAuth } from '../../platform/http/guard.js';
import type { App } from '../../platform/http/fastify-types.js';
import { requestMeta } from '../../platform/http/request-meta.js';
import type { ModuleContext } from '../../platform/module.js';
import { endStaffSessionById, listStaffSessions } from './own-sessions.js';
import { journalSessionEvent } from './session-journal.js';
import { endSession } from './staff-sessions.js';

// Sign-in itself is modules/sign-in (through ESIA); here: the staff session once it exists.

const tags = ['Вход и сеанс'];

function sessionBody(auth: Omit<AuthContext, 'tokenHash'>): Session {
  return {
    user: {
      id: auth.employeeId,
      fullName: auth.fullName,
      municipality: { id: auth.municipalityId, name: auth.municipalityName },
      orgUnitName: auth.orgUnitName,
      positionName: auth.positionName,
      roles: auth.roles,
      permissions: auth.permissions,
    },
    csrfToken: auth.csrfToken,
  };
}

const employeeOf = (auth: AuthContext) => ({
  kind: 'employee' as const,
  municipalityId: auth.municipalityId,
  id: auth.employeeId,
  fullName: auth.fullName,
});

export function sessionRoutes(app: App, { database, config, esia }: ModuleContext): void {
  app.get('/api/v1/session', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Текущий сеанс', response: { 200: SessionSchema } },
    handler: (request) => sessionBody(requireAuth(request)),
  });

  app.post('/api/v1/auth/sign-out', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Выйти (затем — выход из ЕСИА по адресу logoutUrl)',
      response: { 200: SignOutResultSchema },
    },
    handler: async (request, reply) => {
      const auth = requireAuth(request);
      await endSession(database, auth.tokenHash);
      await journalSessionEvent(database, employeeOf(auth), 'session.signed_out', requestMeta(request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { logoutUrl: esia.client?.logoutUrl(`${config.publicUrl}/sign-in`) ?? null };
    },
  });

  app.get('/api/v1/auth/sessions', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Мои активные сеансы', response: { 200: z.array(ActiveSessionSchema) } },
    handler: (request) => listStaffSessions(database, requireAuth(request)),
  });

  app.post('/api/v1/auth/sessions/:id/end', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Завершить свой сеанс', params: IdParamsSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      const auth = requireAuth(request);
      const current = await endStaffSessionById(database, auth, request.params.id);
      await journalSessionEvent(database, employeeOf(auth), 'session.ended', {
        ...requestMeta(request),
        sessionId: request.params.id,
      });
      if (current) void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });
}
