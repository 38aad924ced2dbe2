import { formatSnils, snilsWithControl } from '@uslugi/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMULATOR_PERSONS } from '../src/emulators/esia/persons.js';
import { redactPersonalData } from '../src/platform/journal/redact.js';

const SEED = 20_260_521;

describe('personal data in journal payloads (152-ФЗ)', () => {
  it('masks СНИЛС and e-mail of an employee, keeps the names and what changed', () => {
    const created = redactPersonalData({
      lastName: 'Петров',
      firstName: 'Андрей',
      middleName: 'Сергеевич',
      snils: '16745928314',
      email: 'a.petrov@demo.kzn.local',
      roles: ['employee'],
      orgUnitId: '7d3c1f3e-2b7a-4c55-9e1a-8f6b2d4c9a10',
    });
    expect(created).toEqual({
      lastName: 'Петров',
      firstName: 'Андрей',
      middleName: 'Сергеевич',
      snils: '***-***-*** 14',
      email: 'a***@demo.kzn.local',
      roles: ['employee'],
      orgUnitId: '7d3c1f3e-2b7a-4c55-9e1a-8f6b2d4c9a10',
    });
    const updated = redactPersonalData({
      before: { snils: '167-459-283 14', lastName: 'Петров' },
      after: { snils: '11223344595', lastName: 'Петрова' },
    });
    expect(updated).toEqual({
      before: { snils: '***-***-*** 14', lastName: 'Петров' },
      after: { snils: '***-***-*** 95', lastName: 'Петрова' },
    });
  });

  it('finds them by shape in free text under any key, and hides documents, addresses, secrets', () => {
    const out = redactPersonalData({
      reason: 'Уволен; СНИЛС 112-233-445 95, почта g.khasanova@demo.kzn.local, тел. +7 (917) 123-45-67',
      note: 'старый номер 11223344595 и 8 912 765 43 21',
      passport: { series: '9215', number: '123456' },
      registrationAddress: 'Республика Татарстан, г. Казань, ул. Баумана, д. 3',
      birthDate: '1972-06-12',
      birthPlace: 'г. Казань',
      inn: '165012345678',
      innLegalEntity: '1655012344',
      ip: '127.0.0.1',
      newPin: '654321',
    });
    expect(out).toEqual({
      reason: 'Уволен; СНИЛС ***-***-*** 95, почта g***@demo.kzn.local, тел. +* (***) ***-**-67',
      note: 'старый номер ***-***-*** 95 и * *** *** ** 21',
      passport: '***',
      registrationAddress: '***',
      birthDate: '***',
      birthPlace: '***',
      inn: '**********78',
      innLegalEntity: '1655012344',
      ip: '127.0.0.1',
      newPin: '***',
    });
  });

  it('leaves nothing of a whole ESIA person record, wherever it is put', () => {
    for (const person of EMULATOR_PERSONS) {
      const payload = redactPersonalData({ person, people: [person], before: { applicant: person } });
      const json = JSON.stringify(payload);
      const snilsDigits = person.snils.replace(/\D/g, '');
      const mobileDigits = person.mobile.replace(/\D/g, '');
      for (const secret of [
        person.snils,
        snilsDigits,
        snilsDigits.slice(0, 9),
        person.email,
        person.mobile,
        mobileDigits.slice(0, 9),
        person.birthDate,
        person.inn,
        person.passport.number,
        person.registrationAddress.addressStr,
      ]) {
        expect(json, `${person.lastName}: ${secret}`).not.toContain(secret);
      }
      expect(json).toContain(person.lastName);
    }
  });

  // Personal data planted in arbitrary payloads, in any spelling, in free text or alone.
  const nineDigits = fc.integer({ min: 1_002_000, max: 999_999_999 }).map((n) => String(n).padStart(9, '0'));
  const snils = fc
    .tuple(nineDigits, fc.constantFrom('formatted', 'digits', 'spaced', 'dashed'))
    .map(([nine, style]) => {
      const digits = snilsWithControl(nine);
      const written = {
        formatted: formatSnils(digits),
        digits,
        spaced: digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1 $2 $3 $4'),
        dashed: digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1-$2-$3-$4'),
      }[style];
      return { written, secret: digits.slice(0, 9) };
    });
  const phone = fc
    .tuple(fc.integer({ min: 900, max: 999 }), fc.integer({ min: 0, max: 9_999_999 }), fc.nat(3))
    .map(([code, number, style]) => {
      const n = String(number).padStart(7, '0');
      const written = [
        `+7(${code})${n}`,
        `+7 (${code}) ${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5)}`,
        `8 ${code} ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`,
        `+7${code}${n}`,
      ][style] as string;
      return { written, secret: `${code}${n}`.slice(0, 8) };
    });
  const email = fc.emailAddress().map((written) => ({ written, secret: written }));
  const planted = fc.oneof(snils, phone, email);
  const words = fc.string({
    unit: fc.constantFrom(...'абвгдеёжз АБВ abc XYZ ,.;:()«»—№'.split('')),
    maxLength: 20,
  });
  const key = fc.oneof(fc.constantFrom('reason', 'note', 'title', 'before', 'value'), fc.string());
  const withPlanted = fc
    .tuple(fc.array(fc.tuple(key, words, planted, words), { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([items, nested]) => {
      const payload: Record<string, unknown> = {};
      items.forEach(([k, before, p, after], i) => {
        payload[`${k}${i}`] = nested
          ? { deeper: [`${before} ${p.written} ${after}`] }
          : `${before} ${p.written} ${after}`;
      });
      return { payload, secrets: items.map(([, , p]) => p.secret) };
    });

  it('property: no planted СНИЛС, phone or e-mail survives, in any spelling or place', () => {
    fc.assert(
      fc.property(withPlanted, ({ payload, secrets }) => {
        // Separators squeezed out: `167-459-283` must not survive as `167459283` either.
        const squeezed = JSON.stringify(redactPersonalData(payload)).replace(/[\s()-]/g, '');
        for (const secret of secrets) expect(squeezed).not.toContain(secret.replace(/[\s()-]/g, ''));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  // What a payload holds besides personal data: ids, hashes, serials, dates, numbers, words.
  const hex = (length: number) =>
    fc.string({
      unit: fc.constantFrom(...'0123456789abcdef'.split('')),
      minLength: length,
      maxLength: length,
    });
  const harmless = fc.oneof(
    fc.uuid(),
    hex(64),
    hex(40),
    fc
      .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    fc
      .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
    fc.boolean(),
    words,
  );
  const harmlessPayload = fc.dictionary(
    fc.constantFrom('id', 'sha256', 'serialNumber', 'fingerprint', 'storedAt', 'title', 'size', 'valid'),
    fc.oneof(
      harmless,
      fc.array(harmless, { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', 'b'), harmless),
    ),
  );

  it('property: ids, hashes, serial numbers, dates and ordinary words pass unchanged', () => {
    fc.assert(
      fc.property(harmlessPayload, (payload) => {
        expect(redactPersonalData(payload)).toEqual(payload);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('a СНИЛС masked at the write keeps its last two digits when the view masks it again', () => {
    const once = redactPersonalData({ after: { snils: '40678901299' }, snils: '406-789-012 99' });
    expect(once).toEqual({ after: { snils: '***-***-*** 99' }, snils: '***-***-*** 99' });
    expect(redactPersonalData(once)).toEqual(once);
  });

  it('property: applying the rule twice changes nothing more (the view over a redacted entry)', () => {
    const anyPayload = fc.oneof(
      fc.dictionary(fc.string(), fc.jsonValue()),
      withPlanted.map((p) => p.payload),
    );
    fc.assert(
      fc.property(anyPayload, (payload) => {
        const once = redactPersonalData(payload);
        expect(redactPersonalData(once)).toEqual(once);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
