import { DOCUMENT_KIND_TITLES, type DocumentKind } from '@uslugi/contracts';
import type { Config } from '../../config.js';
import type { Database, Tx } from '../../db/database.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import type { GostProvider } from '../../platform/crypto/provider.js';
import { AppError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { SYSTEM_ACTOR } from '../../platform/journal/append.js';
import { enqueue, type JobHandler } from '../../platform/jobs/queue.js';
import { pdfRoute, renderDocx } from '../../platform/render/index.js';
import { notify } from '../notifications/index.js';
import { templateFor } from '../templates/index.js';
import { recordGeneratedDocument } from './generated-document.js';

export const RENDER_QUEUE = 'documents.render';
/** A render is tried this many times (the queue's backoff between them), then it is failed. */
export const RENDER_ATTEMPTS = 3;

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_MEDIA_TYPE = 'application/pdf';

/** The kinds the executor may edit: their DOCX is kept beside the PDF, and versions follow it. */
export const EDITABLE_KINDS: readonly DocumentKind[] = ['decision_draft', 'result', 'service_refusal'];

/**
 * What `document_renders.data` holds: everything the job needs to make the same bytes again.
 * - `facts`: the placeholders' values as they were at the step;
 * - `template`: the template's bytes, by their content-addressed storage key (the template itself may
 *   be retired or replaced later; the render keeps the one it was asked with);
 * - `source`: instead of a template, a DOCX the executor uploaded (a new version of a draft), with
 *   the PDF it replaces (`previousPdfId`): the job converts it without filling anything in;
 * - `document`: how the result is recorded (its unit, retention, file name).
 */
export interface RenderData {
  facts: Record<string, unknown>;
  template?: { storageKey: string };
  source?: { documentId: string; storageKey: string; sha256: string; previousPdfId: string | null };
  document: { orgUnitId: string | null; retentionYears: number | null; fileName: string };
}

export interface RenderRequest {
  municipalityId: string;
  kind: DocumentKind;
  /** The approval stage's document key (a result); null for the rest. */
  documentKey?: string | null;
  applicationId?: string | null;
  caseId?: string | null;
  /** What it belongs to within the case: a decision, a request. */
  subjectId?: string | null;
  serviceId: string;
  serviceVersionId: string;
  /** «Расписка в получении документов № 00001/2026». */
  title: string;
  facts: Record<string, unknown>;
  requestedBy: string;
  requestedAt: Date;
  orgUnitId: string | null;
  retentionYears?: number;
}

export interface RenderRequestDeps {
  files: FileStore;
}

/** A file name from a title: letters, digits and dashes. */
export function fileNameOf(title: string): string {
  return title.replace(/[^\p{L}\p{N}-]+/gu, '-').replace(/^-+|-+$/g, '');
}

/**
 * Asks for a document of a step (000 item 2.5) in the step's transaction: the most specific template
 * (the service version's, the service's, the municipality's, else the sample), the facts as they are
 * now, a pending render, and the job that makes it after the commit. A step that rolls back leaves
 * neither the render nor the job.
 */
export async function requestRender(
  tx: Tx,
  deps: RenderRequestDeps,
  input: RenderRequest,
): Promise<{ renderId: string }> {
  const template = await templateFor(tx, deps.files, {
    municipalityId: input.municipalityId,
    kind: input.kind,
    serviceId: input.serviceId,
    serviceVersionId: input.serviceVersionId,
    documentKey: input.documentKey ?? null,
  });
  const stored = await deps.files.put(template.content);
  const data: RenderData = {
    facts: input.facts,
    template: { storageKey: stored.key },
    document: {
      orgUnitId: input.orgUnitId,
      retentionYears: input.retentionYears ?? null,
      fileName: fileNameOf(input.title),
    },
  };
  return insertRender(tx, {
    ...input,
    templateId: template.templateId,
    templateSha256: template.sha256,
    data,
    docxDocumentId: null,
  });
}

export async function insertRender(
  tx: Tx,
  input: Pick<
    RenderRequest,
    'municipalityId' | 'kind' | 'documentKey' | 'applicationId' | 'caseId' | 'subjectId' | 'title'
  > & {
    requestedBy: string;
    requestedAt: Date;
    templateId: string | null;
    templateSha256: string;
    data: RenderData;
    docxDocumentId: string | null;
  },
): Promise<{ renderId: string }> {
  const { id } = await tx
    .insertInto('documentRenders')
    .values({
      municipalityId: input.municipalityId,
      kind: input.kind,
      documentKey: input.documentKey ?? null,
      applicationId: input.applicationId ?? null,
      caseId: input.caseId ?? null,
      subjectId: input.subjectId ?? null,
      templateId: input.templateId,
      templateSha256: input.templateSha256,
      title: input.title,
      data: JSON.stringify(input.data),
      docxDocumentId: input.docxDocumentId,
      requestedBy: input.requestedBy,
      requestedAt: input.requestedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueue(tx, {
    queue: RENDER_QUEUE,
    payload: { municipalityId: input.municipalityId, renderId: id },
    singletonKey: `${RENDER_QUEUE}:${id}`,
    maxAttempts: RENDER_ATTEMPTS,
  });
  return { renderId: id };
}

/** A render that has just become ready, as the modules that asked for it see it. */
export interface ReadyRender {
  id: string;
  kind: DocumentKind;
  documentKey: string | null;
  applicationId: string | null;
  caseId: string | null;
  subjectId: string | null;
  pdfDocumentId: string;
  docxDocumentId: string | null;
}

export type RenderHook = (tx: Tx, render: ReadyRender) => Promise<void>;

const hooks = new Map<DocumentKind, RenderHook[]>();

/**
 * What the module that asked for a kind does when a render of it is ready, in the job's transaction
 * (the application's receipt link, the decision's draft): the documents module never writes another
 * module's tables. Registered once, when that module is loaded.
 */
export function whenRendered(kinds: readonly DocumentKind[], hook: RenderHook): void {
  for (const kind of kinds) hooks.set(kind, [...(hooks.get(kind) ?? []), hook]);
}

/** Where a render stands, for the step that needs its document (approval waits for the draft). */
export interface RenderState {
  id: string;
  kind: DocumentKind;
  status: 'pending' | 'ready' | 'failed';
  error: string | null;
  pdfDocumentId: string | null;
  docxDocumentId: string | null;
  requestedAt: Date;
}

/** The latest render of the kinds for a subject (a decision, a request), if any. */
export async function latestRender(
  tx: Tx,
  input: { subjectId?: string; applicationId?: string; kinds: readonly DocumentKind[] },
): Promise<RenderState | undefined> {
  let query = tx
    .selectFrom('documentRenders')
    .select(['id', 'kind', 'status', 'error', 'pdfDocumentId', 'docxDocumentId', 'requestedAt'])
    .where('kind', 'in', [...input.kinds]);
  if (input.subjectId) query = query.where('subjectId', '=', input.subjectId);
  if (input.applicationId) query = query.where('applicationId', '=', input.applicationId);
  return query.orderBy('requestedAt', 'desc').orderBy('id', 'desc').executeTakeFirst();
}

/** Every render of a case or an application, oldest first (the case card's list of documents). */
export function rendersOf(
  tx: Tx,
  input: { caseId?: string; applicationId?: string },
): Promise<RenderState[]> {
  let query = tx
    .selectFrom('documentRenders')
    .select(['id', 'kind', 'status', 'error', 'pdfDocumentId', 'docxDocumentId', 'requestedAt']);
  if (input.caseId) query = query.where('caseId', '=', input.caseId);
  if (input.applicationId) query = query.where('applicationId', '=', input.applicationId);
  return query.orderBy('requestedAt').orderBy('id').execute();
}

/** The reason a person reads, in Russian; the internal detail stays in the log. */
export function renderFailureReason(error: unknown): string {
  if (error instanceof AppError) {
    const names = error.extra?.placeholders;
    if (error.code === 'template_data_missing' && Array.isArray(names)) {
      return `Для поля шаблона нет данных: ${names.join(', ')}`;
    }
    return error.userMessage;
  }
  return 'Внутренняя ошибка при формировании документа';
}

export interface RenderJobDeps {
  database: Database;
  files: FileStore;
  provider: GostProvider;
  config: Pick<Config, 'documentsPdf' | 'sofficePath'>;
}

/**
 * The `documents.render` queue: makes a pending render's DOCX (the template filled with the stored
 * facts, or the uploaded DOCX) and PDF, records them and marks the render ready, all in one
 * transaction with its journal entry. A render that is no longer pending is left alone (a retried job
 * changes nothing). A failure is counted with its reason; after the last attempt the render is failed,
 * journaled, and the employee who asked for it (the case's executor) is told why.
 */
export function renderJobs(deps: RenderJobDeps): Record<string, JobHandler> {
  return {
    [RENDER_QUEUE]: async (job) => {
      const { municipalityId, renderId } = job.payload;
      if (typeof municipalityId !== 'string' || typeof renderId !== 'string') return;
      const ctx: CommandContext = { database: deps.database, municipalityId, actor: SYSTEM_ACTOR };
      const render = await runQuery(ctx, (tx) =>
        tx.selectFrom('documentRenders').selectAll().where('id', '=', renderId).executeTakeFirst(),
      );
      if (!render || render.status !== 'pending') return;
      const data = render.data as RenderData;
      let docx: Buffer;
      let pdf: Buffer;
      try {
        if (data.source) docx = await deps.files.get(data.source.storageKey);
        else if (data.template) docx = renderDocx(await deps.files.get(data.template.storageKey), data.facts);
        else throw new AppError('internal', `render ${renderId}: neither template nor source`);
        pdf = await pdfRoute(deps.config).toPdf(docx, { title: render.title });
      } catch (error) {
        await recordFailure(ctx, render, error, job.attempts >= job.maxAttempts);
        throw error;
      }
      await runCommand(ctx, async ({ tx, journal }) => {
        const locked = await tx
          .selectFrom('documentRenders')
          .select(['status'])
          .where('id', '=', renderId)
          .forUpdate()
          .executeTakeFirst();
        if (locked?.status !== 'pending') return;
        const at = new Date();
        const common = {
          municipalityId,
          createdBy: render.requestedBy,
          orgUnitId: data.document.orgUnitId,
          createdAt: at,
          ...(data.document.retentionYears ? { retentionYears: data.document.retentionYears } : {}),
        };
        const pdfDocument = await recordGeneratedDocument(tx, deps, {
          ...common,
          title: render.title,
          fileName: `${data.document.fileName}.pdf`,
          mediaType: PDF_MEDIA_TYPE,
          content: pdf,
          previousVersionId: data.source?.previousPdfId ?? null,
        });
        let docxDocumentId = render.docxDocumentId;
        if (!docxDocumentId && EDITABLE_KINDS.includes(render.kind)) {
          ({ id: docxDocumentId } = await recordGeneratedDocument(tx, deps, {
            ...common,
            title: render.title,
            fileName: `${data.document.fileName}.docx`,
            mediaType: DOCX_MEDIA_TYPE,
            content: docx,
          }));
        }
        await tx
          .updateTable('documentRenders')
          .set({
            status: 'ready',
            attempts: (eb) => eb('attempts', '+', 1),
            error: null,
            pdfDocumentId: pdfDocument.id,
            docxDocumentId,
            renderedAt: at,
          })
          .where('id', '=', renderId)
          .where('status', '=', 'pending')
          .execute();
        const ready: ReadyRender = {
          id: render.id,
          kind: render.kind,
          documentKey: render.documentKey,
          applicationId: render.applicationId,
          caseId: render.caseId,
          subjectId: render.subjectId,
          pdfDocumentId: pdfDocument.id,
          docxDocumentId,
        };
        for (const hook of hooks.get(render.kind) ?? []) await hook(tx, ready);
        await journal({
          action: 'document.generated',
          objectType: 'document',
          objectId: pdfDocument.id,
          payload: {
            renderId,
            kind: render.kind,
            title: render.title,
            applicationId: render.applicationId,
            caseId: render.caseId,
            pdfDocumentId: pdfDocument.id,
            docxDocumentId,
            templateId: render.templateId,
            templateSha256: render.templateSha256,
            sourceDocumentId: data.source?.documentId ?? null,
          },
        });
      });
    },
  };
}

async function recordFailure(
  ctx: CommandContext,
  render: { id: string; kind: DocumentKind; title: string; requestedBy: string; caseId: string | null },
  error: unknown,
  last: boolean,
): Promise<void> {
  const reason = renderFailureReason(error);
  await runCommand(ctx, async ({ tx, journal }) => {
    const updated = await tx
      .updateTable('documentRenders')
      .set({
        attempts: (eb) => eb('attempts', '+', 1),
        error: reason,
        status: last ? 'failed' : 'pending',
      })
      .where('id', '=', render.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (!last || updated.numUpdatedRows === 0n) return;
    await notify(tx, {
      municipalityId: ctx.municipalityId,
      recipientId: render.requestedBy,
      text: `Документ «${DOCUMENT_KIND_TITLES[render.kind]}» не сформирован. ${reason}`,
      objectType: render.caseId ? 'case' : 'document_render',
      objectId: render.caseId ?? render.id,
    });
    await journal({
      action: 'document.render_failed',
      objectType: 'document_render',
      objectId: render.id,
      payload: {
        kind: render.kind,
        title: render.title,
        caseId: render.caseId,
        reason,
        detail: error instanceof Error ? error.message.slice(0, 1000) : String(error).slice(0, 1000),
        told: [render.requestedBy],
      },
    });
  });
}
