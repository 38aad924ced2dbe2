import { z } from 'zod';
import { line } from '../text.js';
import { KeySchema, UnitRefSchema } from './common.js';
import { FormDefinitionSchema } from './form.js';
import { ServiceCardSchema } from './service.js';
import { TechMapSchema } from './tech-map.js';

/**
 * Everything that defines one version of a service: its card, its technological map and its
 * application form. Versioned together: a case pins one version, and publishing a new one leaves it
 * as it was.
 */
export const ServiceDefinitionSchema = z.strictObject({
  card: ServiceCardSchema,
  techMap: TechMapSchema,
  form: FormDefinitionSchema,
});
export type ServiceDefinition = z.infer<typeof ServiceDefinitionSchema>;

/**
 * A service's code in the municipality's registry: stable across versions and across municipalities
 * (an import matches a service by it).
 */
export const ServiceCodeSchema = KeySchema.describe('Код услуги');

/** A problem the validator found, named by the stage (or the part) it is in. */
export const PROBLEM_CODES = [
  'duplicate_key',
  'unknown_start',
  'unknown_target',
  'unreachable_stage',
  'dead_end',
  'final_with_actions',
  'missing_term',
  'missing_responsible',
  'final_without_result',
  'unknown_result',
  'request_without_answer_term',
  'unknown_document',
  'unknown_reference',
  'unknown_unit',
  'decision_without_grounds',
  'retention_below_validity',
  'unknown_condition_field',
  'choice_without_options',
  'invalid_pattern',
  'no_intake_stage',
  'no_approval_by_signature',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const DefinitionProblemSchema = z.object({
  code: z.enum(PROBLEM_CODES),
  /** Where: `card`, `form`, or a stage's key. */
  part: z.string(),
  stageKey: z.string().nullable(),
  /** In Russian, naming the stage (or field) by its name: «Этап «Экспертиза документов»: не указан срок». */
  message: z.string(),
});
export type DefinitionProblem = z.infer<typeof DefinitionProblemSchema>;

/** A unit as an export file names it; an import maps each to a unit of the target municipality. */
export const ExportUnitSchema = z.strictObject({
  ref: UnitRefSchema,
  name: line().min(1).max(500),
  shortName: line().max(100).nullable(),
});

export const ExportedServiceSchema = z.strictObject({
  code: ServiceCodeSchema,
  definition: ServiceDefinitionSchema,
  /** Sub-services (подуслуги): variants with their own documents, terms, map and form. */
  subServices: z
    .array(z.strictObject({ code: ServiceCodeSchema, definition: ServiceDefinitionSchema }))
    .max(20),
});

/**
 * One service with its sub-services, maps and forms as one file, so that one municipality's service
 * can be loaded into another (docs/catalog/export-format.md). Ids of units are replaced by the
 * references of `units`.
 */
export const SERVICE_EXPORT_FORMAT = 'uslugi.service';
export const SERVICE_EXPORT_FORMAT_VERSION = 1;
export const ServiceExportSchema = z.strictObject({
  format: z.literal(SERVICE_EXPORT_FORMAT),
  formatVersion: z.literal(SERVICE_EXPORT_FORMAT_VERSION),
  exportedAt: line().max(40).describe('Когда выгружено'),
  /** The municipality it came from, for people; an import does not depend on it. */
  source: line().max(1000),
  /** The version number each definition had in the source. */
  sourceVersion: z.number().int().min(0).nullable(),
  units: z.array(ExportUnitSchema).max(200),
  service: ExportedServiceSchema,
});
export type ServiceExport = z.infer<typeof ServiceExportSchema>;
