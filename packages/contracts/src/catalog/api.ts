import { z } from 'zod';
import { IdSchema } from '../org.js';
import { line, text } from '../text.js';
import { TermSchema } from './common.js';
import {
  DefinitionProblemSchema,
  ServiceCodeSchema,
  ServiceDefinitionSchema,
  ServiceExportSchema,
} from './definition.js';
import { ChannelSchema, ServiceCardSchema } from './service.js';

/**
 * The catalog's HTTP shapes (routes under /api/v1/catalog for staff, /api/v1/portal/services for
 * everyone). A version is `draft` while it is edited, `published` when frozen and in force, and
 * `superseded` once a newer one is published; a case keeps the version it started with.
 */
export const VERSION_STATES = ['draft', 'published', 'superseded'] as const;
export const VersionStateSchema = z.enum(VERSION_STATES);
export type VersionState = z.infer<typeof VersionStateSchema>;
export const VERSION_STATE_TITLES: Record<VersionState, string> = {
  draft: 'Черновик',
  published: 'Действующая',
  superseded: 'Прежняя',
};

const NamedSchema = z.object({ id: z.string(), name: z.string() });

export const VersionSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  state: VersionStateSchema,
  createdAt: z.string(),
  createdBy: NamedSchema.nullable(),
  publishedAt: z.string().nullable(),
  publishedBy: NamedSchema.nullable(),
});
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

/** A row of the staff catalog. */
export const ServiceListItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  shortName: z.string(),
  responsibleUnit: NamedSchema.nullable(),
  /** Offered on the portal and at intake (needs a published version too). */
  offered: z.boolean(),
  current: VersionSummarySchema.nullable(),
  draft: VersionSummarySchema.nullable(),
  term: TermSchema.nullable(),
});
export type ServiceListItem = z.infer<typeof ServiceListItemSchema>;

export const ServiceListSchema = z.object({ items: z.array(ServiceListItemSchema) });

export const ServiceVersionSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  summary: VersionSummarySchema,
  definition: ServiceDefinitionSchema,
  /** What the validator says of this definition (empty for every published version). */
  problems: z.array(DefinitionProblemSchema),
  /** Names of the units the definition refers to, by id, for display. */
  units: z.record(z.string(), z.string()),
});
export type ServiceVersion = z.infer<typeof ServiceVersionSchema>;

export const ServiceDetailSchema = z.object({
  service: ServiceListItemSchema,
  subServices: z.array(ServiceListItemSchema),
  versions: z.array(VersionSummarySchema),
});
export type ServiceDetail = z.infer<typeof ServiceDetailSchema>;

export const ServiceCreateSchema = z.strictObject({
  code: ServiceCodeSchema,
  parentId: IdSchema.nullable().describe('Услуга, подуслугой которой является'),
  definition: ServiceDefinitionSchema,
});
export type ServiceCreate = z.input<typeof ServiceCreateSchema>;

export const DraftSaveSchema = z.strictObject({ definition: ServiceDefinitionSchema });
export const OfferedSchema = z.strictObject({ offered: z.boolean().describe('Предоставляется') });
export const ValidateRequestSchema = z.strictObject({ definition: ServiceDefinitionSchema });
export const ProblemsSchema = z.object({ problems: z.array(DefinitionProblemSchema) });

export const CompareQuerySchema = z.object({
  from: IdSchema.describe('Версия, с которой сравнить'),
  to: IdSchema.describe('Версия, которую сравнить'),
});

/** Import: the file, and for each of its units the unit of this municipality it becomes. */
export const ImportRequestSchema = z.strictObject({
  file: ServiceExportSchema,
  unitMapping: z.record(line().min(1).max(100), IdSchema).describe('Соответствие подразделений'),
});
export type ImportRequest = z.input<typeof ImportRequestSchema>;

/** An import that lacks a unit's mapping is refused with these (code `unit_mapping_required`). */
export const UnitMappingNeededSchema = z.object({
  ref: z.string(),
  name: z.string(),
  /** A unit of this municipality with the same name, when there is one. */
  suggestion: NamedSchema.nullable(),
});

export const ImportResultSchema = z.object({
  serviceId: z.string(),
  versionId: z.string(),
  created: z.boolean(),
});

// ── Portal (public, no sign-in) ─────────────────────────────────────────────────────────────────

export const PortalServicesQuerySchema = z.object({
  municipalityId: IdSchema.describe('Муниципальное образование'),
});

export const PortalServiceItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  shortName: z.string(),
  term: TermSchema,
  free: z.boolean(),
  channels: z.array(ChannelSchema),
  responsibleUnit: z.string().nullable(),
});
export const PortalServiceListSchema = z.object({ items: z.array(PortalServiceItemSchema) });

/** What the portal shows of a service: the card (no internal map), the form to apply, sub-services. */
export const PortalServiceSchema = z.object({
  id: z.string(),
  code: z.string(),
  versionId: z.string(),
  card: ServiceCardSchema,
  responsibleUnit: z.string().nullable(),
  form: ServiceDefinitionSchema.shape.form,
  subServices: z.array(PortalServiceItemSchema),
});
export type PortalService = z.infer<typeof PortalServiceSchema>;

/**
 * One field's value as a submission carries it (`FieldValue` of form.ts): a string (a textarea's with
 * line breaks), a number, a yes/no, a list (a multiple choice, file ids), a block's members, or empty.
 * The form's own check then judges it against the field's type.
 */
export const FieldValueSchema = z.union([
  text().max(20_000),
  z.number(),
  z.boolean(),
  z.array(text().max(2000)).max(200),
  z.record(line().min(1).max(100), text().max(2000).nullable()),
  z.null(),
]);

export const SubmissionCheckSchema = z.strictObject({
  values: z.record(line().min(1).max(200), FieldValueSchema).describe('Значения полей'),
});

/** The server's check of a filled form: the refused values, by field (a block's member as `applicant.inn`). */
export const SubmissionProblemsSchema = z.object({
  problems: z.array(z.object({ field: z.string(), message: z.string() })),
});

// ── Refusals that list what to fix (besides the error body's code, message and requestId) ───────

/** 422 `definition_invalid`: publishing or importing a definition the validator objects to. */
export const DefinitionInvalidBodySchema = z.object({
  code: z.literal('definition_invalid'),
  message: z.string(),
  problems: z.array(DefinitionProblemSchema),
});

/** 422 `unit_mapping_required`: an import whose file names units not mapped to this municipality's. */
export const UnitMappingRequiredBodySchema = z.object({
  code: z.literal('unit_mapping_required'),
  message: z.string(),
  units: z.array(UnitMappingNeededSchema),
});
