import { z } from 'zod';

/**
 * Text and dates as a request may carry them. Every string field of every request schema is built
 * from `line()`, `text()` or a format (`z.uuid()`, `z.email()`, `isoDate()`); a test walks every
 * route's schema and holds it to that (apps/server/test/request-schemas.test.ts).
 *
 * Control characters are never typed by a person and PostgreSQL cannot store some of them: NUL in
 * text (22021), NUL or a lone surrogate in jsonb (22P05). They are refused with a Russian message
 * before anything reaches the database: C0 (U+0000–U+001F) except the line breaks and tab of
 * multi-line text, DEL (U+007F), C1 (U+0080–U+009F), and lone surrogates (not UTF-8 at all).
 */
export const INVALID_CHARACTERS_MESSAGE = 'Содержит недопустимые символы';

const CONTROL_IN_LINE = /[\p{Cc}\p{Cs}]/u;
const CONTROL_IN_TEXT = /(?![\t\n\r])[\p{Cc}\p{Cs}]/u;

const LINE_CHECK = z.refine<string>((value) => !CONTROL_IN_LINE.test(value), {
  message: INVALID_CHARACTERS_MESSAGE,
});
const TEXT_CHECK = z.refine<string>((value) => !CONTROL_IN_TEXT.test(value), {
  message: INVALID_CHARACTERS_MESSAGE,
});

export interface TextOptions {
  /**
   * Trim surrounding whitespace first (the default). Off for values taken byte for byte: a PIN, a
   * file's content, a certificate.
   */
  trim?: boolean;
}

function guarded(check: typeof LINE_CHECK, options: TextOptions): z.ZodString {
  const base = options.trim === false ? z.string() : z.string().trim();
  return base.check(check);
}

/** A single line: a name, a title, a search, a PIN. No control characters at all. */
export function line(options: TextOptions = {}): z.ZodString {
  return guarded(LINE_CHECK, options);
}

/** Multi-line text: a reason, a file's text. Line breaks and tabs are allowed, other controls are not. */
export function text(options: TextOptions = {}): z.ZodString {
  return guarded(TEXT_CHECK, options);
}

/** The dates a request may name when a field has no narrower range of its own. */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2100-12-31';

const RANGE_CHECKS = new WeakSet<object>();
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ruDate = (iso: string) => iso.split('-').reverse().join('.');

/**
 * A calendar date `YYYY-MM-DD` within `min`…`max` (inclusive). Without a range PostgreSQL would be
 * asked for the year 0 (22008) or a date no one means.
 */
export function isoDate(range: { min?: string; max?: string; message?: string } = {}) {
  const min = range.min ?? DATE_MIN;
  const max = range.max ?? DATE_MAX;
  const check = z.refine<string>((value) => !ISO_DATE.test(value) || (value >= min && value <= max), {
    message: range.message ?? `Дата вне допустимых пределов: с ${ruDate(min)} по ${ruDate(max)}`,
  });
  RANGE_CHECKS.add(check);
  return z.iso.date().check(check);
}

/** Formats that cannot hold a control character by construction. */
const SAFE_FORMATS = new Set(['uuid', 'guid', 'email']);

/**
 * How a string schema is guarded against unusable input, or null when it is not: for the test that
 * walks every route's request schema. Looks at one string node, not into wrappers.
 */
export function stringGuard(schema: z.core.$ZodType): 'line' | 'text' | 'format' | 'date' | null {
  const def = schema._zod.def as { type: string; format?: string; checks?: unknown[] };
  if (def.type !== 'string') return null;
  const checks = def.checks ?? [];
  if (def.format === 'date') return checks.some((c) => RANGE_CHECKS.has(c as object)) ? 'date' : null;
  if (def.format && SAFE_FORMATS.has(def.format)) return 'format';
  if (checks.includes(LINE_CHECK)) return 'line';
  if (checks.includes(TEXT_CHECK)) return 'text';
  return null;
}

const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A moment with its offset (`2026-04-15T10:00:00+03:00`) between 2000 and 2100: when a procedure took
 * place, entered later (004 item 7 — a consultation's start or end, the handing in of an application).
 */
export function isoMoment() {
  return line()
    .max(40)
    .refine((value) => {
      if (!MOMENT.test(value)) return false;
      const time = Date.parse(value);
      return time >= Date.UTC(2000, 0, 1) && time < Date.UTC(2101, 0, 1);
    }, 'Неверная дата и время');
}
