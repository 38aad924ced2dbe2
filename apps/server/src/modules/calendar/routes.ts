import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CalendarDaysQuerySchema,
  CalendarExportQuerySchema,
  CalendarImportPreviewSchema,
  CalendarImportSchema,
  CalendarParamsSchema,
  CalendarStatusSchema,
  CalendarYearSchema,
  LocalDayCreateSchema,
  LocalDayParamsSchema,
  LocalDaySchema,
  LocalDaysQuerySchema,
  LocalDayUpdateSchema,
  TermQuerySchema,
  TermResultSchema,
} from '@uslugi/contracts';
import type { Database } from '../../db/database.js';
import { runQuery, type CommandContext } from '../../platform/commands.js';
import { notFound } from '../../platform/errors.js';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { calculateTerm } from './calculate-term.js';
import { calendarStatus } from './calendar-status.js';
import { calendarYear } from './days.js';
import { exportCalendar } from './export-calendar.js';
import { applyImport, previewImport } from './import-calendar.js';
import { createLocalDay, deleteLocalDay, listLocalDays, updateLocalDay } from './local-days.js';
import { municipalCalendar } from './municipal-calendar.js';

const tags = ['Производственный календарь'];
const BASE = '/api/v1/calendars/:municipalityId';

/** Only the session's own municipality: another one's id is «not found», never «forbidden». */
function ownCalendar(request: FastifyRequest, database: Database, municipalityId: string): CommandContext {
  const ctx = commandContext(request, database);
  if (municipalityId !== ctx.municipalityId) throw notFound(`calendar of ${municipalityId}`);
  return ctx;
}

export function calendarRoutes(app: App, { database, clock }: ModuleContext): void {
  app.get(`${BASE}/days`, {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Все дни года по календарю муниципального образования: вид дня, основание, предварительность',
      params: CalendarParamsSchema,
      querystring: CalendarDaysQuerySchema,
      response: { 200: CalendarYearSchema },
    },
    handler: async (request) => {
      const ctx = ownCalendar(request, database, request.params.municipalityId);
      const { calendar } = await runQuery(ctx, (tx) => municipalCalendar(tx, ctx.municipalityId));
      return calendarYear(calendar, request.query.year);
    },
  });

  app.get(`${BASE}/terms`, {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Рассчитать срок: дата окончания N рабочих или календарных дней от даты',
      params: CalendarParamsSchema,
      querystring: TermQuerySchema,
      response: { 200: TermResultSchema },
    },
    handler: (request) =>
      calculateTerm(ownCalendar(request, database, request.params.municipalityId), request.query, clock),
  });

  app.get(`${BASE}/status`, {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Загруженные годы, предварительные годы и предупреждения об отсутствующем календаре',
      params: CalendarParamsSchema,
      response: { 200: CalendarStatusSchema },
    },
    handler: (request) =>
      calendarStatus(ownCalendar(request, database, request.params.municipalityId), clock),
  });

  app.get(`${BASE}/export`, {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary:
        'Выгрузить год календаря в файл xmlcalendar: календарь муниципального образования, федеральный или региональный',
      params: CalendarParamsSchema,
      querystring: CalendarExportQuerySchema,
      response: {
        200: {
          description: 'Файл xmlcalendar (XML, UTF-8)',
          content: { 'application/xml': { schema: z.string().describe('Файл xmlcalendar') } },
        },
      },
    },
    handler: async (request, reply) => {
      const ctx = ownCalendar(request, database, request.params.municipalityId);
      const { fileName, xml } = await exportCalendar(ctx, request.query, clock);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .send(xml);
    },
  });

  app.get(`${BASE}/local-days`, {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Особые дни, установленные муниципальным образованием',
      params: CalendarParamsSchema,
      querystring: LocalDaysQuerySchema,
      response: { 200: z.array(LocalDaySchema) },
    },
    handler: (request) =>
      listLocalDays(ownCalendar(request, database, request.params.municipalityId), request.query.year),
  });
  app.post(`${BASE}/local-days`, {
    config: { access: 'calendar.manage' },
    schema: {
      tags,
      summary: 'Установить особый день (выходной, рабочий, сокращённый); открытые сроки пересчитываются',
      params: CalendarParamsSchema,
      body: LocalDayCreateSchema,
      response: { 201: LocalDaySchema },
    },
    handler: async (request, reply) => {
      const ctx = ownCalendar(request, database, request.params.municipalityId);
      return reply.status(201).send(await createLocalDay(ctx, request.body));
    },
  });
  app.patch(`${BASE}/local-days/:id`, {
    config: { access: 'calendar.manage' },
    schema: {
      tags,
      summary: 'Изменить особый день',
      params: LocalDayParamsSchema,
      body: LocalDayUpdateSchema,
      response: { 200: LocalDaySchema },
    },
    handler: (request) =>
      updateLocalDay(
        ownCalendar(request, database, request.params.municipalityId),
        request.params.id,
        request.body,
      ),
  });
  app.delete(`${BASE}/local-days/:id`, {
    config: { access: 'calendar.manage' },
    schema: {
      tags,
      summary: 'Отменить особый день',
      params: LocalDayParamsSchema,
      response: { 204: z.null().describe('Особый день отменён') },
    },
    handler: async (request, reply) => {
      await deleteLocalDay(ownCalendar(request, database, request.params.municipalityId), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post(`${BASE}/imports/preview`, {
    config: { access: 'calendar.manage' },
    schema: {
      tags,
      summary: 'Проверить файл xmlcalendar и показать отличия от текущего календаря (ничего не меняет)',
      params: CalendarParamsSchema,
      body: CalendarImportSchema,
      response: { 200: CalendarImportPreviewSchema },
    },
    handler: (request) =>
      previewImport(ownCalendar(request, database, request.params.municipalityId), request.body),
  });
  app.post(`${BASE}/imports`, {
    config: { access: 'calendar.manage' },
    schema: {
      tags,
      summary: 'Загрузить год из файла xmlcalendar вместо поставляемого; открытые сроки пересчитываются',
      params: CalendarParamsSchema,
      body: CalendarImportSchema,
      response: { 201: CalendarImportPreviewSchema },
    },
    handler: async (request, reply) => {
      const ctx = ownCalendar(request, database, request.params.municipalityId);
      return reply.status(201).send(await applyImport(ctx, request.body));
    },
  });
}
