import { z } from 'zod';
import {
  AssignableEmployeesSchema,
  CaseCardSchema,
  CaseDocumentsSchema,
  CaseListQuerySchema,
  CaseListSchema,
  IdParamsSchema,
  IdSchema,
} from '@uslugi/contracts';
import { todayOf } from '../../platform/clock.js';
import { runCommand, runQuery } from '../../platform/commands.js';
import { notFound } from '../../platform/errors.js';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { documentFile, signatureFile } from '../documents/index.js';
import { assignableEmployees } from './assignable.js';
import { caseCard, documentsOfCase, visibleCase } from './case-card.js';
import { caseDocumentsView } from './case-documents-view.js';
import { caseViewer } from './case-visibility.js';
import { listCases } from './list-cases.js';
import { sendAttachment } from '../../platform/http/attachment.js';
import { personalDataViewer } from '../../platform/http/personal-data.js';
import { recordPersonalDataViews } from '../../platform/journal/personal-data-views.js';
import { applicationViews } from '../applications/index.js';

const tags = ['Дела'];
const BASE = '/api/v1/arm/cases';

const DocumentParamsSchema = z.object({ id: IdSchema, documentId: IdSchema });
const SignatureParamsSchema = DocumentParamsSchema.extend({ signatureId: IdSchema });

/** The workplace's reading of cases: worklists, the case card, whom to assign, the case's documents. */
export function caseViewRoutes(app: App, { database, clock, files, journalTitles }: ModuleContext): void {
  app.get(BASE, {
    config: { access: 'cases.read' },
    schema: {
      tags,
      summary: 'Списки дел: новые, мои, на утверждение, по срокам, подразделения, завершённые',
      querystring: CaseListQuerySchema,
      response: { 200: CaseListSchema },
    },
    handler: (request) => {
      const ctx = commandContext(request, database);
      return runQuery(ctx, async (tx) =>
        listCases(
          { tx, municipalityId: ctx.municipalityId, today: todayOf(clock) },
          await caseViewer(tx, ctx),
          request.query,
        ),
      );
    },
  });

  // The card shows the applicant's personal data: each view is journaled (152-ФЗ ст. 19) and recorded in
  // the applicant's access log as a view of the application (приказ ФСТЭК № 117).
  app.get(`${BASE}/:id`, {
    config: { access: 'cases.read' },
    schema: {
      tags,
      summary: 'Карточка дела: заявление, этап, действия, сроки, решения, запросы, документы, история',
      params: IdParamsSchema,
      response: { 200: CaseCardSchema },
    },
    handler: (request) => {
      const ctx = commandContext(request, database);
      return runCommand(ctx, async ({ tx, journal }) => {
        const viewer = await caseViewer(tx, ctx);
        const row = await visibleCase(tx, viewer, request.params.id);
        const card = await caseCard(
          { tx, municipalityId: ctx.municipalityId, today: todayOf(clock), titles: journalTitles },
          viewer,
          row,
        );
        await journal({
          action: 'case.viewed',
          objectType: 'case',
          objectId: row.id,
          payload: { registrationNumber: row.registrationNumber, stage: row.stageKey, status: row.status },
        });
        const views = await applicationViews(
          tx,
          { applicationId: row.applicationId },
          { viewed: 'application' },
        );
        await recordPersonalDataViews(tx, personalDataViewer(request), views);
        return card;
      });
    },
  });

  app.get(`${BASE}/:id/assignable`, {
    config: { access: 'cases.assign' },
    schema: {
      tags,
      summary: 'Сотрудники подразделения дела и нижестоящих подразделений, кому можно назначить дело',
      params: IdParamsSchema,
      response: { 200: AssignableEmployeesSchema },
    },
    handler: (request) => {
      const ctx = commandContext(request, database);
      return runQuery(ctx, async (tx) => {
        const viewer = await caseViewer(tx, ctx);
        return assignableEmployees(tx, viewer, await visibleCase(tx, viewer, request.params.id));
      });
    },
  });

  // Whoever may see the case sees its documents (000 item 2.5); titles and employees, no applicant data.
  app.get(`${BASE}/:id/documents`, {
    config: { access: 'cases.read' },
    schema: {
      tags,
      summary: 'Документы дела: формирование, PDF и DOCX, редакции, хеши, подписи и их проверка',
      params: IdParamsSchema,
      response: { 200: CaseDocumentsSchema },
    },
    handler: (request) => {
      const ctx = commandContext(request, database);
      return runQuery(ctx, async (tx) => caseDocumentsView(tx, await caseViewer(tx, ctx), request.params.id));
    },
  });

  app.get(`${BASE}/:id/documents/:documentId`, {
    config: { access: 'cases.read' },
    schema: { tags, summary: 'Скачать документ дела', params: DocumentParamsSchema },
    handler: async (request, reply) => {
      const ctx = commandContext(request, database);
      const { id, documentId } = request.params;
      // Handed out only once its view is recorded in the applicant's access log (152-ФЗ ст. 19).
      const file = await runQuery(ctx, async (tx) => {
        const documents = await documentsOfCase(tx, await caseViewer(tx, ctx), id);
        if (!documents.ids.has(documentId)) return undefined;
        const found = await documentFile(tx, files, documentId);
        if (!found) return undefined;
        const views = await applicationViews(
          tx,
          { caseId: id },
          { viewed: 'document', objectId: documentId },
        );
        await recordPersonalDataViews(tx, personalDataViewer(request), views);
        return found;
      });
      if (!file) throw notFound(`document ${documentId} of case ${id}`);
      return sendAttachment(reply, file.fileName, file.mediaType, file.content);
    },
  });

  app.get(`${BASE}/:id/documents/:documentId/signatures/:signatureId`, {
    config: { access: 'cases.read' },
    schema: {
      tags,
      summary: 'Скачать файл подписи документа дела (CMS, отсоединённая, .sig)',
      params: SignatureParamsSchema,
    },
    handler: async (request, reply) => {
      const ctx = commandContext(request, database);
      const { id, documentId, signatureId } = request.params;
      const signature = await runQuery(ctx, async (tx) => {
        const documents = await documentsOfCase(tx, await caseViewer(tx, ctx), id);
        return documents.ids.has(documentId) ? signatureFile(tx, documentId, signatureId) : undefined;
      });
      if (!signature) throw notFound(`signature ${signatureId} of case ${id}`);
      return sendAttachment(reply, `${signature.fileName}.sig`, 'application/pkcs7-signature', signature.der);
    },
  });
}
