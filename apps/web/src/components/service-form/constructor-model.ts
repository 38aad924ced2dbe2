import type { Field, FieldType, FormDefinition, Section, Validation } from '@uslugi/contracts';

/** The keys in use in a form: sections and fields (a field's key is unique across the whole form). */
function usedKeys(form: FormDefinition): Set<string> {
  return new Set(form.sections.flatMap((s) => [s.key, ...s.fields.map((f) => f.key)]));
}

/** `field_3`: the first such key not in use. */
export function freshKey(form: FormDefinition, prefix: 'section' | 'field'): string {
  const used = usedKeys(form);
  for (let n = 1; ; n++) if (!used.has(`${prefix}_${n}`)) return `${prefix}_${n}`;
}

export function newField(form: FormDefinition): Field {
  return {
    key: freshKey(form, 'field'),
    label: 'Новое поле',
    type: 'text',
    required: false,
    hint: null,
    options: null,
    multiple: false,
    showIf: null,
    validation: null,
    prefill: null,
  };
}

export function newSection(form: FormDefinition): Section {
  return { key: freshKey(form, 'section'), title: 'Новый раздел', fields: [] };
}

export const EMPTY_VALIDATION: Validation = {
  pattern: null,
  patternMessage: null,
  minLength: null,
  maxLength: null,
  min: null,
  max: null,
  minDate: null,
  maxDate: null,
};

/** Which checks a type takes: a pattern and lengths for texts, a range for numbers, dates for dates. */
export function validationKinds(type: FieldType): { text: boolean; range: boolean; dates: boolean } {
  const text = ['text', 'textarea', 'address'].includes(type);
  return { text, range: type === 'number', dates: type === 'date' };
}

/** A field's type changed: what belongs only to the old type goes (options, the checks it took). */
export function withType(field: Field, type: FieldType): Field {
  const kinds = validationKinds(type);
  const v = field.validation;
  const validation: Validation | null = v && {
    ...EMPTY_VALIDATION,
    ...(kinds.text
      ? {
          pattern: v.pattern,
          patternMessage: v.patternMessage,
          minLength: v.minLength,
          maxLength: v.maxLength,
        }
      : {}),
    ...(kinds.range ? { min: v.min, max: v.max } : {}),
    ...(kinds.dates ? { minDate: v.minDate, maxDate: v.maxDate } : {}),
  };
  const empty = !validation || Object.values(validation).every((x) => x === null);
  return {
    ...field,
    type,
    options: type === 'choice' ? (field.options ?? [{ value: 'option_1', label: 'Вариант 1' }]) : null,
    multiple: type === 'choice' || type === 'file' ? field.multiple : false,
    validation: empty ? null : validation,
  };
}

/** Moves the item at `from` by `by` places (−1 up, +1 down), if it can. */
export function move<T>(items: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** The fields a condition may name: those before this one, not blocks nor files. */
export function conditionCandidates(form: FormDefinition, key: string): Field[] {
  const all = form.sections.flatMap((s) => s.fields);
  const index = all.findIndex((f) => f.key === key);
  return all
    .slice(0, index < 0 ? all.length : index)
    .filter((f) => !['applicant', 'representative', 'file'].includes(f.type));
}
