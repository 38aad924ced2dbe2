import {
  ApplicantCardSchema,
  ApplicantCreateSchema,
  ApplicantMatchListSchema,
  ApplicantRecordInputSchema,
  ApplicantRecordSchema,
  ApplicantSearchQuerySchema,
  AuthorityCheckQuerySchema,
  AuthorityCheckResultSchema,
  AuthorityInputSchema,
  AuthorityListQuerySchema,
  AuthorityListSchema,
  AuthoritySchema,
  IdParamsSchema,
} from '@uslugi/contracts';
import { todayOf } from '../../platform/clock.js';
import { runQuery } from '../../platform/commands.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { commandContext } from '../../platform/http/context.js';
import { personalDataViewer } from '../../platform/http/personal-data.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { publishedVersion } from '../catalog/index.js';
import { findAuthority, problemOf } from './authorities.js';
import {
  changeApplicant,
  grantAuthority,
  listAuthorities,
  readApplicantCard,
  registerApplicant,
  revokeAuthority,
} from './commands.js';
import { findDuplicates, searchRecords } from './search.js';

const tags = ['Реестр заявителей'];

export function registryRoutes(app: App, { database, clock }: ModuleContext): void {
  app.get('/api/v1/arm/applicants', {
    config: { access: 'applicants.read' },
    schema: {
      tags,
      summary:
        'Поиск заявителей: по СНИЛС, ИНН, ОГРН, ОГРНИП, паспорту — точно; по ФИО или наименованию — с опечатками',
      querystring: ApplicantSearchQuerySchema,
      response: { 200: ApplicantMatchListSchema },
    },
    handler: async (request) => ({
      items: await runQuery(commandContext(request, database), (tx) => searchRecords(tx, request.query)),
    }),
  });

  app.post('/api/v1/arm/applicants/duplicates', {
    config: { access: 'applicants.read' },
    schema: {
      tags,
      summary: 'Возможные дубликаты заявителя перед внесением в реестр',
      body: ApplicantRecordInputSchema,
      response: { 200: ApplicantMatchListSchema },
    },
    handler: async (request) => ({
      items: await runQuery(commandContext(request, database), (tx) => findDuplicates(tx, request.body)),
    }),
  });

  app.post('/api/v1/arm/applicants', {
    config: { access: 'applicants.manage' },
    schema: {
      tags,
      summary: 'Внести заявителя в реестр (при возможных дубликатах — 409, пока их не просмотрели)',
      body: ApplicantCreateSchema,
      response: { 201: ApplicantRecordSchema },
    },
    handler: async (request, reply) => {
      const record = await registerApplicant(commandContext(request, database), request.body);
      return reply.status(201).send(record);
    },
  });

  app.get('/api/v1/arm/applicants/:id', {
    config: { access: 'applicants.read' },
    schema: {
      tags,
      summary:
        'Карточка заявителя: сведения, основания представительства, документы (просмотр журналируется)',
      params: IdParamsSchema,
      response: { 200: ApplicantCardSchema },
    },
    handler: (request) =>
      readApplicantCard(
        commandContext(request, database),
        personalDataViewer(request),
        request.params.id,
        todayOf(clock),
      ),
  });

  app.put('/api/v1/arm/applicants/:id', {
    config: { access: 'applicants.manage' },
    schema: {
      tags,
      summary: 'Изменить сведения о заявителе',
      params: IdParamsSchema,
      body: ApplicantRecordInputSchema,
      response: { 200: ApplicantRecordSchema },
    },
    handler: (request) => changeApplicant(commandContext(request, database), request.params.id, request.body),
  });

  app.post('/api/v1/arm/authorities', {
    config: { access: 'applicants.manage' },
    schema: {
      tags,
      summary: 'Внести основание представительства (доверенность, законное представительство, руководитель)',
      body: AuthorityInputSchema,
      response: { 201: AuthoritySchema },
    },
    handler: async (request, reply) => {
      const authority = await grantAuthority(commandContext(request, database), request.body, todayOf(clock));
      return reply.status(201).send(authority);
    },
  });

  app.post('/api/v1/arm/authorities/:id/revoke', {
    config: { access: 'applicants.manage' },
    schema: {
      tags,
      summary: 'Отменить основание представительства',
      params: IdParamsSchema,
      response: { 200: AuthoritySchema },
    },
    handler: (request) => revokeAuthority(commandContext(request, database), request.params.id),
  });

  app.get('/api/v1/arm/authorities', {
    config: { access: 'applicants.read' },
    schema: {
      tags,
      summary: 'Основания представительства, где запись — заявитель или представитель',
      querystring: AuthorityListQuerySchema,
      response: { 200: AuthorityListSchema },
    },
    handler: (request) => listAuthorities(commandContext(request, database), request.query.applicantId),
  });

  app.get('/api/v1/arm/authorities/:id/check', {
    config: { access: 'applicants.read' },
    schema: {
      tags,
      summary: 'Проверить, действует ли основание представительства для услуги сегодня',
      params: IdParamsSchema,
      querystring: AuthorityCheckQuerySchema,
      response: { 200: AuthorityCheckResultSchema },
    },
    handler: (request) =>
      runQuery(commandContext(request, database), async (tx) => {
        const authority = await findAuthority(tx, request.params.id);
        if (!authority) throw notFound(`authority ${request.params.id}`);
        const version = await publishedVersion(tx, request.query.serviceId);
        if (!version) throw fieldError('serviceId', 'Услуга: нет действующей версии услуги');
        const service = { id: request.query.serviceId, name: version.definition.card.name };
        const problem = problemOf(authority, service, todayOf(clock));
        return { ok: problem === null, problem };
      }),
  });
}
