import { REQUIRED_MESSAGE } from '../errors-ru.js';
import {
  formatSnils,
  isValidInnLegalEntity,
  isValidInnPerson,
  isValidOgrn,
  isValidOgrnip,
  normalizeSnils,
  snilsProblem,
} from '../identifiers.js';
import {
  applicantKindOf,
  blockMembers,
  memberRequired,
  visibleMembers,
  type BlockMember,
  type BlockType,
} from './blocks.js';
import type {
  Condition,
  Field,
  FieldValue,
  FormDefinition,
  FormProblem,
  FormValues,
  Validation,
} from './form.js';
import type { ApplicantKind } from './service.js';

/**
 * The check of a filled application form against its definition: the web runs it before sending and
 * the server runs it on what arrives, so both refuse the same values with the same Russian words
 * (the words of errors-ru.ts where they overlap). Messages never repeat the field's label: the screen
 * shows it beside them.
 */

export interface SubmissionOptions {
  /** The date of the submission, `YYYY-MM-DD` (the `today` of `minDate`/`maxDate`). */
  today: string;
  /** The applicant kinds the service is provided to (the card's categories); absent: any. */
  applicantKinds?: readonly ApplicantKind[];
  /**
   * Keys of file fields whose document the applicant already gave and the system holds (004 item 9,
   * 210-ФЗ ст. 7 ч. 1 п. 2: not asked again): such a field may stay empty even when required.
   */
  held?: readonly string[];
}

export interface SubmissionResult {
  /** The visible fields' values, cleaned (trimmed, numbers as numbers, phones as +7XXXXXXXXXX). */
  values: FormValues;
  problems: FormProblem[];
}

export const SUBMISSION_MESSAGES = {
  required: REQUIRED_MESSAGE,
  type: 'Неверный тип значения',
  unknown: 'Неизвестное поле',
  number: 'Введите число',
  date: 'Неверная дата',
  choice: 'Недопустимое значение',
  email: 'Неверный адрес электронной почты',
  phone: 'Номер в формате +7 XXX XXX-XX-XX',
  snilsFormat: 'Формат: XXX-XXX-XXX YY',
  checksum: 'Неверное контрольное число',
  innDigits: 'Должно быть 10 или 12 цифр',
  ogrnDigits: 'Должно быть 13 или 15 цифр',
  cadastral: 'Формат: 16:50:011105:123',
  pattern: 'Неверный формат',
  oneFile: 'Не более одного файла',
  applicantKind: 'Услуга не предоставляется заявителям этой категории',
  expired: 'Срок действия истёк',
  future: 'Дата не может быть позже сегодняшней',
} as const;

const M = SUBMISSION_MESSAGES;

function digitsMessage(n: number): string {
  return `Должно быть ${n} цифр`;
}

/** Empty: nothing, blank text, an empty list, an unchecked box, a block with every member empty. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isEmptyValue);
  return false;
}

function same(value: unknown, expected: unknown): boolean {
  if (Array.isArray(value)) return value.some((v) => same(v, expected));
  if (value === expected) return true;
  const scalar = (v: unknown): v is string | number | boolean =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  return scalar(value) && scalar(expected) && String(value) === String(expected);
}

/** Whether a field's `showIf` holds for the values of the fields above it. */
export function conditionHolds(condition: Condition, values: Readonly<Record<string, unknown>>): boolean {
  const value = values[condition.field];
  if (condition.filled !== null && isEmptyValue(value) === condition.filled) return false;
  if (condition.equals !== null && !same(value, condition.equals)) return false;
  if (condition.oneOf !== null && !condition.oneOf.some((option) => same(value, option))) return false;
  return true;
}

/** The fields shown for these values, in order (a field under a hidden one sees it as empty). */
export function visibleFields(form: FormDefinition, values: Readonly<Record<string, unknown>>): Field[] {
  const shown: Field[] = [];
  const seen: Record<string, unknown> = {};
  for (const field of form.sections.flatMap((s) => s.fields)) {
    if (field.showIf && !conditionHolds(field.showIf, seen)) continue;
    shown.push(field);
    seen[field.key] = values[field.key];
  }
  return shown;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function russianDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

function limitDate(limit: string | null, today: string): string | null {
  if (limit === null) return null;
  if (limit === 'today') return today;
  return isIsoDate(limit) ? limit : null;
}

/** `+7 (843) 123-45-67`, `8 843 123 45 67` → `+78431234567`; null when not a Russian number. */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s()-]/g, '');
  const match = /^(?:\+7|8|7)(\d{10})$/.exec(compact);
  return match ? `+7${match[1]}` : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Кадастровый номер: округ:район:квартал:участок (приказ Росреестра о кадастровом делении).
const CADASTRAL = /^\d{2}:\d{2}:\d{6,7}:\d+$/;

type Checked = { value: FieldValue } | { problem: string };

