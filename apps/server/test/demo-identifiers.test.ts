import {
  isValidInnLegalEntity,
  isValidOgrn,
  normalizeSnils,
  snilsProblem,
  snilsWithControl,
} from '@uslugi/contracts';
import { describe, expect, it } from 'vitest';
import { DEMO_MUNICIPALITIES } from '../src/demo/seed.js';
import { EMULATOR_PERSONS } from '../src/emulators/esia/persons.js';

/** ИНН of a person: 12 digits, two check digits (docs/protocols/identifiers.md §2). */
function isValidPersonInn(inn: string): boolean {
  if (!/^\d{12}$/.test(inn)) return false;
  const digit = (n: number, weights: number[]) =>
    (weights.reduce((sum, w, i) => sum + w * Number(inn[i]), 0) % 11) % 10;
  return (
    digit(10, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[10]) &&
    digit(11, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[11])
  );
}

const duplicates = (values: readonly string[]) => values.filter((v, i) => values.indexOf(v) !== i);

const organizations = [
  ...DEMO_MUNICIPALITIES.map((m) => ({ name: m.shortName, ogrn: m.ogrn, inn: m.inn, kpp: null })),
  ...EMULATOR_PERSONS.flatMap((p) => p.organizations).map((o) => ({
    name: o.shortName,
    ogrn: o.ogrn,
    inn: o.inn,
    kpp: o.kpp,
  })),
].filter((o, i, all) => all.findIndex((x) => x.name === o.name) === i);

describe('demo identifiers', () => {
  it('every ИНН, ОГРН and КПП of a demo organisation has valid check digits and belongs to it alone', () => {
    for (const o of organizations) {
      expect(isValidInnLegalEntity(o.inn), `${o.name}: ИНН ${o.inn}`).toBe(true);
      expect(isValidOgrn(o.ogrn), `${o.name}: ОГРН ${o.ogrn}`).toBe(true);
      if (o.kpp !== null) {
        expect(o.kpp, `${o.name}: КПП`).toMatch(/^\d{4}[\dA-Z]{2}\d{3}$/);
        expect(o.kpp.slice(0, 4), `${o.name}: КПП of the ИНН's tax office`).toBe(o.inn.slice(0, 4));
      }
    }
    expect(duplicates(organizations.map((o) => o.inn))).toEqual([]);
    expect(duplicates(organizations.map((o) => o.ogrn))).toEqual([]);
  });

  it('every demo person has a valid СНИЛС and ИНН of their own; the emulator knows every demo employee', () => {
    const employees = DEMO_MUNICIPALITIES.flatMap((m) => m.employees.map((e) => snilsWithControl(e.snils9)));
    for (const snils of employees) expect(snilsProblem(snils), snils).toBeNull();
    expect(duplicates(employees)).toEqual([]);

    const snilses = EMULATOR_PERSONS.map((p) => normalizeSnils(p.snils) ?? p.snils);
    for (const p of EMULATOR_PERSONS) {
      expect(snilsProblem(p.snils), `${p.lastName}: СНИЛС ${p.snils}`).toBeNull();
      expect(isValidPersonInn(p.inn), `${p.lastName}: ИНН ${p.inn}`).toBe(true);
    }
    expect(duplicates(snilses)).toEqual([]);
    expect(duplicates(EMULATOR_PERSONS.map((p) => p.inn))).toEqual([]);
    for (const snils of employees) expect(snilses).toContain(snils);
    // A person's ИНН never equals an organisation's (different lengths), nor do two kinds of number mix.
    const all = [...EMULATOR_PERSONS.map((p) => p.inn), ...organizations.map((o) => o.inn)];
    expect(duplicates(all)).toEqual([]);
  });
});
