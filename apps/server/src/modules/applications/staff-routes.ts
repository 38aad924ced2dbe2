import { z } from 'zod';
import {
  AcceptanceSchema,
  ApplicationListQuerySchema,
  ApplicationListSchema,
  ApplicationSchema,
  IdParamsSchema,
  IdSchema,
  IntakeRefusalSchema,
  NumberFormatSchema,
  PaperAcceptSchema,
  PaperRefusalSchema,
} from '@uslugi/contracts';
import { todayOf } from '../../platform/clock.js';
import { runCommand, runQuery } from '../../platform/commands.js';
import { notFound } from '../../platform/errors.js';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { acceptApplication, acceptPaperApplication, type IntakeDeps } from './accept-application.js';
import { actingEmployee } from './intake-rules.js';
import { applicationView, listApplications } from './application-view.js';
import { unitApplications } from './queries.js';
import { refusePaperIntake, refuseSubmitted } from './refuse-intake.js';
import { getIntakeSettings, setIntakeSettings } from './settings.js';
import { sendAttachment } from '../../platform/http/attachment.js';
import { personalDataViewer } from '../../platform/http/personal-data.js';
import { recordPersonalDataViews } from '../../platform/journal/personal-data-views.js';
import { applicationViews } from './personal-data.js';

const tags = ['Приём заявлений'];
const BASE = '/api/v1/arm';

const IntakeSettingsSchema = z.object({ format: z.string(), example: z.string() });
const FileParamsSchema = z.object({ id: IdSchema, fileId: IdSchema });

/** The workplace's routes of intake: paper acceptance and refusal, incoming e-applications (000 items 3.2, 3.3). */
export function staffApplicationRoutes(app: App, { database, files, pki, clock }: ModuleContext): void {
  const deps: IntakeDeps = { files, provider: pki.provider, clock };

  app.post(`${BASE}/intake/paper/accept`, {
    config: { access: 'intake.accept' },
    schema: {
      tags,
      summary: 'Принять заявление на бумаге: регистрационный номер, дело, расписка',
      body: PaperAcceptSchema,
      response: { 201: AcceptanceSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await acceptPaperApplication(commandContext(request, database), deps, request.body)),
  });

  app.post(`${BASE}/intake/paper/refuse`, {
    config: { access: 'intake.accept' },
    schema: {
      tags,
      summary: 'Отказать в приёме документов на бумаге',
      body: PaperRefusalSchema,
      response: { 201: ApplicationSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await refusePaperIntake(commandContext(request, database), deps, request.body)),
  });

  app.get(`${BASE}/applications`, {
    config: { access: 'applications.read' },
    schema: {
      tags,
      summary: 'Заявления подразделения и нижестоящих подразделений',
      querystring: ApplicationListQuerySchema,
      response: { 200: ApplicationListSchema },
    },
    handler: (request) => {
      const ctx = commandContext(request, database);
      const employeeId = actingEmployee(ctx);
      return runQuery(ctx, (tx) => listApplications(tx, employeeId, request.query, clock));
    },
  });

  // «Просмотреть»: the application's personal data are read, so the view is journaled, and recorded in
  // the applicant's access log (152-ФЗ ст. 19; приказ ФСТЭК № 117).
  app.get(`${BASE}/applications/:id`, {
    config: { access: 'applications.read' },
    schema: {
      tags,
      summary: 'Заявление: сведения, документы, история статусов',
      params: IdParamsSchema,
      response: { 200: ApplicationSchema },
    },
    handler: (request) => {
      const ctx = commandContext(request, database);
      const employeeId = actingEmployee(ctx);
      return runCommand(ctx, async ({ tx, journal }) => {
        const visible = await tx
          .selectFrom('applications as a')
          .select('a.id')
          .where('a.id', '=', request.params.id)
          .where('a.status', '!=', 'draft')
          .where(unitApplications(employeeId))
          .executeTakeFirst();
        if (!visible) throw notFound(`application ${request.params.id}`);
        const view = await applicationView(tx, visible.id, todayOf(clock));
        await journal({
          action: 'application.viewed',
          objectType: 'application',
          objectId: view.id,
          payload: { registrationNumber: view.registrationNumber, status: view.status },
        });
        const views = await applicationViews(tx, { applicationId: view.id }, { viewed: 'application' });
        await recordPersonalDataViews(tx, personalDataViewer(request), views);
        return view;
      });
    },
  });

  app.post(`${BASE}/applications/:id/accept`, {
    config: { access: 'intake.accept' },
    schema: {
      tags,
      summary: 'Принять заявление, поданное через портал',
      params: IdParamsSchema,
      response: { 200: AcceptanceSchema },
    },
    handler: (request) => {
      const ctx = commandContext(request, database);
      const actorId = actingEmployee(ctx);
      return runCommand(ctx, ({ tx, journal }) =>
        acceptApplication({ tx, journal, municipalityId: ctx.municipalityId }, deps, {
          applicationId: request.params.id,
          actorId,
        }),
      );
    },
  });

  app.post(`${BASE}/applications/:id/refuse`, {
    config: { access: 'intake.accept' },
    schema: {
      tags,
      summary: 'Отказать в приёме документов по заявлению, поданному через портал',
      params: IdParamsSchema,
      body: IntakeRefusalSchema,
      response: { 200: ApplicationSchema },
    },
    handler: (request) =>
      refuseSubmitted(commandContext(request, database), deps, request.params.id, request.body),
  });

  app.get(`${BASE}/applications/:id/files/:fileId`, {
    config: { access: 'applications.read' },
    schema: { tags, summary: 'Скачать файл заявления', params: FileParamsSchema },
    handler: async (request, reply) => {
      const ctx = commandContext(request, database);
      const employeeId = actingEmployee(ctx);
      // The file is handed out only once its view is recorded in the applicant's access log (152-ФЗ ст. 19).
      const file = await runQuery(ctx, async (tx) => {
        const found = await tx
          .selectFrom('applicationFiles as f')
          .innerJoin('applications as a', 'a.id', 'f.applicationId')
          .select(['f.id', 'f.fileName', 'f.mediaType', 'f.storageKey', 'f.scanStatus'])
          .where('f.id', '=', request.params.fileId)
          .where('a.id', '=', request.params.id)
          .where(unitApplications(employeeId))
          .executeTakeFirst();
        // A quarantined file is never handed out.
        if (!found || found.scanStatus === 'quarantined') return undefined;
        const views = await applicationViews(
          tx,
          { applicationId: request.params.id },
          { viewed: 'file', objectId: found.id },
        );
        await recordPersonalDataViews(tx, personalDataViewer(request), views);
        return found;
      });
      if (!file) throw notFound(`file ${request.params.fileId}`);
      return sendAttachment(reply, file.fileName, file.mediaType, await files.get(file.storageKey));
    },
  });

  app.get('/api/v1/admin/intake-settings', {
    config: { access: 'intake.settings' },
    schema: {
      tags,
      summary: 'Формат регистрационного номера заявлений',
      response: { 200: IntakeSettingsSchema },
    },
    handler: (request) => getIntakeSettings(commandContext(request, database), clock),
  });

  app.put('/api/v1/admin/intake-settings', {
    config: { access: 'intake.settings' },
    schema: {
      tags,
      summary: 'Изменить формат регистрационного номера заявлений',
      body: NumberFormatSchema,
      response: { 200: IntakeSettingsSchema },
    },
    handler: (request) => setIntakeSettings(commandContext(request, database), clock, request.body.format),
  });
}