function checkText(value: string, validation: Validation | null): string | null {
  if (validation?.minLength != null && value.length < validation.minLength) {
    return `Не короче ${validation.minLength} символов`;
  }
  if (validation?.maxLength != null && value.length > validation.maxLength) {
    return `Не длиннее ${validation.maxLength} символов`;
  }
  if (validation?.pattern) {
    let pattern: RegExp | null = null;
    try {
      pattern = new RegExp(`^(?:${validation.pattern})$`, 'u');
    } catch {
      // The validator refuses such a form before it is published; a draft's check skips the pattern.
    }
    if (pattern && !pattern.test(value)) return validation.patternMessage || M.pattern;
  }
  return null;
}

/** A string-valued field or member: its type's format, then the form's own limits. */
function checkString(
  type: string,
  raw: string,
  validation: Validation | null,
  today: string,
  innDigits: 10 | 12 | null,
  ogrnDigits: 13 | 15 | null,
): Checked {
  let value = raw.trim();
  switch (type) {
    case 'date': {
      if (!isIsoDate(value)) return { problem: M.date };
      const min = limitDate(validation?.minDate ?? null, today);
      const max = limitDate(validation?.maxDate ?? null, today);
      if (min && value < min) {
        return {
          problem:
            validation?.minDate === 'today' ? 'Не раньше сегодняшнего дня' : `Не раньше ${russianDate(min)}`,
        };
      }
      if (max && value > max) {
        return {
          problem:
            validation?.maxDate === 'today' ? 'Не позже сегодняшнего дня' : `Не позже ${russianDate(max)}`,
        };
      }
      return { value };
    }
    case 'email':
      if (!EMAIL.test(value) || value.length > 254) return { problem: M.email };
      break;
    case 'phone': {
      const phone = normalizePhone(value);
      if (!phone) return { problem: M.phone };
      value = phone;
      break;
    }
    case 'snils': {
      const problem = snilsProblem(value);
      if (problem === 'format') return { problem: M.snilsFormat };
      if (problem === 'checksum') return { problem: M.checksum };
      value = formatSnils(normalizeSnils(value)!);
      break;
    }
    case 'inn': {
      const lengths = innDigits ? [innDigits] : [10, 12];
      if (!/^\d+$/.test(value) || !lengths.includes(value.length)) {
        return { problem: innDigits ? digitsMessage(innDigits) : M.innDigits };
      }
      const valid = value.length === 10 ? isValidInnLegalEntity(value) : isValidInnPerson(value);
      if (!valid) return { problem: M.checksum };
      break;
    }
    case 'ogrn': {
      const lengths = ogrnDigits ? [ogrnDigits] : [13, 15];
      if (!/^\d+$/.test(value) || !lengths.includes(value.length)) {
        return { problem: ogrnDigits ? digitsMessage(ogrnDigits) : M.ogrnDigits };
      }
      const valid = value.length === 13 ? isValidOgrn(value) : isValidOgrnip(value);
      if (!valid) return { problem: M.checksum };
      break;
    }
    case 'cadastral_number':
      if (!CADASTRAL.test(value)) return { problem: M.cadastral };
      break;
  }
  const problem = checkText(value, validation);
  return problem ? { problem } : { value };
}

function checkNumber(raw: unknown, validation: Validation | null): Checked {
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && /^-?\d+(?:[.,]\d+)?$/.test(raw.trim()))
    n = Number(raw.trim().replace(',', '.'));
  else return { problem: M.number };
  if (!Number.isFinite(n)) return { problem: M.number };
  if (validation?.min != null && n < validation.min)
    return { problem: `Значение не меньше ${validation.min}` };
  if (validation?.max != null && n > validation.max)
    return { problem: `Значение не больше ${validation.max}` };
  return { value: n };
}

function checkField(field: Field, raw: unknown, today: string): Checked {
  const validation = field.validation;
  switch (field.type) {
    case 'number':
      return checkNumber(raw, validation);
    case 'checkbox':
      return typeof raw === 'boolean' ? { value: raw } : { problem: M.type };
    case 'choice': {
      const allowed = new Set((field.options ?? []).map((o) => o.value));
      if (field.multiple) {
        const list = typeof raw === 'string' ? [raw] : raw;
        if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) return { problem: M.type };
        const chosen = [...new Set(list)];
        if (!chosen.every((v) => allowed.has(v))) return { problem: M.choice };
        return { value: chosen };
      }
      if (typeof raw !== 'string') return { problem: M.type };
      return allowed.has(raw) ? { value: raw } : { problem: M.choice };
    }
    case 'file': {
      const list = typeof raw === 'string' ? [raw] : raw;
      if (
        !Array.isArray(list) ||
        !list.every((v) => typeof v === 'string' && v.trim() !== '' && v.length <= 100)
      ) {
        return { problem: M.type };
      }
      if (!field.multiple && list.length > 1) return { problem: M.oneFile };
      return { value: [...new Set(list)] };
    }
    case 'applicant':
    case 'representative':
      return { problem: M.type }; // checked by checkBlock
    default: {
      // Digits typed into a number-like input may arrive as a number (an ИНН, a СНИЛС).
      const text = typeof raw === 'number' && field.type !== 'date' ? String(raw) : raw;
      if (typeof text !== 'string') return { problem: M.type };
      return checkString(field.type, text, validation, today, null, null);
    }
  }
}

