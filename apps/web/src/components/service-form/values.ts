import {
  visibleFields,
  type Field,
  type FieldValue,
  type FormDefinition,
  type FormValues,
} from '@uslugi/contracts';
import { shownBlockValue } from './engine';

/**
 * The form's values as react-hook-form keeps them: text as typed, a checkbox as a boolean, a multiple
 * choice and files as lists, a block (applicant, representative) as an object of its members' texts.
 */
export type RawValue = string | boolean | string[] | Record<string, string>;
export type RawValues = Record<string, RawValue>;

/** The empty value of each field, as react-hook-form starts with. */
export function emptyValues(form: FormDefinition, blockDefaults: (field: Field) => Record<string, string>) {
  const values: RawValues = {};
  for (const field of form.sections.flatMap((s) => s.fields)) {
    if (field.type === 'checkbox') values[field.key] = false;
    else if (field.type === 'file' || (field.type === 'choice' && field.multiple)) values[field.key] = [];
    else if (field.type === 'applicant' || field.type === 'representative')
      values[field.key] = blockDefaults(field);
    else values[field.key] = '';
  }
  return values;
}

/** The keys of the fields shown now, by the same rule the server's check applies. */
export function visibleKeys(form: FormDefinition, values: RawValues): Set<string> {
  return new Set(visibleFields(form, values).map((f) => f.key));
}

const NUMBER = /^-?\d+(?:[.,]\d+)?$/;

/** The submission: trimmed texts, empty ones as null, numbers as numbers, hidden fields left out. */
export function toSubmission(form: FormDefinition, values: RawValues): FormValues {
  const shown = visibleKeys(form, values);
  const result: FormValues = {};
  for (const field of form.sections.flatMap((s) => s.fields)) {
    if (!shown.has(field.key)) continue;
    result[field.key] = fieldValue(field, values[field.key]);
  }
  return result;
}

function fieldValue(field: Field, value: RawValue | undefined): FieldValue {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    // A number typed with a comma is still a number; anything else goes as typed, for the check to name it.
    if (field.type === 'number' && NUMBER.test(text)) return Number(text.replace(',', '.'));
    return text;
  }
  const block: Record<string, string | null> = {};
  for (const [key, member] of Object.entries(value)) block[key] = member.trim() === '' ? null : member.trim();
  return shownBlockValue(field, block);
}

/** The id of a field's control: `applicant.inn` → `sf-applicant-inn`. */
export const controlId = (prefix: string, path: string) => `${prefix}${path.replace(/\./g, '-')}`;
