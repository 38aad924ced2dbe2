import { z } from 'zod';
import { IdSchema } from '../org.js';
import { line } from '../text.js';
import { DocumentKindSchema } from './templates.js';

/**
 * The municipality's templates of generated documents (000 item 2.5), as the administration manages
 * them: each upload is a new draft version, checked against the placeholder vocabulary; publishing
 * puts it in force and retires the one it replaces.
 */
export const TEMPLATE_STATUSES = ['draft', 'published', 'retired'] as const;
export const TemplateStatusSchema = z.enum(TEMPLATE_STATUSES);
export type TemplateStatus = z.infer<typeof TemplateStatusSchema>;
export const TEMPLATE_STATUS_TITLES: Record<TemplateStatus, string> = {
  draft: 'Черновик',
  published: 'Действует',
  retired: 'Заменён',
};

/** The largest template file: a DOCX of text and tables is far smaller. */
export const TEMPLATE_MAX_BYTES = 5 * 1024 * 1024;

export const DocumentTemplateSchema = z.object({
  id: IdSchema,
  kind: DocumentKindSchema,
  title: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** Null: for every service of the municipality. */
  serviceId: IdSchema.nullable(),
  serviceName: z.string().nullable(),
  /** Null: for every version of the service. */
  serviceVersionId: IdSchema.nullable(),
  serviceVersionNumber: z.number().int().nullable(),
  /** The stage document of the map it is for; null: any document of the kind. */
  documentKey: z.string().nullable(),
  version: z.number().int(),
  status: TemplateStatusSchema,
  placeholders: z.array(z.string()),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  publishedByName: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type DocumentTemplate = z.infer<typeof DocumentTemplateSchema>;

export const TemplateListSchema = z.object({
  templates: z.array(DocumentTemplateSchema),
  /** Every kind with the sample template shipped with the system (what renders without one). */
  kinds: z.array(
    z.object({
      kind: DocumentKindSchema,
      title: z.string(),
      sampleSha256: z.string(),
      /** Where to download the sample. */
      sampleUrl: z.string(),
    }),
  ),
});
export type TemplateList = z.infer<typeof TemplateListSchema>;

const optionalId = z.preprocess((v) => (v === '' ? undefined : v), IdSchema.optional());

/** The text fields of an upload's multipart form (before the file). */
export const TemplateUploadFieldsSchema = z.object({
  kind: DocumentKindSchema.describe('Вид документа'),
  title: line()
    .min(1, { message: 'Укажите название шаблона' })
    .max(300, { message: 'Не длиннее 300 символов' })
    .describe('Название шаблона'),
  serviceId: optionalId.describe('Услуга (пусто: для всех услуг)'),
  serviceVersionId: optionalId.describe('Версия услуги (пусто: для всех версий)'),
  documentKey: z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      line().max(100, { message: 'Не длиннее 100 символов' }).optional(),
    )
    .describe('Ключ документа этапа технологической схемы (пусто: любой документ вида)'),
});
export type TemplateUploadFields = z.output<typeof TemplateUploadFieldsSchema>;

export const TemplateKindParamsSchema = z.object({ kind: DocumentKindSchema });

export const TEMPLATES_API = '/api/v1/admin/templates';
