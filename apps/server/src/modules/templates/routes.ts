import { z } from 'zod';
import {
  DOCUMENT_KIND_TITLES,
  DOCUMENT_KINDS,
  DocumentTemplateSchema,
  IdParamsSchema,
  line,
  sampleData,
  TemplateKindParamsSchema,
  TemplateListSchema,
  TEMPLATES_API,
} from '@uslugi/contracts';
import { runQuery } from '../../platform/commands.js';
import { sendAttachment } from '../../platform/http/attachment.js';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { pdfRoute, renderDocx } from '../../platform/render/index.js';
import { multipartBody, uploadIntake } from '../../platform/files/receive-upload.js';
import { publishTemplate } from './publish-template.js';
import { selectTemplates, templateFileOf } from './queries.js';
import { sampleSha256, sampleTemplate } from './samples.js';
import { uploadTemplate } from './upload-template.js';

const tags = ['Шаблоны документов'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function templateRoutes(app: App, { database, config, files, clock }: ModuleContext): void {
  const pdf = pdfRoute(config);

  app.get(TEMPLATES_API, {
    config: { access: 'templates.manage' },
    schema: {
      tags,
      summary: 'Шаблоны документов муниципального образования и образцы по видам документов',
      response: { 200: TemplateListSchema },
    },
    handler: async (request) => ({
      templates: await runQuery(commandContext(request, database), (tx) => selectTemplates(tx)),
      kinds: DOCUMENT_KINDS.map((kind) => ({
        kind,
        title: DOCUMENT_KIND_TITLES[kind],
        sampleSha256: sampleSha256(kind),
        sampleUrl: `${TEMPLATES_API}/samples/${kind}`,
      })),
    }),
  });

  app.post(TEMPLATES_API, {
    config: { access: 'templates.manage' },
    schema: {
      tags,
      summary: 'Загрузить шаблон DOCX (черновик новой версии)',
      description:
        'Поля формы: «kind», «title», необязательные «serviceId», «serviceVersionId», «documentKey», затем «file». ' +
        'Шаблон проверяется: каждое поле шаблона должно быть в перечне полей своего вида документа.',
      ...multipartBody({
        kind: line().describe('Вид документа'),
        title: line().describe('Название шаблона'),
        serviceId: line().describe('Услуга (пусто: для всех услуг)'),
        serviceVersionId: line().describe('Версия услуги (пусто: для всех версий)'),
        documentKey: line().describe('Ключ документа этапа (пусто: любой документ вида)'),
      }),
      response: { 201: DocumentTemplateSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await uploadTemplate(
            commandContext(request, database),
            { clock, intake: uploadIntake(config, files) },
            request,
          ),
        ),
  });

  app.get(`${TEMPLATES_API}/samples/:kind`, {
    config: { access: 'templates.manage' },
    schema: { tags, summary: 'Скачать образец шаблона вида документа', params: TemplateKindParamsSchema },
    handler: (request, reply) =>
      sendAttachment(reply, `${request.params.kind}.docx`, DOCX, sampleTemplate(request.params.kind)),
  });

  app.get(`${TEMPLATES_API}/:id/content`, {
    config: { access: 'templates.manage' },
    schema: { tags, summary: 'Скачать файл шаблона', params: IdParamsSchema },
    handler: async (request, reply) => {
      const file = await runQuery(commandContext(request, database), (tx) =>
        templateFileOf(tx, request.params.id),
      );
      return sendAttachment(reply, file.fileName, DOCX, await files.get(file.storageKey));
    },
  });

  app.post(`${TEMPLATES_API}/:id/preview`, {
    config: { access: 'templates.manage' },
    schema: {
      tags,
      summary: 'Предпросмотр: шаблон, заполненный примером данных, в PDF',
      params: IdParamsSchema,
      body: z.object({}).nullish(),
    },
    handler: async (request, reply) => {
      const file = await runQuery(commandContext(request, database), (tx) =>
        templateFileOf(tx, request.params.id),
      );
      const docx = renderDocx(await files.get(file.storageKey), sampleData(file.kind));
      const rendered = await pdf.toPdf(docx, { title: file.title });
      return sendAttachment(
        reply,
        `${file.fileName.replace(/\.docx$/i, '')}.pdf`,
        'application/pdf',
        rendered,
      );
    },
  });

  app.post(`${TEMPLATES_API}/:id/publish`, {
    config: { access: 'templates.manage' },
    schema: {
      tags,
      summary: 'Опубликовать шаблон: действует вместо прежней версии',
      params: IdParamsSchema,
      body: z.object({}).nullish(),
      response: { 200: DocumentTemplateSchema },
    },
    handler: (request) => publishTemplate(commandContext(request, database), { clock }, request.params.id),
  });
}
