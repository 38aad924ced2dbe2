import { z } from 'zod';
import { TERM_MAX_AMOUNT, TermUnitSchema } from './calendar.js';
import { ReferenceCodeSchema } from './catalog/common.js';
import { line, text } from './text.js';

/**
 * Reference data (НСИ): the directories, registries and classifiers the operator keeps (seed 000 items
 * 2.3, 5.1). The list of directories is fixed in code; their values are each municipality's own.
 * A definition of a service names a value by its code; the name and attributes may change (each change is
 * a new version, the old ones stay readable) and a value is retired, never deleted.
 */
export const REFERENCE_DIRECTORIES = [
  'document_types',
  'agencies',
  'smev_request_kinds',
  'applicant_categories',
  'refusal_grounds',
  'consultation_subjects',
  'oktmo',
  'unit_codes',
] as const;
export type ReferenceDirectoryCode = (typeof REFERENCE_DIRECTORIES)[number];

export function isReferenceDirectory(value: string): value is ReferenceDirectoryCode {
  return (REFERENCE_DIRECTORIES as readonly string[]).includes(value);
}

/** An attribute a directory's values carry, as the form shows it. */
export interface ReferenceAttributeField {
  key: 'agency' | 'answerTerm' | 'clause' | 'unitId';
  label: string;
  /** `reference`: a code of another directory; `term`: an amount of days; `unit`: a structural unit. */
  kind: 'reference' | 'term' | 'text' | 'unit';
  /** For `reference`: the directory the code comes from. */
  directory?: ReferenceDirectoryCode;
  required: boolean;
  hint?: string;
}

export interface ReferenceDirectoryInfo {
  title: string;
  description: string;
  /** What a code of this directory looks like, when it is not any latin code. */
  codeHint?: string;
  attributes: ReferenceAttributeField[];
}

export const REFERENCE_DIRECTORY_INFO: Record<ReferenceDirectoryCode, ReferenceDirectoryInfo> = {
  document_types: {
    title: 'Виды документов',
    description:
      'Документы, которые представляет заявитель, получает орган по межведомственному запросу или выдаёт как результат услуги',
    attributes: [],
  },
  agencies: {
    title: 'Органы и организации (участники межведомственного взаимодействия)',
    description:
      'Органы и организации, в распоряжении которых находятся документы и сведения (210-ФЗ ст. 7.1)',
    attributes: [],
  },
  smev_request_kinds: {
    title: 'Виды сведений СМЭВ',
    description:
      'Сведения, запрашиваемые в порядке межведомственного информационного взаимодействия (210-ФЗ ст. 7.2), и органы, которые их предоставляют',
    attributes: [
      {
        key: 'agency',
        label: 'Орган (организация)',
        kind: 'reference',
        directory: 'agencies',
        required: true,
      },
      {
        key: 'answerTerm',
        label: 'Срок ответа',
        kind: 'term',
        required: false,
        hint: 'Не более 5 рабочих дней, если иное не установлено (210-ФЗ ст. 7.2 ч. 3)',
      },
    ],
  },
  applicant_categories: {
    title: 'Категории заявителей',
    description: 'Физические лица, индивидуальные предприниматели, юридические лица (210-ФЗ ст. 2 п. 3)',
    attributes: [],
  },
  refusal_grounds: {
    title: 'Типовые основания для отказа',
    description:
      'Основания для отказа в приёме документов и в предоставлении услуги с нормой, которая их устанавливает',
    attributes: [
      {
        key: 'clause',
        label: 'Норма',
        kind: 'text',
        required: true,
        hint: 'Статья, часть, пункт акта, например «210-ФЗ ст. 7 ч. 1 п. 4»',
      },
    ],
  },
  consultation_subjects: {
    title: 'Предметы консультаций',
    description: 'О чём консультируют заявителей по вопросам предоставления услуг',
    attributes: [],
  },
  oktmo: {
    title: 'ОКТМО муниципальных образований',
    description: 'Коды муниципальных образований по Общероссийскому классификатору территорий (ОК 033-2013)',
    codeHint: '8 или 11 цифр',
    attributes: [],
  },
  unit_codes: {
    title: 'Коды подразделений',
    description: 'Коды структурных подразделений для обмена и выгрузок',
    attributes: [{ key: 'unitId', label: 'Подразделение', kind: 'unit', required: true }],
  },
};

const answerTerm = z.strictObject({
  amount: z.number().int().min(1).max(TERM_MAX_AMOUNT).describe('Срок ответа'),
  unit: TermUnitSchema.describe('Единица срока'),
});

const agency = ReferenceCodeSchema.describe('Орган (организация)');
const clause = line().min(1).max(300).describe('Норма');
const unitId = z.uuid().describe('Подразделение');

