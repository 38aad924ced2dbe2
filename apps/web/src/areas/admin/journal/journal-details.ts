import { ROLE_TITLES, type JournalEntry } from '@uslugi/contracts';
import { formatDate, formatDateTime, formatUserAgent } from '../../../lib/format';

/** One labelled fact of an entry; `before` is set when the entry changed it (shown «before → value»). */
export interface JournalField {
  label: string;
  value: string;
  before?: string;
}

/** What an entry says, for an official (`fields`), and its technical data (`technical`). */
export interface JournalEntryDetails {
  fields: JournalField[];
  technical: JournalField[];
}

type Format = (value: unknown, entry: JournalEntry) => string | null;

interface KeyRule {
  label: string | ((entry: JournalEntry) => string);
  format?: Format;
  /** Technical data (ids, hashes, versions): shown only under «Технические сведения». */
  technical?: boolean;
}

const yesNo: Format = (value) => (typeof value === 'boolean' ? (value ? 'да' : 'нет') : null);
const date: Format = (value) => (typeof value === 'string' ? formatDate(value.slice(0, 10)) : null);
const dateTime: Format = (value) => (typeof value === 'string' ? formatDateTime(value) : null);
const reference: Format = (value, entry) =>
  typeof value === 'string' ? (entry.references[value] ?? 'не найден в справочнике') : null;
const fromMap =
  (titles: Record<string, string>): Format =>
  (value) =>
    typeof value === 'string' ? (titles[value] ?? value) : null;

const roles: Format = (value) => {
  if (!Array.isArray(value)) return null;
  if (value.length === 0) return 'нет';
  return value.map((role) => ROLE_TITLES[role as keyof typeof ROLE_TITLES] ?? String(role)).join(', ');
};

const size: Format = (value) => {
  if (typeof value !== 'number') return null;
  if (value < 1024) return `${value} Б`;
  if (value < 1024 * 1024)
    return `${(value / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} КБ`;
  return `${(value / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`;
};

const REASONS: Record<string, string> = {
  snils_differs: 'СНИЛС, сообщённый Госуслугами, не совпадает с указанным в сертификате',
  session_without_snils: 'Госуслуги не сообщили СНИЛС в этом сеансе',
  employee_blocked: 'сотрудник заблокирован',
  esia_snils_mismatch: 'СНИЛС из Госуслуг не совпадает с карточкой сотрудника',
};

/** A reason in words: a known code by its Russian title, free text as written, another code as is. */
const reason: Format = (value) => (typeof value === 'string' ? (REASONS[value] ?? value) : null);

const DAY_KINDS = { working: 'рабочий', short: 'сокращённый (предпраздничный)', dayoff: 'выходной' };
const LAYERS = { federal: 'федеральный', regional: 'региональный' };
const SIGNATURE_STATUSES = {
  valid: 'действительна',
  invalid: 'недействительна',
  indeterminate: 'не удалось проверить',
};
const VIA = {
  esia: 'через Госуслуги',
  employee: 'сам сотрудник',
  'npm run installation-admin': 'команда установки',
};
const PURPOSES = { sign: 'подписание документа', change_pin: 'смена PIN-кода' };

/** The payload keys the modules write, with Russian labels; any other key is technical data. */
const KEYS: Record<string, KeyRule> = {
  lastName: { label: 'Фамилия' },
  firstName: { label: 'Имя' },
  middleName: { label: 'Отчество' },
  fullName: { label: 'ФИО' },
  snils: { label: 'СНИЛС' },
  email: { label: 'Электронная почта' },
  roles: { label: 'Роли', format: roles },
  employeeId: { label: 'Сотрудник', format: reference },
  requestedBy: { label: 'Кто запросил', format: reference },
  headEmployeeId: { label: 'Руководитель', format: reference },
  orgUnitId: { label: 'Подразделение', format: reference },
  parentId: { label: 'Вышестоящее подразделение', format: reference },
  municipalityName: { label: 'Муниципальное образование' },
  name: { label: 'Наименование' },
  shortName: { label: 'Краткое наименование' },
  title: { label: 'Наименование' },
  fileName: { label: 'Имя файла' },
  size: { label: 'Размер', format: size },
  subject: {
    label: (entry) => (entry.objectType === 'trusted_root' ? 'Удостоверяющий центр' : 'Владелец сертификата'),
  },
  notBefore: { label: 'Действует с', format: dateTime },
  notAfter: { label: 'Действует по', format: dateTime },
  pinSetByOwner: { label: 'PIN-код задан владельцем', format: yesNo },
  purpose: { label: 'Цель', format: fromMap(PURPOSES) },
  failures: { label: 'Неудачных попыток', format: (v) => (typeof v === 'number' ? String(v) : null) },
  lockedUntil: { label: 'Заблокировано до', format: dateTime },
  reason: { label: 'Причина', format: reason },
  via: { label: 'Способ', format: fromMap(VIA) },
  ok: {
    label: 'Результат',
    format: (v) =>
      typeof v === 'boolean' ? (v ? 'целостность подтверждена' : 'обнаружено нарушение целостности') : null,
  },
  entries: { label: 'Проверено записей', format: (v) => (typeof v === 'number' ? String(v) : null) },
  seals: { label: 'Проверено печатей', format: (v) => (typeof v === 'number' ? String(v) : null) },
  signedSeals: {
    label: 'Из них с проверенной подписью',
    format: (v) => (typeof v === 'number' ? String(v) : null),
  },
  startedAt: { label: 'Начало проверки', format: dateTime },
  date: { label: 'Дата', format: date },
  kind: { label: 'Вид дня', format: fromMap(DAY_KINDS) },
  layer: { label: 'Календарь', format: fromMap(LAYERS) },
  year: { label: 'Год', format: (v) => (typeof v === 'number' ? String(v) : null) },
  provisional: { label: 'Предварительный', format: yesNo },
  dueDate: { label: 'Срок исполнения', format: date },
  status: { label: 'Подпись', format: fromMap(SIGNATURE_STATUSES) },
  valid: { label: 'Подпись действительна', format: yesNo },
  signingTime: { label: 'Время подписания', format: dateTime },
  storedAt: { label: 'Время сохранения', format: dateTime },
  attemptedAt: { label: 'Время попытки', format: dateTime },
  ip: { label: 'IP-адрес' },
  userAgent: { label: 'Браузер', format: (v) => formatUserAgent(typeof v === 'string' ? v : null) },
  legalEntity: { label: 'Организация' },
  // Technical data: shown only on demand.
  serialNumber: { label: 'Серийный номер сертификата', technical: true },
  certificateSerial: { label: 'Серийный номер сертификата', technical: true },
  fingerprint: { label: 'Отпечаток сертификата', technical: true },
  sha256: { label: 'Хеш файла SHA-256', technical: true },
  streebog256: { label: 'Хеш файла ГОСТ Р 34.11-2012', technical: true },
  mediaType: { label: 'Тип содержимого', technical: true },
  calendarVersion: { label: 'Версия календаря', technical: true },
  changeId: { label: 'Идентификатор запроса', technical: true },
  sessionId: { label: 'Идентификатор сеанса', technical: true },
  signatureId: { label: 'Идентификатор подписи', technical: true },
  esiaOid: { label: 'Идентификатор учётной записи Госуслуг', technical: true },
  streams: { label: 'Проверено цепочек', technical: true },
  municipalityId: { label: 'Идентификатор муниципального образования', technical: true },
  objectType: { label: 'Тип объекта', technical: true },
  objectId: { label: 'Идентификатор объекта', technical: true },
  id: { label: 'Идентификатор', technical: true },
};

