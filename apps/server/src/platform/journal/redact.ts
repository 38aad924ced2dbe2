import { maskSnils, snilsProblem } from '@uslugi/contracts';

/**
 * The one rule for personal data in journal payloads (152-ФЗ ст. 5 ч. 5 and ст. 7: no more personal data
 * than the purpose needs, and none disclosed to those who need not see it). The journal must say who did
 * what to whom, so names (ФИО) stay; the identifiers and contacts of a person do not: heads and technical
 * operators read the journal, and only operators who manage employees see a СНИЛС in clear.
 *
 * Applied by `appendJournal` to every payload before it is hashed and stored, and by the journal view to
 * every payload it shows (entries written before the rule cannot be rewritten: the journal is append-only
 * and hash-chained, so the stored entry and its hash stay as they are).
 *
 * By key (any nesting; case, `_` and `-` ignored):
 * - СНИЛС → `***-***-*** NN`; e-mail → first letter and the domain; phone → all digits but the last two
 *   starred; a person's ИНН (12 digits) → all digits but the last two starred (an organisation's ИНН of
 *   10 digits is no personal data and stays);
 * - birth date and place, gender, identity documents (passport, `idDoc`), addresses (except an IP
 *   address, which the sign-in journal keeps by design), ОГРНИП → `***`;
 * - secrets that never belong in a journal (PIN, password, token, private key) → `***`.
 * By value, in every string under any key (free text included): a СНИЛС written `123-456-789 01`, or 11
 * digits with valid check digits; an e-mail address; a Russian phone number (+7 or 8, ten digits).
 * Birth dates are recognised only by key: a date alone cannot be told from any other date.
 */
export function redactPersonalData(payload: Record<string, unknown>): Record<string, unknown> {
  return redactObject(payload);
}

const HIDDEN = '***';

type KeyRule = (value: unknown) => unknown;

const maskEach =
  (mask: (text: string) => string): KeyRule =>
  (value) =>
    mapStrings(value, mask);

const hide: KeyRule = (value) => (value === null || value === undefined ? value : HIDDEN);

/** The rule for a key, or undefined when the key says nothing about its value. */
function ruleFor(key: string): KeyRule | undefined {
  const k = key.toLowerCase().replace(/[-_\s]/g, '');
  if (k.includes('snils')) return maskEach(maskSnils);
  if (k.includes('email') || k === 'mail') return maskEach(maskEmail);
  if (k.includes('phone') || k.includes('mobile') || k === 'tel' || k === 'fax') return maskEach(maskDigits);
  if (k.endsWith('inn') || k.startsWith('innperson') || k.startsWith('innlegal')) {
    return maskEach(maskPersonalInn);
  }
  if (k.includes('birth') || k === 'gender' || k === 'sex') return hide;
  if (k.includes('passport') || k.startsWith('iddoc') || k.includes('identitydocument')) return hide;
  if ((k.includes('address') || k.includes('residence')) && !k.startsWith('ip')) return hide;
  if (k === 'ogrnip') return hide;
  if (SECRET_KEYS.has(k)) return hide;
  return undefined;
}

const SECRET_KEYS = new Set([
  'pin',
  'currentpin',
  'newpin',
  'password',
  'secret',
  'token',
  'accesstoken',
  'refreshtoken',
  'csrftoken',
  'privatekey',
]);

function redactObject(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const rule = ruleFor(key);
    out[key] = rule ? rule(value) : redactValue(value);
  }
  return out;
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number') return looksLikeSnils(String(value)) ? maskSnils(String(value)) : value;
  if (Array.isArray(value)) return value.map(redactValue);
  if (isPlainObject(value)) return redactObject(value);
  return value;
}

/** Masks every string (and number) under a key whose rule masks rather than hides. */
function mapStrings(value: unknown, mask: (text: string) => string): unknown {
  if (typeof value === 'string') return mask(value);
  if (typeof value === 'number') return mask(String(value));
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, mask));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, mask)]));
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// Shapes are bounded by anything but a letter or digit, so a hash or a serial number in hex that happens
// to hold a run of digits is left alone.
const EDGE_BEFORE = '(?<![0-9A-Za-z])';
const EDGE_AFTER = '(?![0-9A-Za-z])';
const SNILS_SHAPE = new RegExp(`${EDGE_BEFORE}\\d{3}[- ]?\\d{3}[- ]?\\d{3}[- ]?\\d{2}${EDGE_AFTER}`, 'g');
const PHONE_SHAPE = new RegExp(
  `(?<![0-9A-Za-z+])(?:\\+7|8)[ (-]{0,2}\\d{3}[ )-]{0,2}\\d{3}[ -]?\\d{2}[ -]?\\d{2}${EDGE_AFTER}`,
  'g',
);
// The local part as RFC 5322 allows it (atext and dots), the domain with Cyrillic letters too (.рф).
const EMAIL_SHAPE = /[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const CANONICAL_SNILS = /^\d{3}-\d{3}-\d{3}[ -]\d{2}$/;

/** A СНИЛС as written in documents, or 11 digits (spaced or not) whose check digits hold. */
function looksLikeSnils(candidate: string): boolean {
  if (CANONICAL_SNILS.test(candidate)) return true;
  const digits = candidate.replace(/\D/g, '');
  return digits.length === 11 && snilsProblem(digits) === null;
}

/** Masks the personal data found by its shape anywhere in a text. */
export function redactText(text: string): string {
  return text
    .replace(EMAIL_SHAPE, maskEmail)
    .replace(SNILS_SHAPE, (match) => (looksLikeSnils(match) ? maskSnils(match) : match))
    .replace(PHONE_SHAPE, maskDigits);
}

/** `a.petrov@demo.kzn.local` → `a***@demo.kzn.local`. */
function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return value.length > 0 ? HIDDEN : value;
  return `${value.slice(0, 1)}***${value.slice(at)}`;
}

/** Every digit but the last two starred: `+7(917)1234567` → `+*(***)*****67`. */
function maskDigits(value: string): string {
  let keep = 2;
  const chars = [...value];
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!/\d/.test(chars[i] ?? '')) continue;
    if (keep > 0) keep--;
    else chars[i] = '*';
  }
  return chars.join('');
}

/** A person's ИНН (12 digits) masked; an organisation's (10 digits) is public and stays. */
function maskPersonalInn(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length === 10 ? value : maskDigits(value);
}
