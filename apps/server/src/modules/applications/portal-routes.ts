import { z } from 'zod';
import {
  IdParamsSchema,
  PortalApplicationListSchema,
  PortalApplicationSchema,
  PortalDraftSchema,
  PortalDraftUpdateSchema,
  PortalPrefillSchema,
  WithdrawApplicationSchema,
} from '@uslugi/contracts';
import { todayOf } from '../../platform/clock.js';
import { claimOf } from '../../platform/idempotency.js';
import type { App } from '../../platform/http/fastify-types.js';
import { requireApplicant } from '../../platform/http/guard.js';
import type { ModuleContext } from '../../platform/module.js';
import { applicantContext, createDraft, deleteDraft, saveDraft } from './drafts.js';
import { portalPrefill } from './prefill.js';
import {
  myApplication,
  myApplications,
  myReceipt,
  myNotice,
  myResult,
  myResultSignature,
  PORTAL_BASE,
} from './portal-view.js';
import { submitApplication } from './submit-application.js';
import { withdrawApplication } from './withdraw-application.js';
import { sendAttachment } from '../../platform/http/attachment.js';

const tags = ['Портал заявителя: заявления'];
const BASE = PORTAL_BASE;

/**
 * The portal's routes of applications (000 item 3.3): drafts, submission, the applicant's own list and
 * application, the receipt, the form's prefill. Every route is the applicant's own: another applicant's
 * application, or one of another municipality, is not found.
 */
export function portalApplicationRoutes(app: App, { database, clock, files }: ModuleContext): void {
  const view = (request: Parameters<typeof requireApplicant>[0], id: string) =>
    myApplication(database, requireApplicant(request), id, todayOf(clock));

  app.get(BASE, {
    config: { access: 'applicant' },
    schema: { tags, summary: 'Мои заявления', response: { 200: PortalApplicationListSchema } },
    handler: (request) => myApplications(database, requireApplicant(request), todayOf(clock)),
  });

  app.post(BASE, {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary: 'Сохранить черновик заявления',
      body: PortalDraftSchema,
      response: { 201: PortalApplicationSchema },
    },
    handler: async (request, reply) => {
      const auth = requireApplicant(request);
      const id = await createDraft(applicantContext(auth, database), auth, request.body);
      return reply.status(201).send(await view(request, id));
    },
  });

  app.get(`${BASE}/:id`, {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary: 'Моё заявление',
      params: IdParamsSchema,
      response: { 200: PortalApplicationSchema },
    },
    handler: (request) => view(request, request.params.id),
  });

  app.put(`${BASE}/:id`, {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary: 'Сохранить черновик заявления',
      params: IdParamsSchema,
      body: PortalDraftUpdateSchema,
      response: { 200: PortalApplicationSchema },
    },
    handler: async (request) => {
      const auth = requireApplicant(request);
      await saveDraft(applicantContext(auth, database), auth, request.params.id, request.body.values);
      return view(request, request.params.id);
    },
  });

  app.delete(`${BASE}/:id`, {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary: 'Удалить черновик заявления',
      params: IdParamsSchema,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      const auth = requireApplicant(request);
      await deleteDraft(applicantContext(auth, database), auth, request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post(`${BASE}/:id/submit`, {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary: 'Подать заявление',
      params: IdParamsSchema,
      response: { 200: PortalApplicationSchema },
    },
    handler: async (request) => {
      const auth = requireApplicant(request);
      const now = clock();
      await submitApplication(
        applicantContext(auth, database),
        auth,
        request.params.id,
        now,
        todayOf(() => now),
      );
      return view(request, request.params.id);
    },
  });

  app.get(`${BASE}/:id/receipt`, {
    config: { access: 'applicant' },
    schema: { tags, summary: 'Скачать расписку в приёме документов', params: IdParamsSchema },
    handler: async (request, reply) => {
      const file = await myReceipt(database, files, requireApplicant(request), request.params.id);
      return sendAttachment(reply, file.fileName, file.mediaType, file.content);
    },
  });

  app.post(`${BASE}/:id/withdraw`, {
    config: { access: 'applicant', idempotent: true },
    schema: {
      tags,
      summary: 'Отозвать заявление (до подписания решения по нему)',
      params: IdParamsSchema,
      // The reason is optional, and so is the body.
      body: WithdrawApplicationSchema.nullish(),
      response: { 200: PortalApplicationSchema },
    },
    handler: async (request) => {
      const auth = requireApplicant(request);
      await withdrawApplication(applicantContext(auth, database, claimOf(request)), auth, {
        applicationId: request.params.id,
        reason: request.body?.reason?.trim() || null,
        at: clock(),
      });
      return view(request, request.params.id);
    },
  });

  app.get(`${BASE}/:id/result`, {
    config: { access: 'applicant' },
    schema: { tags, summary: 'Скачать результат предоставления услуги', params: IdParamsSchema },
    handler: async (request, reply) => {
      const file = await myResult(database, files, requireApplicant(request), request.params.id);
      return sendAttachment(reply, file.fileName, file.mediaType, file.content);
    },
  });

  app.get(`${BASE}/:id/notice`, {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary: 'Скачать уведомление о результате предоставления услуги',
      params: IdParamsSchema,
    },
    handler: async (request, reply) => {
      const file = await myNotice(database, files, requireApplicant(request), request.params.id);
      return sendAttachment(reply, file.fileName, file.mediaType, file.content);
    },
  });

  app.get(`${BASE}/:id/result.sig`, {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary: 'Скачать электронную подпись результата (открепленная подпись CMS)',
      params: IdParamsSchema,
    },
    handler: async (request, reply) => {
      const file = await myResultSignature(database, requireApplicant(request), request.params.id);
      return sendAttachment(reply, file.fileName, 'application/pkcs7-signature', file.content);
    },
  });

  app.get('/api/v1/portal/services/:id/prefill', {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary:
        'Начальные значения формы заявления (из ЕСИА, прежних заявлений) и документы, которые уже есть',
      params: IdParamsSchema,
      response: { 200: PortalPrefillSchema },
    },
    handler: (request) =>
      portalPrefill(database, requireApplicant(request), request.params.id, todayOf(clock)),
  });
}
