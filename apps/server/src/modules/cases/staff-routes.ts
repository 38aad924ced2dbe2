import {
  ApproveCaseSchema,
  AssignCaseSchema,
  CaseActionSchema,
  CaseCommandResultSchema,
  CaseDecisionSchema,
  IdParamsSchema,
  ReturnForRevisionSchema,
} from '@uslugi/contracts';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { approveCase } from './approve-case.js';
import { assignCase, assignToMe } from './assign-case.js';
import type { CaseDeps } from './case-command.js';
import { decideCase } from './decide-case.js';
import { returnForRevision } from './return-for-revision.js';
import { takeCaseAction } from './take-action.js';

const tags = ['Дела'];
const BASE = '/api/v1/arm/cases/:id';
const response = { 200: CaseCommandResultSchema };

/**
 * The commands of a case in the workplace (000 items 3.4, 3.5; 004 item 8). Each is idempotent under
 * an `Idempotency-Key`: a repeated press returns the first outcome.
 */
export function caseCommandRoutes(app: App, { database, files, pki, clock, config }: ModuleContext): void {
  const deps: CaseDeps = { files, pki, clock, config };

  app.post(`${BASE}/assign-to-me`, {
    config: { access: 'cases.work', idempotent: true },
    schema: { tags, summary: 'Назначить мне', params: IdParamsSchema, response },
    handler: (request) => assignToMe(commandContext(request, database), deps, request.params.id),
  });

  app.post(`${BASE}/assign`, {
    config: { access: 'cases.assign', idempotent: true },
    schema: {
      tags,
      summary: 'Назначить исполнителя дела',
      params: IdParamsSchema,
      body: AssignCaseSchema,
      response,
    },
    handler: (request) =>
      assignCase(commandContext(request, database), deps, { caseId: request.params.id, ...request.body }),
  });

  app.post(`${BASE}/actions`, {
    config: { access: 'cases.work', idempotent: true },
    schema: {
      tags,
      summary: 'Выполнить действие этапа',
      params: IdParamsSchema,
      body: CaseActionSchema,
      response,
    },
    handler: (request) =>
      takeCaseAction(commandContext(request, database), deps, { caseId: request.params.id, ...request.body }),
  });

  app.post(`${BASE}/decision`, {
    config: { access: 'cases.work', idempotent: true },
    schema: {
      tags,
      summary: 'Подготовить решение и направить на подписание',
      params: IdParamsSchema,
      body: CaseDecisionSchema,
      response,
    },
    handler: (request) =>
      decideCase(commandContext(request, database), deps, { caseId: request.params.id, ...request.body }),
  });

  app.post(`${BASE}/approve`, {
    config: { access: 'cases.approve', idempotent: true },
    schema: {
      tags,
      summary: 'Подписать решение',
      params: IdParamsSchema,
      body: ApproveCaseSchema,
      response,
    },
    handler: (request) =>
      approveCase(commandContext(request, database), deps, { caseId: request.params.id, ...request.body }),
  });

  app.post(`${BASE}/return`, {
    config: { access: 'cases.approve', idempotent: true },
    schema: {
      tags,
      summary: 'Отправить на доработку',
      params: IdParamsSchema,
      body: ReturnForRevisionSchema,
      response,
    },
    handler: (request) =>
      returnForRevision(commandContext(request, database), deps, {
        caseId: request.params.id,
        ...request.body,
      }),
  });
}