const KEY_ORDER = new Map(Object.keys(KEYS).map((key, index) => [key, index]));

function labelOf(rule: KeyRule, entry: JournalEntry): string {
  return typeof rule.label === 'function' ? rule.label(entry) : rule.label;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value as the technical disclosure shows it: text as is, anything else as compact JSON. */
function raw(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function shown(key: string, value: unknown, entry: JournalEntry): string {
  if (value === null || value === undefined || value === '') return '—';
  const rule = KEYS[key];
  return rule?.format?.(value, entry) ?? (typeof value === 'string' ? value : raw(value));
}

/** Whether a key and its value read well to an official (a known, non-technical key of a simple value). */
function readable(key: string, value: unknown): boolean {
  const rule = KEYS[key];
  if (!rule || rule.technical) return false;
  if (isPlainObject(value)) return false;
  return !(Array.isArray(value) && key !== 'roles');
}

/**
 * An entry's payload as labelled Russian fields: known keys by their titles (a change as «before →
 * after», roles by their titles, ids of employees and units by names), and everything else — unknown
 * keys, ids, hashes, the chain — as technical data.
 */
export function describeEntry(entry: JournalEntry): JournalEntryDetails {
  const fields: JournalField[] = [];
  const technical: JournalField[] = [];
  const payload = entry.payload;

  const order = new Map<JournalField, number>();
  const add = (key: string, value: unknown, path: string, before?: { value: unknown }) => {
    const rule = KEYS[key];
    const isReadable =
      readable(key, value) && (!before || readable(key, before.value) || before.value == null);
    if (rule && isReadable) {
      fields.push({
        label: labelOf(rule, entry),
        value: shown(key, value, entry),
        ...(before && { before: shown(key, before.value, entry) }),
      });
      order.set(fields.at(-1)!, KEY_ORDER.get(key) ?? KEY_ORDER.size);
    } else {
      const label = rule ? labelOf(rule, entry) : path;
      technical.push({
        label,
        value: raw(value),
        ...(before && { before: raw(before.value) }),
      });
    }
  };

  const { before, after, ...rest } = payload;
  if (before !== undefined || after !== undefined) {
    if (Array.isArray(before) || Array.isArray(after)) {
      // A list changed as a whole (the roles).
      fields.push({ label: 'Роли', before: roles(before, entry) ?? '—', value: roles(after, entry) ?? '—' });
    } else if (isPlainObject(before) || isPlainObject(after)) {
      const b = isPlainObject(before) ? before : {};
      const a = isPlainObject(after) ? after : {};
      for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
        add(key, a[key], `after.${key}`, { value: b[key] });
      }
    } else {
      technical.push({ label: 'before', value: raw(before) }, { label: 'after', value: raw(after) });
    }
  }
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'employee' && isPlainObject(value)) {
      // Who an installation-wide entry is about: their name and municipality are for everyone.
      for (const [inner, innerValue] of Object.entries(value)) add(inner, innerValue, `employee.${inner}`);
      continue;
    }
    add(key, value, key);
  }

  // Stored payloads have their keys sorted; shown, they follow the order of KEYS (name before dates…).
  fields.sort((a, b) => (order.get(a) ?? KEY_ORDER.size) - (order.get(b) ?? KEY_ORDER.size));
  technical.push(
    { label: 'Номер записи', value: entry.id },
    { label: 'Идентификатор объекта', value: entry.objectId },
    { label: 'Цепочка и номер в ней', value: `${entry.stream}, ${entry.seq}` },
    { label: 'Хеш записи', value: entry.hash },
  );
  return { fields, technical };
}
