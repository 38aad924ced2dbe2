import {
  CaseCommandResultSchema,
  CaseRequestParamsSchema,
  IntraRequestListSchema,
  RecordAnswerSchema,
} from '@uslugi/contracts';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { answerRequest } from './answer-request.js';
import { openIntraRequests } from './intra-requests.js';

const tags = ['Дела: запросы'];

/** Requests of a case's stages: answers recorded in the workplace, the unit's open intra requests. */
export function caseRequestRoutes(app: App, { database, clock }: ModuleContext): void {
  app.post('/api/v1/arm/cases/:id/requests/:requestId/answer', {
    config: { access: 'cases.read', idempotent: true },
    schema: {
      tags,
      summary:
        'Ответ на запрос: межведомственный, полученный не через СМЭВ (вносит исполнитель), или внутриведомственный (даёт подразделение, которому он направлен)',
      params: CaseRequestParamsSchema,
      body: RecordAnswerSchema,
      response: { 200: CaseCommandResultSchema },
    },
    handler: (request) =>
      answerRequest(commandContext(request, database), {
        caseId: request.params.id,
        requestId: request.params.requestId,
        answer: request.body.answer,
        at: clock(),
      }),
  });

  app.get('/api/v1/arm/intra-requests', {
    config: { access: 'cases.read' },
    schema: {
      tags,
      summary: 'Внутриведомственные запросы, ожидающие ответа моего подразделения',
      response: { 200: IntraRequestListSchema },
    },
    handler: (request) => openIntraRequests(commandContext(request, database)),
  });
}
