import { fieldError } from '../errors.js';

/** A calendar date `YYYY-MM-DD`: no time, no time zone. */
export type IsoDate = string;

/** Years the calendar answers for; beyond them a term is refused rather than guessed. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function ordinalOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The inverse of {@link ordinalOf} (H. Hinnant's civil_from_days). */
export function civilOf(ordinal: number): CivilDate {
  const z = ordinal + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Monday … 6 = Sunday; 1970-01-01 was a Thursday. */
export function weekdayOf(ordinal: number): number {
  return (((ordinal + 3) % 7) + 7) % 7;
}

export function isWeekend(ordinal: number): boolean {
  return weekdayOf(ordinal) >= 5;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

export function formatOrdinal(ordinal: number): IsoDate {
  const { year, month, day } = civilOf(ordinal);
  return `${year}-${twoDigits(month)}-${twoDigits(day)}`;
}

function digit(text: string, at: number): number {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : Number.NaN;
}

/** Parses `YYYY-MM-DD`; NaN when the text is not a real date in the supported years. */
export function tryParseIsoDate(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  if (!(year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12)) return Number.NaN;
  if (!(day >= 1 && day <= daysInMonth(year, month))) return Number.NaN;
  return ordinalOf(year, month, day);
}

/** Parses `YYYY-MM-DD` or refuses it with a Russian message naming the field. */
export function parseIsoDate(text: string, field = 'date'): number {
  const ordinal = tryParseIsoDate(text);
  if (Number.isNaN(ordinal)) {
    throw fieldError(field, `Неверная дата "${text}": ожидается ГГГГ-ММ-ДД в ${MIN_YEAR}–${MAX_YEAR} гг.`);
  }
  return ordinal;
}

export const FIRST_ORDINAL = ordinalOf(MIN_YEAR, 1, 1);
export const LAST_ORDINAL = ordinalOf(MAX_YEAR, 12, 31);
