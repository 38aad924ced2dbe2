import { z } from 'zod';
import {
  ActiveSessionSchema,
  ApplicantProfileSchema,
  ApplicantSessionSchema,
  IdParamsSchema,
  PortalMunicipalityChangeSchema,
  PortalMunicipalitySchema,
  SignOutResultSchema,
} from '@uslugi/contracts';
import { APPLICANT_SESSION_COOKIE, type ApplicantAuthContext } from '../../platform/auth/context.js';
import { requestMeta } from '../../platform/http/request-meta.js';
import { listMunicipalities } from '../municipalities/index.js';
import {
  endApplicantSession,
  endApplicantSessionById,
  journalSessionEvent,
  listApplicantSessions,
  moveApplicantSession,
} from '../sessions/index.js';
import { AppError } from '../../platform/errors.js';
import { requireApplicant } from '../../platform/http/guard.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { portalMunicipality, rememberMunicipality } from './portal-municipality.js';
import { applicantSessionBody, getApplicantProfile } from './profile.js';

// The applicants' portal: its own route group under /api/v1/portal, every route `access: 'applicant'`
// (the portal cookie only) or public. No staff handler is reachable from here, nor these from staff.

const tags = ['Портал заявителя'];

const applicantOf = (auth: ApplicantAuthContext) => ({
  kind: 'applicant' as const,
  municipalityId: auth.municipalityId,
  id: auth.applicantId,
  fullName: auth.fullName,
});

export function portalRoutes(app: App, { database, config, esia }: ModuleContext): void {
  app.get('/api/v1/portal/municipalities', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Муниципальные образования портала',
      response: { 200: z.array(PortalMunicipalitySchema) },
    },
    handler: () => listMunicipalities(database.system),
  });

  app.get('/api/v1/portal/session', {
    config: { access: 'applicant' },
    schema: { tags, summary: 'Текущий сеанс заявителя', response: { 200: ApplicantSessionSchema } },
    handler: (request) => applicantSessionBody(database, requireApplicant(request)),
  });

  app.post('/api/v1/portal/municipality', {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary: 'Сменить муниципальное образование (запоминается для следующих входов)',
      body: PortalMunicipalityChangeSchema,
      response: { 200: ApplicantSessionSchema },
    },
    handler: async (request) => {
      const auth = requireApplicant(request);
      const to = await portalMunicipality(database.system, request.body.municipalityId);
      await rememberMunicipality(database.system, auth.applicantId, to.id);
      if (to.id === auth.municipalityId) return applicantSessionBody(database, auth);
      const from = await portalMunicipality(database.system, auth.municipalityId);
      if (!(await moveApplicantSession(database, auth.sessionId, to.id)))
        throw new AppError('unauthenticated', 'portal session ended meanwhile');
      // Both municipalities see the move: the one left had the sign-in, the new one gets what follows.
      const meta = requestMeta(request);
      const moved = { ...auth, municipalityId: to.id };
      await journalSessionEvent(database, applicantOf(auth), 'session.municipality_changed', {
        ...meta,
        from: from.name,
        to: to.name,
      });
      await journalSessionEvent(database, applicantOf(moved), 'session.municipality_changed', {
        ...meta,
        from: from.name,
        to: to.name,
      });
      return applicantSessionBody(database, moved);
    },
  });

  app.get('/api/v1/portal/profile', {
    config: { access: 'applicant' },
    schema: { tags, summary: 'Мой профиль (сведения из ЕСИА)', response: { 200: ApplicantProfileSchema } },
    handler: (request) => getApplicantProfile(database, requireApplicant(request)),
  });

  app.post('/api/v1/portal/auth/sign-out', {
    config: { access: 'applicant' },
    schema: { tags, summary: 'Выйти с портала', response: { 200: SignOutResultSchema } },
    handler: async (request, reply) => {
      const auth = requireApplicant(request);
      await endApplicantSession(database, auth.tokenHash);
      await journalSessionEvent(database, applicantOf(auth), 'session.signed_out', requestMeta(request));
      void reply.clearCookie(APPLICANT_SESSION_COOKIE, { path: '/' });
      return { logoutUrl: esia.client?.logoutUrl(`${config.publicUrl}/`) ?? null };
    },
  });

  app.get('/api/v1/portal/sessions', {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary: 'Мои активные сеансы на портале',
      response: { 200: z.array(ActiveSessionSchema) },
    },
    handler: (request) => listApplicantSessions(database, requireApplicant(request)),
  });

  app.post('/api/v1/portal/sessions/:id/end', {
    config: { access: 'applicant' },
    schema: { tags, summary: 'Завершить свой сеанс', params: IdParamsSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      const auth = requireApplicant(request);
      const current = await endApplicantSessionById(database, auth, request.params.id);
      await journalSessionEvent(database, applicantOf(auth), 'session.ended', {
        ...requestMeta(request),
        sessionId: request.params.id,
      });
      if (current) void reply.clearCookie(APPLICANT_SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });
}
