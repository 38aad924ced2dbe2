import type { FastifyRequest } from 'fastify';
import { ApplicationFileSchema, IdParamsSchema } from '@uslugi/contracts';
import type { CommandContext } from '../../platform/commands.js';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import { requireApplicant } from '../../platform/http/guard.js';
import { MB, multipartBody, uploadIntake } from '../../platform/files/receive-upload.js';
import type { ModuleContext } from '../../platform/module.js';
import { applicantFile, uploadApplicationFile, type FileUploadDeps } from './upload-file.js';
import { sendAttachment } from '../../platform/http/attachment.js';

const tags = ['Файлы заявлений'];

/** The portal applicant acting in the municipality of their session. */
export function applicantCommandContext(request: FastifyRequest, ctx: ModuleContext): CommandContext {
  const auth = requireApplicant(request);
  return {
    database: ctx.database,
    municipalityId: auth.municipalityId,
    actor: { type: 'applicant', id: auth.applicantId, name: auth.fullName },
  };
}

/** Uploads of files attached to applications, by applicants and by staff (streamed, checked by content). */
export function applicationFileRoutes(app: App, ctx: ModuleContext): void {
  const { config, files, clock } = ctx;
  const deps: FileUploadDeps = {
    intake: uploadIntake(config, files),
    clock,
    maxApplicationBytes: config.uploadMaxApplicationMb * MB,
  };
  const uploadLimit = (key: (request: FastifyRequest) => string) => ({
    max: config.uploadRateLimit,
    timeWindow: 60_000,
    keyGenerator: key,
  });
  const description = `Форма multipart/form-data с одним файлом в поле «file» (PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG; не больше ${config.uploadMaxFileMb} МБ). Тип определяется по содержимому.`;

  app.post('/api/v1/portal/files', {
    config: {
      access: 'applicant',
      rateLimit: uploadLimit((request) => `applicant-files:${request.applicant?.applicantId ?? request.ip}`),
    },
    schema: {
      tags,
      summary: 'Загрузить файл для заявления',
      description,
      ...multipartBody(),
      response: { 201: ApplicationFileSchema },
    },
    handler: async (request, reply) => {
      const auth = requireApplicant(request);
      const file = await uploadApplicationFile(applicantCommandContext(request, ctx), request, deps, {
        applicantId: auth.applicantId,
      });
      return reply.status(201).send(file);
    },
  });

  app.post('/api/v1/arm/files', {
    config: {
      access: 'intake.accept',
      rateLimit: uploadLimit((request) => `employee:${request.auth?.employeeId ?? request.ip}`),
    },
    schema: {
      tags,
      summary: 'Загрузить файл (скан) к заявлению, принимаемому на приёме',
      description,
      ...multipartBody(),
      response: { 201: ApplicationFileSchema },
    },
    handler: async (request, reply) => {
      const command = commandContext(request, ctx.database);
      const employeeId = command.actor.id ?? '';
      const file = await uploadApplicationFile(command, request, deps, { employeeId });
      return reply.status(201).send(file);
    },
  });

  app.get('/api/v1/portal/files/:id', {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary: 'Мой загруженный файл (сведения)',
      params: IdParamsSchema,
      response: { 200: ApplicationFileSchema },
    },
    handler: async (request) => {
      const auth = requireApplicant(request);
      const { storageKey: _key, ...file } = await applicantFile(
        applicantCommandContext(request, ctx),
        auth.applicantId,
        request.params.id,
      );
      return file;
    },
  });

  app.get('/api/v1/portal/files/:id/content', {
    config: { access: 'applicant' },
    schema: { tags, summary: 'Скачать мой загруженный файл', params: IdParamsSchema },
    handler: async (request, reply) => {
      const auth = requireApplicant(request);
      const file = await applicantFile(
        applicantCommandContext(request, ctx),
        auth.applicantId,
        request.params.id,
      );
      return sendAttachment(reply, file.fileName, file.mediaType, await files.get(file.storageKey));
    },
  });
}
