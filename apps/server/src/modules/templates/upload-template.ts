import fs from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import {
  TEMPLATE_MAX_BYTES,
  TemplateUploadFieldsSchema,
  type DocumentTemplate,
  type TemplateUploadFields,
} from '@uslugi/contracts';
import type { Clock } from '../../platform/clock.js';
import { runCommand, type CommandContext } from '../../platform/commands.js';
import type { Tx } from '../../db/database.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { receiveUpload, type UploadIntake } from '../../platform/files/receive-upload.js';
import { serviceSummaries, serviceVersion } from '../catalog/index.js';
import { checkTemplate } from './check-template.js';
import { getTemplate } from './queries.js';

export interface UploadTemplateDeps {
  clock: Clock;
  intake: UploadIntake;
}

const FIELD_TITLES: Record<string, string> = {
  kind: 'Вид документа',
  title: 'Название шаблона',
  serviceId: 'Услуга',
  serviceVersionId: 'Версия услуги',
  documentKey: 'Ключ документа',
};

function parseFields(fields: Record<string, string>): TemplateUploadFields {
  const parsed = TemplateUploadFieldsSchema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = String(issue?.path[0] ?? 'kind');
  throw fieldError(path, `${FIELD_TITLES[path] ?? path}: ${issue?.message ?? 'неверное значение'}`);
}

/** The service and version the template is for must be the municipality's, the version the service's. */
async function assertScope(tx: Tx, input: TemplateUploadFields): Promise<void> {
  if (input.serviceVersionId && !input.serviceId) {
    throw fieldError('serviceVersionId', 'Версия услуги: укажите и услугу');
  }
  if (input.serviceId && !(await serviceSummaries(tx, [input.serviceId])).has(input.serviceId)) {
    throw fieldError('serviceId', 'Услуга: такой услуги нет в муниципальном образовании');
  }
  if (input.serviceVersionId) {
    const version = await serviceVersion(tx, input.serviceVersionId);
    if (version?.serviceId !== input.serviceId) {
      throw fieldError('serviceVersionId', 'Версия услуги: это версия другой услуги');
    }
  }
}

/**
 * Uploads a template (multipart: `kind`, `title`, optional `serviceId`, `serviceVersionId`,
 * `documentKey`, then `file`): a DOCX whose every placeholder is in its kind's vocabulary, stored as a
 * draft, the next version for its kind, service, version and document key.
 */
export async function uploadTemplate(
  ctx: CommandContext,
  deps: UploadTemplateDeps,
  request: FastifyRequest,
): Promise<DocumentTemplate> {
  const received = await receiveUpload(request, { intake: deps.intake, ctx, maxBytes: TEMPLATE_MAX_BYTES });
  try {
    const input = parseFields(received.fields);
    if (received.kind !== 'docx') {
      throw new AppError('template_invalid', `${received.fileName}: ${received.kind}, not docx`, [
        { path: 'file', message: `Файл «${received.fileName}»: шаблон должен быть документом DOCX` },
      ]);
    }
    const placeholders = checkTemplate(await fs.readFile(received.path), input.kind);
    const stored = await received.store();
    return await runCommand(ctx, async ({ tx, journal }) => {
      await assertScope(tx, input);
      const scope = {
        kind: input.kind,
        serviceId: input.serviceId ?? null,
        serviceVersionId: input.serviceVersionId ?? null,
        documentKey: input.documentKey ?? null,
      };
      const { last } = await tx
        .selectFrom('documentTemplates')
        .select(sql<number>`coalesce(max(version), 0)::int`.as('last'))
        .where('kind', '=', scope.kind)
        .where(sql<boolean>`service_id is not distinct from ${scope.serviceId}::uuid`)
        .where(sql<boolean>`service_version_id is not distinct from ${scope.serviceVersionId}::uuid`)
        .where(sql<boolean>`document_key is not distinct from ${scope.documentKey}::text`)
        .executeTakeFirstOrThrow();
      const described = {
        ...scope,
        title: input.title,
        fileName: received.fileName,
        size: stored.size,
        sha256: stored.sha256,
        version: last + 1,
        placeholders,
      };
      const { id } = await tx
        .insertInto('documentTemplates')
        .values({
          municipalityId: ctx.municipalityId,
          ...described,
          storageKey: stored.key,
          createdBy: ctx.actor.id!,
          createdAt: deps.clock(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await journal({
        action: 'template.uploaded',
        objectType: 'document_template',
        objectId: id,
        payload: described,
      });
      return getTemplate(tx, id);
    });
  } finally {
    await received.discard();
  }
}
