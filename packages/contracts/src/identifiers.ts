/**
 * СНИЛС check digits (docs/protocols/identifiers.md §1): the 9 digits times weights 9..1; a sum
 * below 100 is the control number, 100 and 101 give 00, above 101 the sum mod 101 (100 → 00).
 * Numbers up to 001-001-998 carry no check.
 */
export function snilsControl(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (9 - i);
  if (sum < 100) return sum;
  if (sum === 100 || sum === 101) return 0;
  const rest = sum % 101;
  return rest === 100 ? 0 : rest;
}

export type SnilsProblem = 'format' | 'checksum';

/** Validates a СНИЛС written as "XXX-XXX-XXX YY" or as 11 digits; returns the problem or null. */
export function snilsProblem(input: string): SnilsProblem | null {
  const digits = normalizeSnils(input);
  if (digits === null) return 'format';
  const body = digits.slice(0, 9);
  if (Number(body) <= 1_001_998) return null;
  return snilsControl(body) === Number(digits.slice(9)) ? null : 'checksum';
}

/** 11 digits, or null when the input is not a СНИЛС in either accepted spelling. */
export function normalizeSnils(input: string): string | null {
  const trimmed = input.trim();
  if (/^\d{11}$/.test(trimmed)) return trimmed;
  const match = /^(\d{3})-(\d{3})-(\d{3})[ -](\d{2})$/.exec(trimmed);
  return match ? match.slice(1).join('') : null;
}

export function formatSnils(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9, 11)}`;
}

/**
 * `123-456-789 01` (or `12345678901`) → `***-***-*** 01`: enough to tell two namesakes apart, nothing
 * to misuse (152-ФЗ ст. 3, 7). Lists show it so to those who do not manage employees; the journal keeps
 * only this.
 */
export function maskSnils(input: string): string {
  // Already masked (a journal entry shown again): kept, or the last two digits would be lost.
  if (/^\*{3}-\*{3}-\*{3} (\d\d|\*\*)$/.test(input)) return input;
  const digits = input.replace(/\D/g, '');
  return `***-***-*** ${digits.length === 11 ? digits.slice(9) : '**'}`;
}

/** Builds a valid СНИЛС from 9 digits (demo data, tests). */
export function snilsWithControl(nineDigits: string): string {
  return nineDigits + String(snilsControl(nineDigits)).padStart(2, '0');
}

/** ИНН of an organisation (10 digits): weights 2,4,10,3,5,9,4,6,8; control = (sum mod 11) mod 10. */
export function isValidInnLegalEntity(inn: string): boolean {
  if (!/^\d{10}$/.test(inn)) return false;
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(inn[i]), 0);
  return (sum % 11) % 10 === Number(inn[9]);
}

/** ОГРН (13 digits): control = (the first 12 as a number mod 11) mod 10. */
export function isValidOgrn(ogrn: string): boolean {
  if (!/^\d{13}$/.test(ogrn)) return false;
  return Number((BigInt(ogrn.slice(0, 12)) % 11n) % 10n) === Number(ogrn[12]);
}

/**
 * ИНН of a person or a sole proprietor (12 digits): the 11th digit = (Σ of the first 10 by weights
 * 7,2,4,10,3,5,9,4,6,8 mod 11) mod 10, the 12th = (Σ of the first 11 by weights 3,7,2,4,10,3,5,9,4,6,8
 * mod 11) mod 10.
 */
export function isValidInnPerson(inn: string): boolean {
  if (!/^\d{12}$/.test(inn)) return false;
  const control = (weights: readonly number[]) =>
    (weights.reduce((acc, w, i) => acc + w * Number(inn[i]), 0) % 11) % 10;
  return (
    control([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[10]) &&
    control([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[11])
  );
}

/** ОГРНИП (15 digits): control = (the first 14 as a number mod 13) mod 10. */
export function isValidOgrnip(ogrnip: string): boolean {
  if (!/^\d{15}$/.test(ogrnip)) return false;
  return Number((BigInt(ogrnip.slice(0, 14)) % 13n) % 10n) === Number(ogrnip[14]);
}

/** КПП (9 characters): 4 digits (the tax office), 2 digits or capital latin letters (the reason), 3 digits. */
export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}

/**
 * Серия и номер паспорта гражданина Российской Федерации: 4 digits and 6 digits (Положение о паспорте,
 * ПП РФ от 23.07.2022 № 1328); spaces between them are allowed on input and dropped.
 */
export function normalizePassportRf(input: string): { series: string; number: string } | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return null;
  return { series: digits.slice(0, 4), number: digits.slice(4) };
}
