import { promises as fs } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdSchema } from '@uslugi/contracts';
import { runCommand, type CommandContext } from '../../platform/commands.js';
import { AppError, notFound } from '../../platform/errors.js';
import { multipartBody, receiveUpload, uploadIntake, MB } from '../../platform/files/receive-upload.js';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { DOCX_MEDIA_TYPE, latestRender, uploadDraftVersion } from '../documents/index.js';
import { assertOpen, lockCase } from './case-row.js';
import { RESULT_KINDS } from './result-document.js';

/** An edited draft is a Word document of at most this size. */
export const DRAFT_MAX_BYTES = 10 * MB;

export const DraftVersionSchema = z.object({
  documentId: z.string().describe('Новая редакция (DOCX)'),
  version: z.number().int(),
  renderId: z.string().describe('Формирование PDF новой редакции'),
});

/**
 * The executor's edited DOCX of the result draft (000 item 3.4: the executor prepares the draft the
 * official signs): only the case's executor, only while the decision waits for approval, only a DOCX.
 * It becomes the next version of the draft's DOCX, and its PDF is made again from it; approval signs
 * the last version.
 */
export async function uploadDraftDocx(
  ctx: CommandContext,
  deps: Pick<ModuleContext, 'files' | 'pki' | 'clock' | 'config'>,
  request: FastifyRequest,
  input: { caseId: string; documentId: string },
) {
  const actorId = ctx.actor.id;
  if (!actorId) throw new AppError('forbidden', 'only an employee uploads');
  const received = await receiveUpload(request, {
    intake: uploadIntake(deps.config, deps.files),
    ctx,
    maxBytes: DRAFT_MAX_BYTES,
  });
  try {
    if (received.mediaType !== DOCX_MEDIA_TYPE) {
      throw new AppError('file_type_refused', `${received.fileName}: ${received.kind}`, [
        { path: 'file', message: `Файл «${received.fileName}»: приложите документ Word (DOCX)` },
      ]);
    }
    const content = await fs.readFile(received.path);
    return await runCommand(ctx, async (scope) => {
      const { row } = await lockCase(scope.tx, input.caseId);
      assertOpen(row);
      if (row.executorId !== actorId) throw new AppError('case_not_executor', `case ${row.id}`);
      const decision = await scope.tx
        .selectFrom('caseDecisions')
        .select('id')
        .where('caseId', '=', row.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (!decision) throw notFound(`case ${row.id}: no pending decision`);
      const current = await latestRender(scope.tx, { subjectId: decision.id, kinds: RESULT_KINDS });
      // The document named must be the draft's current DOCX or PDF: an older version is not edited.
      if (!current || ![current.docxDocumentId, current.pdfDocumentId].includes(input.documentId)) {
        throw notFound(`document ${input.documentId} is not the current draft of case ${row.id}`);
      }
      return uploadDraftVersion(
        scope,
        { files: deps.files, provider: deps.pki.provider },
        {
          subjectId: decision.id,
          kinds: RESULT_KINDS,
          content,
          fileName: received.fileName,
          actorId,
          at: deps.clock(),
        },
      );
    });
  } finally {
    await received.discard();
  }
}

export function draftVersionRoutes(app: App, ctx: ModuleContext): void {
  app.post('/api/v1/arm/cases/:id/documents/:documentId/versions', {
    config: { access: 'cases.work' },
    schema: {
      tags: ['Дела'],
      summary: 'Загрузить исправленный проект результата (DOCX, не больше 10 МБ) как новую редакцию',
      params: z.object({ id: IdSchema, documentId: IdSchema }),
      ...multipartBody(),
      response: { 201: DraftVersionSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(
        await uploadDraftDocx(commandContext(request, ctx.database), ctx, request, {
          caseId: request.params.id,
          documentId: request.params.documentId,
        }),
      ),
  });
}
