import { z } from 'zod';
import { line, text } from '../text.js';
import { KeySchema } from './common.js';

/**
 * An application form as data: sections of typed fields. One renderer in the web shows it on the
 * staff intake screen and on the portal; the server checks a submission against the same definition
 * with the same function (`validateSubmission`), so both say the same Russian words.
 */

export const FIELD_TYPES = [
  'text', // one line
  'textarea', // several lines
  'number',
  'date',
  'choice', // one of the options (or several, with `multiple`)
  'checkbox', // yes / no
  'address', // a postal address as one line (ФИАС comes later)
  'cadastral_number', // АА:ВВ:CCCCCCC:КК (приказ Росреестра о кадастровом делении)
  'snils',
  'inn', // 10 digits of an organisation or 12 of a person
  'ogrn', // 13 digits (ОГРН) or 15 (ОГРНИП)
  'phone',
  'email',
  'file', // attached files (ids of uploaded files)
  'applicant', // the applicant block: kind, name, identifiers, contacts
  'representative', // the representative block: person and the document of authority
] as const;
export const FieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldTypeSchema>;
export const FIELD_TYPE_TITLES: Record<FieldType, string> = {
  text: 'Строка',
  textarea: 'Текст',
  number: 'Число',
  date: 'Дата',
  choice: 'Выбор из списка',
  checkbox: 'Флажок',
  address: 'Адрес',
  cadastral_number: 'Кадастровый номер',
  snils: 'СНИЛС',
  inn: 'ИНН',
  ogrn: 'ОГРН / ОГРНИП',
  phone: 'Телефон',
  email: 'Электронная почта',
  file: 'Файлы',
  applicant: 'Сведения о заявителе',
  representative: 'Сведения о представителе',
};

/** Where a field's value may be taken before the applicant types it. */
export const PREFILL_SOURCES = ['esia', 'applicant_registry', 'previous_application'] as const;
export const PrefillSchema = z.strictObject({
  source: z.enum(PREFILL_SOURCES),
  /** What to take: an ESIA profile attribute (`lastName`, `snils`, `registrationAddress`…), a registry
   * field, or a field key of the applicant's previous application of this service. */
  path: line().min(1).max(100),
});

export const ScalarSchema = z.union([line().max(1000), z.number(), z.boolean()]);

/** Show a field only when another one has a value (or one of the values, or any value). */
export const ConditionSchema = z.strictObject({
  field: KeySchema,
  equals: ScalarSchema.nullable(),
  oneOf: z.array(ScalarSchema).max(50).nullable(),
  /** true: when the other field has any value; false: when it is empty. Null: not checked. */
  filled: z.boolean().nullable(),
});
export type Condition = z.infer<typeof ConditionSchema>;

export const ValidationSchema = z.strictObject({
  /** A regular expression (JavaScript, unicode) the whole value must match, and what to say if not. */
  pattern: line().max(500).nullable(),
  patternMessage: line().max(300).nullable(),
  minLength: z.number().int().min(0).max(100_000).nullable(),
  maxLength: z.number().int().min(1).max(100_000).nullable(),
  /** For numbers: the range; for dates: none (use `minDate`/`maxDate`). */
  min: z.number().nullable(),
  max: z.number().nullable(),
  /** For dates: `today` or an ISO date; inclusive. */
  minDate: line().max(10).nullable(),
  maxDate: line().max(10).nullable(),
});
export type Validation = z.infer<typeof ValidationSchema>;

export const OptionSchema = z.strictObject({
  value: line().min(1).max(200),
  label: line().min(1).max(500),
});

export const FieldSchema = z.strictObject({
  key: KeySchema,
  label: line().min(1).max(500).describe('Надпись'),
  type: FieldTypeSchema,
  required: z.boolean(),
  hint: text().max(2000).nullable(),
  /** For `choice` only. */
  options: z.array(OptionSchema).max(200).nullable(),
  multiple: z.boolean(),
  showIf: ConditionSchema.nullable(),
  validation: ValidationSchema.nullable(),
  prefill: PrefillSchema.nullable(),
});
export type Field = z.infer<typeof FieldSchema>;

export const SectionSchema = z.strictObject({
  key: KeySchema,
  title: line().min(1).max(300).describe('Раздел'),
  fields: z.array(FieldSchema).max(100),
});
export type Section = z.infer<typeof SectionSchema>;

export const FormDefinitionSchema = z.strictObject({
  sections: z.array(SectionSchema).min(1).max(30),
});
export type FormDefinition = z.infer<typeof FormDefinitionSchema>;

/**
 * The values of a submission, by field key. Blocks (`applicant`, `representative`) hold objects;
 * files hold the ids of uploaded files; a multiple choice holds a list.
 */
export type FieldValue = string | number | boolean | string[] | Record<string, string | null> | null;
export type FormValues = Record<string, FieldValue>;

/** One refused value: the field's key (a block's member as `applicant.inn`) and what is wrong. */
export interface FormProblem {
  field: string;
  message: string;
}
