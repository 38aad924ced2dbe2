import {
  ConsultationDetailSchema,
  ConsultationDiscardSchema,
  ConsultationFinishSchema,
  ConsultationListQuerySchema,
  ConsultationListSchema,
  ConsultationSchema,
  ConsultationStartSchema,
  IdParamsSchema,
} from '@uslugi/contracts';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { discardConsultation, finishConsultation, registerConsultation } from './commands.js';
import { getConsultation, listConsultations, unfinishedConsultations } from './queries.js';

const tags = ['Консультации'];
const BASE = '/api/v1/arm/consultations';

export function consultationRoutes(app: App, { database, clock }: ModuleContext): void {
  app.get(`${BASE}/unfinished`, {
    config: { access: 'consultations.conduct' },
    schema: {
      tags,
      summary: 'Мои незавершённые консультации',
      response: { 200: ConsultationListSchema },
    },
    handler: (request) => unfinishedConsultations(commandContext(request, database)),
  });
  app.get(BASE, {
    config: { access: ['consultations.conduct', 'consultations.supervise'] },
    schema: {
      tags,
      summary:
        'Консультации: свои; руководителю — сотрудников своего и нижестоящих подразделений (отбор по сотруднику, услуге, периоду, внесённым с опозданием)',
      querystring: ConsultationListQuerySchema,
      response: { 200: ConsultationListSchema },
    },
    handler: (request) => listConsultations(commandContext(request, database), request.query),
  });
  app.get(`${BASE}/:id`, {
    config: { access: ['consultations.conduct', 'consultations.supervise'] },
    schema: {
      tags,
      summary: 'Консультация и сведения карточки услуги для разъяснения',
      params: IdParamsSchema,
      response: { 200: ConsultationDetailSchema },
    },
    handler: (request) => getConsultation(commandContext(request, database), request.params.id),
  });
  app.post(BASE, {
    config: { access: 'consultations.conduct' },
    schema: {
      tags,
      summary: 'Зарегистрировать консультацию',
      body: ConsultationStartSchema,
      response: { 201: ConsultationSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await registerConsultation(commandContext(request, database), request.body, clock)),
  });
  app.post(`${BASE}/:id/finish`, {
    config: { access: 'consultations.conduct' },
    schema: {
      tags,
      summary: 'Завершить консультацию',
      params: IdParamsSchema,
      body: ConsultationFinishSchema,
      response: { 200: ConsultationSchema },
    },
    handler: (request) =>
      finishConsultation(commandContext(request, database), request.params.id, request.body, clock),
  });
  app.post(`${BASE}/:id/discard`, {
    config: { access: 'consultations.conduct' },
    schema: {
      tags,
      summary: 'Отменить незавершённую консультацию',
      params: IdParamsSchema,
      body: ConsultationDiscardSchema,
      response: { 200: ConsultationSchema },
    },
    handler: (request) =>
      discardConsultation(commandContext(request, database), request.params.id, request.body.reason),
  });
}