/** Attributes as a request may carry them: every attribute any directory knows, each optional. */
export const ReferenceAttributesSchema = z.strictObject({
  agency: agency.optional(),
  answerTerm: answerTerm.describe('Срок ответа').optional(),
  clause: clause.optional(),
  unitId: unitId.optional(),
});
export type ReferenceAttributes = z.infer<typeof ReferenceAttributesSchema>;

/** A code an ОКТМО value must have: 8 digits (a municipality) or 11 (a settlement). */
export const OKTMO_CODE = /^(\d{8}|\d{11})$/;
export const OKTMO_CODE_MESSAGE = 'Код ОКТМО состоит из 8 или 11 цифр';

/** The code of a value of a directory: a latin code, an ОКТМО code its own digits. */
export function referenceCodeSchema(directory: ReferenceDirectoryCode) {
  return directory === 'oktmo'
    ? line().min(1).max(11).regex(OKTMO_CODE, { message: OKTMO_CODE_MESSAGE }).describe('Код')
    : ReferenceCodeSchema.describe('Код');
}

/** The attributes each directory takes, as fields (the web builds its form from them). */
export const REFERENCE_ATTRIBUTE_SHAPES = {
  document_types: {},
  agencies: {},
  smev_request_kinds: { agency, answerTerm: answerTerm.describe('Срок ответа').optional() },
  applicant_categories: {},
  refusal_grounds: { clause },
  consultation_subjects: {},
  oktmo: {},
  unit_codes: { unitId },
} satisfies Record<ReferenceDirectoryCode, z.ZodRawShape>;

/**
 * What each directory accepts: the attributes of another directory are refused, the required ones
 * demanded. The server checks a value's attributes with these after the request's shape.
 */
export const REFERENCE_ATTRIBUTE_SCHEMAS = Object.fromEntries(
  REFERENCE_DIRECTORIES.map((code) => [code, z.strictObject(REFERENCE_ATTRIBUTE_SHAPES[code])]),
) as unknown as Record<ReferenceDirectoryCode, z.ZodType<ReferenceAttributes>>;

export const ReferenceDirectoryParamsSchema = z.object({
  directory: line().min(1).max(60).describe('Справочник'),
});

export const ReferenceEntriesQuerySchema = z.object({
  includeRetired: z.enum(['true', 'false']).optional().describe('Показывать выведенные из употребления'),
});

const entryName = line().min(1).max(500).describe('Наименование');

export const ReferenceEntryCreateSchema = z.strictObject({
  code: ReferenceCodeSchema.describe('Код'),
  name: entryName,
  attributes: ReferenceAttributesSchema.default({}).describe('Атрибуты'),
});
export type ReferenceEntryCreate = z.input<typeof ReferenceEntryCreateSchema>;

/** A new version of a value: its code stays, the name and attributes are replaced. */
export const ReferenceEntryUpdateSchema = z.strictObject({
  name: entryName,
  attributes: ReferenceAttributesSchema.default({}).describe('Атрибуты'),
});
export type ReferenceEntryUpdate = z.input<typeof ReferenceEntryUpdateSchema>;

export const ReferenceRetireSchema = z.strictObject({
  reason: text().min(1).max(500).describe('Причина вывода из употребления'),
});

const storedAttributes = z.object({
  agency: z.string().optional(),
  answerTerm: z.object({ amount: z.number(), unit: TermUnitSchema }).optional(),
  clause: z.string().optional(),
  unitId: z.string().optional(),
});

export const ReferenceDirectorySchema = z.object({
  code: z.enum(REFERENCE_DIRECTORIES),
  title: z.string(),
  description: z.string(),
  /** Values in use. */
  active: z.number().int(),
  /** Values retired from use. */
  retired: z.number().int(),
});
export type ReferenceDirectory = z.infer<typeof ReferenceDirectorySchema>;

export const ReferenceEntryStateSchema = z.enum(['active', 'retired']);
export const REFERENCE_ENTRY_STATE_TITLES = {
  active: 'Действует',
  retired: 'Выведено из употребления',
} as const;

export const ReferenceEntrySchema = z.object({
  id: z.string(),
  directory: z.enum(REFERENCE_DIRECTORIES),
  code: z.string(),
  name: z.string(),
  attributes: storedAttributes,
  version: z.number().int(),
  state: ReferenceEntryStateSchema,
  retiredAt: z.string().nullable(),
  retiredReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type ReferenceEntry = z.infer<typeof ReferenceEntrySchema>;

export const ReferenceEntryVersionSchema = z.object({
  version: z.number().int(),
  name: z.string(),
  attributes: storedAttributes,
  changedAt: z.string(),
  changedByName: z.string(),
});
export type ReferenceEntryVersion = z.infer<typeof ReferenceEntryVersionSchema>;
