import { z } from 'zod';
import {
  DocumentDetailsSchema,
  DocumentSchema,
  DocumentSignatureSchema,
  DocumentSignSchema,
  DocumentUploadSchema,
  IdParamsSchema,
  line,
  SignatureContentQuerySchema,
  SignatureParamsSchema,
} from '@uslugi/contracts';
import { runQuery } from '../../platform/commands.js';
import { multipartBody, uploadIntake } from '../../platform/files/receive-upload.js';
import { derToPem } from '../../platform/crypto/keys.js';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { documentViewer } from './access.js';
import {
  documentStorageKey,
  getDocument,
  selectDocuments,
  selectSignatures,
  signatureDerOf,
} from './queries.js';
import { signDocument } from './sign-document.js';
import { uploadDocument, uploadDocumentFile } from './upload-document.js';
import { sendAttachment } from '../../platform/http/attachment.js';
import { personalDataViewer } from '../../platform/http/personal-data.js';
import { recordPersonalDataViews } from '../../platform/journal/personal-data-views.js';
import { documentViews } from './document-owner.js';

const tags = ['Документы'];

export function documentRoutes(app: App, { database, config, pki, files, clock }: ModuleContext): void {
  app.get('/api/v1/documents', {
    config: { access: 'documents.read' },
    schema: {
      tags,
      summary:
        'Документы, которые видит сотрудник: свои; руководителю — также документы своего подразделения и подчинённых ему',
      response: { 200: z.array(DocumentSchema) },
    },
    handler: (request) => {
      const ctx = commandContext(request, database);
      return runQuery(ctx, (tx) => selectDocuments(tx, documentViewer(ctx)));
    },
  });

  app.post('/api/v1/documents', {
    config: {
      access: 'documents.manage',
      // Per employee (the guard has resolved the session by now), not per address: an office behind
      // one NAT shares an address, and a stolen session must not upload without end.
      rateLimit: {
        max: config.uploadRateLimit,
        timeWindow: 60_000,
        keyGenerator: (request) => `employee:${request.auth?.employeeId ?? request.ip}`,
      },
    },
    // The file travels as base64 inside JSON: up to 10 МБ of bytes is about 13.4 МБ of text.
    bodyLimit: 15 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Загрузить документ (файл в base64, не больше 10 МБ)',
      body: DocumentUploadSchema,
      response: { 201: DocumentSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(
        await uploadDocument(
          commandContext(request, database),
          {
            files,
            provider: pki.provider,
            clock,
            quotaBytesPerDay: config.uploadQuotaMbPerDay * 1024 * 1024,
          },
          request.body,
        ),
      ),
  });

  app.post('/api/v1/documents/files', {
    config: {
      access: 'documents.manage',
      rateLimit: {
        max: config.uploadRateLimit,
        timeWindow: 60_000,
        keyGenerator: (request) => `employee:${request.auth?.employeeId ?? request.ip}`,
      },
    },
    schema: {
      tags,
      summary: 'Загрузить документ файлом (multipart/form-data, не больше 10 МБ)',
      description:
        'Поля формы: «title» (название; по умолчанию имя файла), затем «file». Принимаются PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG; тип определяется по содержимому.',
      ...multipartBody({ title: line().describe('Название документа') }),
      response: { 201: DocumentSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(
        await uploadDocumentFile(
          commandContext(request, database),
          {
            files,
            provider: pki.provider,
            clock,
            quotaBytesPerDay: config.uploadQuotaMbPerDay * 1024 * 1024,
            intake: uploadIntake(config, files),
          },
          request,
        ),
      ),
  });

  app.get('/api/v1/documents/:id', {
    config: { access: 'documents.read' },
    schema: {
      tags,
      summary: 'Документ и подписи под ним с результатами проверки',
      params: IdParamsSchema,
      response: { 200: DocumentDetailsSchema },
    },
    handler: (request) => {
      const ctx = commandContext(request, database);
      const viewer = documentViewer(ctx);
      return runQuery(ctx, async (tx) => ({
        ...(await getDocument(tx, viewer, request.params.id)),
        signatures: await selectSignatures(tx, viewer, request.params.id),
      }));
    },
  });

  app.get('/api/v1/documents/:id/content', {
    config: { access: 'documents.read' },
    schema: { tags, summary: 'Скачать файл документа', params: IdParamsSchema },
    handler: async (request, reply) => {
      const ctx = commandContext(request, database);
      // A document made for an application holds its applicant's personal data: the file is handed out
      // only once the view is recorded in the applicant's access log (152-ФЗ ст. 19; приказ ФСТЭК № 117).
      const { storageKey, fileName, mediaType } = await runQuery(ctx, async (tx) => {
        const found = await documentStorageKey(tx, documentViewer(ctx), request.params.id);
        await recordPersonalDataViews(
          tx,
          personalDataViewer(request),
          await documentViews(tx, request.params.id),
        );
        return found;
      });
      return sendAttachment(reply, fileName, mediaType, await files.get(storageKey));
    },
  });

  app.post('/api/v1/documents/:id/signatures', {
    config: { access: 'documents.sign' },
    schema: {
      tags,
      summary: 'Подписать документ своей электронной подписью (PIN-код ключа)',
      params: IdParamsSchema,
      body: DocumentSignSchema,
      response: { 201: DocumentSignatureSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await signDocument(
            commandContext(request, database),
            { pki, files },
            request.params.id,
            request.body.pin,
          ),
        ),
  });

  app.get('/api/v1/documents/:id/signatures/:signatureId/content', {
    config: { access: 'documents.read' },
    schema: {
      tags,
      summary: 'Скачать файл подписи (CMS, отсоединённая): DER (.sig) или base64 (?format=base64, .sig.b64)',
      params: SignatureParamsSchema,
      querystring: SignatureContentQuerySchema,
    },
    handler: async (request, reply) => {
      const { id, signatureId } = request.params;
      const ctx = commandContext(request, database);
      const viewer = documentViewer(ctx);
      const { signature, fileName } = await runQuery(ctx, async (tx) => ({
        signature: await signatureDerOf(tx, viewer, id, signatureId),
        fileName: (await documentStorageKey(tx, viewer, id)).fileName,
      }));
      if (request.query.format === 'base64') {
        // PEM armour: `openssl cms -inform PEM` reads it as is, and so does the public verification page.
        const pem = new TextEncoder().encode(derToPem('CMS', signature));
        return sendAttachment(reply, `${fileName}.sig.b64`, 'text/plain; charset=us-ascii', pem);
      }
      return sendAttachment(reply, `${fileName}.sig`, 'application/pkcs7-signature', signature);
    },
  });
}
