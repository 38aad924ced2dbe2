import { z } from 'zod';
import {
  DraftSaveSchema,
  IdParamsSchema,
  ImportRequestSchema,
  ImportResultSchema,
  OfferedSchema,
  PortalServiceListSchema,
  PortalServiceSchema,
  PortalServicesQuerySchema,
  ProblemsSchema,
  ServiceCreateSchema,
  ServiceDetailSchema,
  ServiceExportSchema,
  ServiceListSchema,
  ServiceVersionSchema,
  SubmissionCheckSchema,
  SubmissionProblemsSchema,
  ValidateRequestSchema,
} from '@uslugi/contracts';
import { todayOf } from '../../platform/clock.js';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { checkSubmission, portalService, portalServices } from './portal.js';
import {
  checkDefinition,
  createService,
  deleteDraft,
  getServiceDetail,
  getVersion,
  listServices,
  publishDraft,
  saveDraft,
  setOffered,
} from './services.js';
import { exportService, importService } from './transfer.js';

const tags = ['Реестр услуг'];
const portalTags = ['Портал заявителя'];
const BASE = '/api/v1/catalog';

/** Per client address: a check reads the published form and runs the validator, without sign-in. */
const CHECK_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };

export function catalogRoutes(app: App, { database, clock }: ModuleContext): void {
  app.get(`${BASE}/services`, {
    config: { access: 'catalog.read' },
    schema: {
      tags,
      summary: 'Услуги и подуслуги муниципального образования',
      response: { 200: ServiceListSchema },
    },
    handler: (request) => listServices(commandContext(request, database)),
  });
  app.get(`${BASE}/services/:id`, {
    config: { access: 'catalog.read' },
    schema: {
      tags,
      summary: 'Услуга: подуслуги и версии',
      params: IdParamsSchema,
      response: { 200: ServiceDetailSchema },
    },
    handler: (request) => getServiceDetail(commandContext(request, database), request.params.id),
  });
  app.get(`${BASE}/versions/:id`, {
    config: { access: 'catalog.read' },
    schema: {
      tags,
      summary: 'Версия услуги: карточка, технологическая схема и форма заявления',
      params: IdParamsSchema,
      response: { 200: ServiceVersionSchema },
    },
    handler: (request) => getVersion(commandContext(request, database), request.params.id),
  });
  app.post(`${BASE}/services`, {
    config: { access: 'catalog.manage' },
    schema: {
      tags,
      summary: 'Создать услугу (первая версия — черновик)',
      body: ServiceCreateSchema,
      response: { 201: ServiceDetailSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createService(commandContext(request, database), request.body)),
  });
  app.put(`${BASE}/services/:id/draft`, {
    config: { access: 'catalog.manage' },
    schema: {
      tags,
      summary: 'Сохранить черновик (создаётся из действующей версии, если черновика нет)',
      params: IdParamsSchema,
      body: DraftSaveSchema,
      response: { 200: ServiceVersionSchema },
    },
    handler: (request) =>
      saveDraft(commandContext(request, database), request.params.id, request.body.definition),
  });
  app.delete(`${BASE}/services/:id/draft`, {
    config: { access: 'catalog.manage' },
    schema: {
      tags,
      summary: 'Удалить черновик',
      params: IdParamsSchema,
      response: { 204: z.null().describe('Черновик удалён') },
    },
    handler: async (request, reply) => {
      await deleteDraft(commandContext(request, database), request.params.id);
      return reply.status(204).send(null);
    },
  });
  app.post(`${BASE}/services/:id/draft/publish`, {
    config: { access: 'catalog.manage' },
    schema: {
      tags,
      summary:
        'Опубликовать черновик: он становится действующей версией (при ошибках в описании — отказ со списком)',
      params: IdParamsSchema,
      response: { 200: ServiceVersionSchema },
    },
    handler: (request) => publishDraft(commandContext(request, database), request.params.id),
  });
  app.put(`${BASE}/services/:id/offered`, {
    config: { access: 'catalog.manage' },
    schema: {
      tags,
      summary: 'Опубликовать услугу на портале или снять с публикации',
      params: IdParamsSchema,
      body: OfferedSchema,
      response: { 200: ServiceDetailSchema },
    },
    handler: (request) =>
      setOffered(commandContext(request, database), request.params.id, request.body.offered),
  });
  app.post(`${BASE}/validate`, {
    config: { access: 'catalog.manage' },
    schema: {
      tags,
      summary: 'Проверить описание услуги (как при публикации)',
      body: ValidateRequestSchema,
      response: { 200: ProblemsSchema },
    },
    handler: (request) => checkDefinition(commandContext(request, database), request.body.definition),
  });
  app.get(`${BASE}/services/:id/export`, {
    config: { access: 'catalog.read' },
    schema: {
      tags,
      summary: 'Выгрузить услугу с подуслугами в файл',
      params: IdParamsSchema,
      response: { 200: ServiceExportSchema },
    },
    handler: async (request, reply) => {
      const file = await exportService(commandContext(request, database), request.params.id, clock());
      return reply
        .header('content-disposition', `attachment; filename="${file.service.code}.json"`)
        .send(file);
    },
  });
  app.post(`${BASE}/import`, {
    config: { access: 'catalog.manage' },
    schema: {
      tags,
      summary: 'Загрузить услугу из файла (как черновик; все подразделения файла сопоставлены)',
      body: ImportRequestSchema,
      response: { 200: ImportResultSchema },
    },
    handler: (request) => importService(commandContext(request, database), request.body),
  });

  // The portal: public, the municipality named in the query.
  app.get('/api/v1/portal/services', {
    config: { access: 'public' },
    schema: {
      tags: portalTags,
      summary: 'Услуги, предоставляемые муниципальным образованием',
      querystring: PortalServicesQuerySchema,
      response: { 200: PortalServiceListSchema },
    },
    handler: (request) => portalServices(database, request.query.municipalityId),
  });
  app.get('/api/v1/portal/services/:id', {
    config: { access: 'public' },
    schema: {
      tags: portalTags,
      summary: 'Услуга: сведения и форма заявления',
      params: IdParamsSchema,
      querystring: PortalServicesQuerySchema,
      response: { 200: PortalServiceSchema },
    },
    handler: (request) => portalService(database, request.query.municipalityId, request.params.id),
  });
  app.post('/api/v1/portal/services/:id/check', {
    config: { access: 'public', rateLimit: CHECK_RATE_LIMIT },
    schema: {
      tags: portalTags,
      summary: 'Проверить заполненное заявление по форме действующей версии',
      params: IdParamsSchema,
      querystring: PortalServicesQuerySchema,
      body: SubmissionCheckSchema,
      response: { 200: SubmissionProblemsSchema },
    },
    handler: (request) =>
      checkSubmission(
        database,
        request.query.municipalityId,
        request.params.id,
        request.body.values,
        todayOf(clock),
      ),
  });
}