function checkBlock(
  type: BlockType,
  field: Field,
  raw: unknown,
  options: SubmissionOptions,
  problems: FormProblem[],
): FieldValue {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({ field: field.key, message: M.type });
    return null;
  }
  const block = raw as Record<string, unknown>;
  const known = new Set(blockMembers(type).map((m) => m.key));
  for (const key of Object.keys(block)) {
    if (!known.has(key)) problems.push({ field: `${field.key}.${key}`, message: M.unknown });
  }
  if (!field.required && isEmptyValue(block)) return null;
  const kind = type === 'applicant' ? applicantKindOf(block) : null;
  const out: Record<string, string | null> = {};
  for (const m of visibleMembers(type, block)) {
    const path = `${field.key}.${m.key}`;
    const value = block[m.key];
    if (isEmptyValue(value)) {
      out[m.key] = null;
      if (memberRequired(type, m, block)) problems.push({ field: path, message: M.required });
      continue;
    }
    if (typeof value !== 'string') {
      problems.push({ field: path, message: M.type });
      continue;
    }
    const checked = checkMember(m, value, kind, options);
    if ('problem' in checked) problems.push({ field: path, message: checked.problem });
    else out[m.key] = checked.value as string;
  }
  return out;
}

function checkMember(
  m: BlockMember,
  raw: string,
  kind: ApplicantKind | null,
  options: SubmissionOptions,
): Checked {
  const value = raw.trim();
  if (m.type === 'choice') {
    if (!(m.options ?? []).some((o) => o.value === value)) return { problem: M.choice };
    if (
      m.key === 'kind' &&
      options.applicantKinds &&
      !options.applicantKinds.includes(value as ApplicantKind)
    ) {
      return { problem: M.applicantKind };
    }
    return { value };
  }
  const innDigits = m.type === 'inn' ? (kind === 'legal_entity' ? 10 : 12) : null;
  const ogrnDigits = m.type === 'ogrn' ? (kind === 'legal_entity' ? 13 : 15) : null;
  const checked = checkString(
    m.type,
    value,
    {
      pattern: null,
      patternMessage: null,
      minLength: null,
      maxLength: m.maxLength,
      min: null,
      max: null,
      minDate: null,
      maxDate: null,
    },
    options.today,
    innDigits,
    ogrnDigits,
  );
  if ('problem' in checked || m.type !== 'date') return checked;
  // A birth date is in the past; a power of attorney in force ends today or later (ГК РФ ст. 186, 188).
  if (m.key === 'birthDate' && value > options.today) return { problem: M.future };
  if (m.key === 'authorityValidUntil' && value < options.today) return { problem: M.expired };
  return checked;
}

/**
 * Checks a submission: hidden fields (by `showIf`) are dropped and not checked; a required empty field
 * is «Обязательное поле»; each value is checked by its type and the form's limits; a key the form does
 * not have is refused.
 */
export function validateSubmission(
  form: FormDefinition,
  input: unknown,
  options: SubmissionOptions,
): SubmissionResult {
  const problems: FormProblem[] = [];
  const values: FormValues = {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { values, problems: [{ field: '', message: M.type }] };
  }
  const raw = input as Record<string, unknown>;
  const fields = form.sections.flatMap((s) => s.fields);
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) problems.push({ field: key, message: M.unknown });
  }
  for (const field of fields) {
    // Conditions look at the cleaned values of the fields above; a hidden field counts as empty.
    if (field.showIf && !conditionHolds(field.showIf, values)) continue;
    const value = raw[field.key];
    if (field.type === 'applicant' || field.type === 'representative') {
      // A required block left out is checked as an empty one, so that each missing member is named.
      const block = value === undefined || value === null ? (field.required ? {} : null) : value;
      values[field.key] = block === null ? null : checkBlock(field.type, field, block, options, problems);
      continue;
    }
    if (field.type === 'checkbox' && (value === undefined || value === null)) {
      values[field.key] = false;
      if (field.required) problems.push({ field: field.key, message: M.required });
      continue;
    }
    if (isEmptyValue(value) && field.type !== 'checkbox') {
      values[field.key] = null;
      if (field.required && !(field.type === 'file' && options.held?.includes(field.key)))
        problems.push({ field: field.key, message: M.required });
      continue;
    }
    const checked = checkField(field, value, options.today);
    if ('problem' in checked) {
      problems.push({ field: field.key, message: checked.problem });
      values[field.key] = null;
      continue;
    }
    values[field.key] = checked.value;
    // A required checkbox is a consent: it must be given.
    if (field.type === 'checkbox' && field.required && checked.value !== true) {
      problems.push({ field: field.key, message: M.required });
    }
  }
  return { values, problems };
}
