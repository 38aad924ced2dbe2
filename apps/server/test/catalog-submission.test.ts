import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPLICANT_BLOCK_MEMBERS,
  REPRESENTATIVE_BLOCK_MEMBERS,
  REQUIRED_MESSAGE,
  conditionHolds,
  isValidInnLegalEntity,
  isValidInnPerson,
  isValidOgrn,
  isValidOgrnip,
  normalizePhone,
  validateSubmission,
  visibleFields,
  visibleMembers,
  type Field,
  type FormDefinition,
  type Validation,
} from '@uslugi/contracts';
import { catalogDefinitions, fixtureDefinition } from './catalog-support.js';

const today = '2026-12-02';

function field(key: string, type: Field['type'], extra: Partial<Field> = {}): Field {
  return {
    key,
    label: `Поле ${key}`,
    type,
    required: false,
    hint: null,
    options: null,
    multiple: false,
    showIf: null,
    validation: null,
    prefill: null,
    ...extra,
  };
}

function validation(extra: Partial<Validation>): Validation {
  return {
    pattern: null,
    patternMessage: null,
    minLength: null,
    maxLength: null,
    min: null,
    max: null,
    minDate: null,
    maxDate: null,
    ...extra,
  };
}

const form = (...fields: Field[]): FormDefinition => ({
  sections: [{ key: 'main', title: 'Заявление', fields }],
});

/** The problems for one value of one field, as `{field: message}`. */
function problemsOf(
  f: Field,
  value: unknown,
  options: { applicantKinds?: ('individual' | 'sole_proprietor' | 'legal_entity')[] } = {},
) {
  const result = validateSubmission(form(f), value === undefined ? {} : { [f.key]: value }, {
    today,
    ...options,
  });
  return Object.fromEntries(result.problems.map((p) => [p.field, p.message]));
}
const valueOf = (f: Field, value: unknown) =>
  validateSubmission(form(f), { [f.key]: value }, { today }).values[f.key];

describe('ИНН of 12 digits and ОГРНИП', () => {
  it('accepts known valid numbers and refuses a changed digit', () => {
    expect(isValidInnPerson('500100732259')).toBe(true);
    expect(isValidInnPerson('500100732258')).toBe(false);
    expect(isValidInnPerson('500100732249')).toBe(false);
    expect(isValidInnPerson('50010073225')).toBe(false);
    expect(isValidInnPerson('5001007322590')).toBe(false);
    expect(isValidInnPerson('50010073225a')).toBe(false);
    expect(isValidOgrnip('304500116000157')).toBe(true);
    expect(isValidOgrnip('304500116000156')).toBe(false);
    expect(isValidOgrnip('30450011600015')).toBe(false);
    expect(isValidOgrnip('1027700132195')).toBe(false);
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(isValidInnLegalEntity('7707083893')).toBe(true);
  });

  it('every 12-digit body has exactly one pair of check digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), (body) => {
        let valid = 0;
        for (let n = 0; n < 100; n++) if (isValidInnPerson(body + String(n).padStart(2, '0'))) valid++;
        expect(valid).toBe(1);
      }),
      { numRuns: 50 },
    );
  });

  it('every ОГРНИП body has exactly one check digit: (first 14 mod 13) mod 10', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{14}$/), (body) => {
        const control = Number((BigInt(body) % 13n) % 10n);
        for (let d = 0; d < 10; d++) expect(isValidOgrnip(body + String(d))).toBe(d === control);
      }),
      { numRuns: 50 },
    );
  });
});

describe('validateSubmission: types', () => {
  it('required → «Обязательное поле» for every empty spelling', () => {
    const f = field('name', 'text', { required: true });
    for (const empty of [undefined, null, '', '   ', []])
      expect(problemsOf(f, empty)).toEqual({ name: REQUIRED_MESSAGE });
    expect(problemsOf(f, 'Иванов')).toEqual({});
    expect(valueOf(f, '  Иванов  ')).toBe('Иванов');
    // Not required and empty: null, no problem.
    expect(valueOf(field('name', 'text'), '  ')).toBeNull();
  });

  it('number: numbers and numeric strings, min and max', () => {
    const f = field('copies', 'number', { validation: validation({ min: 1, max: 5 }) });
    expect(valueOf(f, 3)).toBe(3);
    expect(valueOf(f, '2,5')).toBe(2.5);
    expect(problemsOf(f, 'три')).toEqual({ copies: 'Введите число' });
    expect(problemsOf(f, 0)).toEqual({ copies: 'Значение не меньше 1' });
    expect(problemsOf(f, 6)).toEqual({ copies: 'Значение не больше 5' });
    expect(problemsOf(f, true)).toEqual({ copies: 'Введите число' });
    expect(problemsOf(f, Number.POSITIVE_INFINITY)).toEqual({ copies: 'Введите число' });
  });

  it('date: a real calendar date, minDate/maxDate with `today`', () => {
    const f = field('when', 'date', { validation: validation({ minDate: 'today', maxDate: '2027-12-31' }) });
    expect(problemsOf(f, today)).toEqual({});
    expect(problemsOf(f, '2026-02-30')).toEqual({ when: 'Неверная дата' });
    expect(problemsOf(f, '02.12.2026')).toEqual({ when: 'Неверная дата' });
    expect(problemsOf(f, '2026-12-01')).toEqual({ when: 'Не раньше сегодняшнего дня' });
    expect(problemsOf(f, '2028-01-01')).toEqual({ when: 'Не позже 31.12.2027' });
    const past = field('born', 'date', {
      validation: validation({ maxDate: 'today', minDate: '1900-01-01' }),
    });
    expect(problemsOf(past, '2026-12-03')).toEqual({ born: 'Не позже сегодняшнего дня' });
    expect(problemsOf(past, '1899-12-31')).toEqual({ born: 'Не раньше 01.01.1900' });
  });

  it('choice: one of the options, or several with `multiple`', () => {
    const options = [
      { value: 'a', label: 'А' },
      { value: 'b', label: 'Б' },
    ];
    const one = field('pick', 'choice', { options, required: true });
    expect(problemsOf(one, 'a')).toEqual({});
    expect(problemsOf(one, 'c')).toEqual({ pick: 'Недопустимое значение' });
    expect(problemsOf(one, ['a'])).toEqual({ pick: 'Неверный тип значения' });
    const many = field('pick', 'choice', { options, multiple: true, required: true });
    expect(valueOf(many, ['a', 'b', 'a'])).toEqual(['a', 'b']);
    expect(problemsOf(many, ['a', 'x'])).toEqual({ pick: 'Недопустимое значение' });
    expect(problemsOf(many, [])).toEqual({ pick: REQUIRED_MESSAGE });
  });

  it('checkbox: a boolean; a required one must be ticked', () => {
    const f = field('consent', 'checkbox', { required: true });
    expect(problemsOf(f, true)).toEqual({});
    expect(problemsOf(f, false)).toEqual({ consent: REQUIRED_MESSAGE });
    expect(problemsOf(f, undefined)).toEqual({ consent: REQUIRED_MESSAGE });
    expect(problemsOf(field('x', 'checkbox'), 'yes')).toEqual({ x: 'Неверный тип значения' });
    expect(valueOf(field('x', 'checkbox'), null)).toBe(false);
  });

  it('email and phone', () => {
    expect(problemsOf(field('e', 'email'), 'ivanov@example.ru')).toEqual({});
    expect(problemsOf(field('e', 'email'), 'ivanov@example')).toEqual({
      e: 'Неверный адрес электронной почты',
    });
    expect(problemsOf(field('e', 'email'), 'iva nov@example.ru')).toEqual({
      e: 'Неверный адрес электронной почты',
    });
    expect(valueOf(field('p', 'phone'), '+7 (843) 123-45-67')).toBe('+78431234567');
    expect(valueOf(field('p', 'phone'), '8 843 123 45 67')).toBe('+78431234567');
    expect(problemsOf(field('p', 'phone'), '123-45-67')).toEqual({ p: 'Номер в формате +7 XXX XXX-XX-XX' });
    expect(problemsOf(field('p', 'phone'), '+1 843 123 45 67')).toEqual({
      p: 'Номер в формате +7 XXX XXX-XX-XX',
    });
    expect(normalizePhone('+7 843 123 45 6')).toBeNull();
  });

  it('СНИЛС, ИНН, ОГРН with check digits', () => {
    expect(valueOf(field('s', 'snils'), '11223344595')).toBe('112-233-445 95');
    expect(problemsOf(field('s', 'snils'), '112-233-445 96')).toEqual({ s: 'Неверное контрольное число' });
    expect(problemsOf(field('s', 'snils'), '112-233-445')).toEqual({ s: 'Формат: XXX-XXX-XXX YY' });
    expect(problemsOf(field('i', 'inn'), '7707083893')).toEqual({});
    expect(problemsOf(field('i', 'inn'), '500100732259')).toEqual({});
    expect(problemsOf(field('i', 'inn'), '7707083894')).toEqual({ i: 'Неверное контрольное число' });
    expect(problemsOf(field('i', 'inn'), '77070838')).toEqual({ i: 'Должно быть 10 или 12 цифр' });
    expect(problemsOf(field('i', 'inn'), 7707083893)).toEqual({});
    expect(problemsOf(field('o', 'ogrn'), '1027700132195')).toEqual({});
    expect(problemsOf(field('o', 'ogrn'), '304500116000157')).toEqual({});
    expect(problemsOf(field('o', 'ogrn'), '304500116000158')).toEqual({ o: 'Неверное контрольное число' });
    expect(problemsOf(field('o', 'ogrn'), '10277001321')).toEqual({ o: 'Должно быть 13 или 15 цифр' });
  });

  it('cadastral number АА:ВВ:CCCCCC(C):К…', () => {
    const f = field('c', 'cadastral_number');
    expect(problemsOf(f, '16:50:011105:123')).toEqual({});
    expect(problemsOf(f, '45:22:0101001:7')).toEqual({});
    expect(problemsOf(f, '16:50:01110:123')).toEqual({ c: 'Формат: 16:50:011105:123' });
    expect(problemsOf(f, '16-50-011105-123')).toEqual({ c: 'Формат: 16:50:011105:123' });
  });

  it('pattern with its message, lengths in the words of errors-ru', () => {
    const f = field('code', 'text', {
      validation: validation({
        pattern: '[A-Z]{2}-\\d{4}',
        patternMessage: 'Две буквы, дефис, четыре цифры',
      }),
    });
    expect(problemsOf(f, 'AB-1234')).toEqual({});
    // The whole value must match, not a part of it.
    expect(problemsOf(f, 'xAB-1234')).toEqual({ code: 'Две буквы, дефис, четыре цифры' });
    const plain = field('code', 'text', { validation: validation({ pattern: '\\d+' }) });
    expect(problemsOf(plain, '12a')).toEqual({ code: 'Неверный формат' });
    const broken = field('code', 'text', { validation: validation({ pattern: '[' }) });
    expect(problemsOf(broken, 'anything')).toEqual({});
    const lengths = field('t', 'textarea', { validation: validation({ minLength: 3, maxLength: 5 }) });
    expect(problemsOf(lengths, 'ab')).toEqual({ t: 'Не короче 3 символов' });
    expect(problemsOf(lengths, 'abcdef')).toEqual({ t: 'Не длиннее 5 символов' });
    expect(problemsOf(lengths, 'abcd')).toEqual({});
  });

  it('files: ids, one unless `multiple`', () => {
    expect(valueOf(field('f', 'file', { multiple: true }), ['id1', 'id2'])).toEqual(['id1', 'id2']);
    expect(problemsOf(field('f', 'file'), ['id1', 'id2'])).toEqual({ f: 'Не более одного файла' });
    expect(problemsOf(field('f', 'file', { required: true }), [])).toEqual({ f: REQUIRED_MESSAGE });
    expect(problemsOf(field('f', 'file'), [1])).toEqual({ f: 'Неверный тип значения' });
  });

  it('refuses unknown keys and a value that is not an object', () => {
    const result = validateSubmission(form(field('a', 'text')), { a: 'x', b: 'y' }, { today });
    expect(result.problems).toEqual([{ field: 'b', message: 'Неизвестное поле' }]);
    expect(validateSubmission(form(), [], { today }).problems).toEqual([
      { field: '', message: 'Неверный тип значения' },
    ]);
    expect(validateSubmission(form(), null, { today }).problems).toHaveLength(1);
  });

  it('never repeats the field label in a message', () => {
    const types: Field['type'][] = [
      'text',
      'number',
      'date',
      'email',
      'phone',
      'snils',
      'inn',
      'ogrn',
      'cadastral_number',
    ];
    for (const type of types) {
      const f = { ...field('x', type, { required: true }), label: 'Метка поля' };
      for (const value of [undefined, 'неверно', '0']) {
        for (const message of Object.values(problemsOf(f, value)))
          expect(message).not.toContain('Метка поля');
      }
    }
  });
});

describe('validateSubmission: visibility', () => {
  const purpose = field('purpose', 'choice', {
    options: [
      { value: 'sale', label: 'Продажа' },
      { value: 'other', label: 'Иное' },
    ],
  });
  const other = field('other', 'text', {
    required: true,
    showIf: { field: 'purpose', equals: 'other', oneOf: null, filled: null },
  });
  const detail = field('detail', 'text', {
    required: true,
    showIf: { field: 'other', equals: null, oneOf: null, filled: true },
  });
  const f = form(purpose, other, detail);

  it('drops a hidden field and does not check it', () => {
    const result = validateSubmission(f, { purpose: 'sale', other: 'x', detail: 'y' }, { today });
    expect(result.problems).toEqual([]);
    expect(result.values).toEqual({ purpose: 'sale' });
  });

  it('checks a shown field', () => {
    const result = validateSubmission(f, { purpose: 'other' }, { today });
    expect(result.problems).toEqual([{ field: 'other', message: REQUIRED_MESSAGE }]);
    expect(result.values).toEqual({ purpose: 'other', other: null });
  });

  it('a field under a hidden one is hidden too', () => {
    expect(visibleFields(f, { purpose: 'sale', other: 'x' }).map((x) => x.key)).toEqual(['purpose']);
    expect(visibleFields(f, { purpose: 'other', other: 'x' }).map((x) => x.key)).toEqual([
      'purpose',
      'other',
      'detail',
    ]);
  });

  it('conditions: equals, oneOf, filled, checkbox and multiple choice', () => {
    const c = (extra: Partial<{ equals: unknown; oneOf: unknown[]; filled: boolean }>) =>
      ({
        field: 'x',
        equals: null,
        oneOf: null,
        filled: null,
        ...extra,
      }) as Parameters<typeof conditionHolds>[0];
    expect(conditionHolds(c({ equals: true }), { x: true })).toBe(true);
    expect(conditionHolds(c({ equals: true }), { x: false })).toBe(false);
    expect(conditionHolds(c({ equals: false }), { x: false })).toBe(true);
    expect(conditionHolds(c({ equals: 5 }), { x: '5' })).toBe(true);
    expect(conditionHolds(c({ oneOf: ['a', 'b'] }), { x: 'b' })).toBe(true);
    expect(conditionHolds(c({ oneOf: ['a', 'b'] }), { x: 'c' })).toBe(false);
    expect(conditionHolds(c({ equals: 'a' }), { x: ['b', 'a'] })).toBe(true);
    expect(conditionHolds(c({ filled: true }), { x: '' })).toBe(false);
    expect(conditionHolds(c({ filled: false }), {})).toBe(true);
    expect(conditionHolds(c({}), {})).toBe(true);
  });
});

describe('validateSubmission: applicant and representative blocks', () => {
  const applicant = field('applicant', 'applicant', { required: true });
  const representative = field('representative', 'representative', { required: true });

  it('lists members as data with their kinds', () => {
    expect(APPLICANT_BLOCK_MEMBERS.map((m) => m.key)).toEqual([
      'kind',
      'lastName',
      'firstName',
      'middleName',
      'birthDate',
      'snils',
      'identityDocument',
      'organizationName',
      'inn',
      'ogrn',
      'address',
      'phone',
      'email',
    ]);
    expect(REPRESENTATIVE_BLOCK_MEMBERS.map((m) => m.key)).toEqual([
      'lastName',
      'firstName',
      'middleName',
      'identityDocument',
      'authorityKind',
      'authorityDocument',
      'authorityValidUntil',
    ]);
    expect(visibleMembers('applicant', {}).map((m) => m.key)).toEqual(['kind']);
    expect(visibleMembers('applicant', { kind: 'legal_entity' }).map((m) => m.key)).toEqual([
      'kind',
      'organizationName',
      'inn',
      'ogrn',
      'address',
      'phone',
      'email',
    ]);
    expect(visibleMembers('representative', { authorityKind: 'law' }).map((m) => m.key)).not.toContain(
      'authorityValidUntil',
    );
  });

  it('an empty required applicant: the kind is asked for', () => {
    expect(problemsOf(applicant, undefined)).toEqual({ 'applicant.kind': REQUIRED_MESSAGE });
    expect(problemsOf(applicant, {})).toEqual({ 'applicant.kind': REQUIRED_MESSAGE });
    expect(problemsOf(applicant, 'Иванов')).toEqual({ applicant: 'Неверный тип значения' });
    expect(problemsOf(field('applicant', 'applicant'), {})).toEqual({});
  });

  it('an individual: names and the identity document', () => {
    expect(problemsOf(applicant, { kind: 'individual' })).toEqual({
      'applicant.lastName': REQUIRED_MESSAGE,
      'applicant.firstName': REQUIRED_MESSAGE,
      'applicant.identityDocument': REQUIRED_MESSAGE,
    });
    const value = {
      kind: 'individual',
      lastName: ' Иванов ',
      firstName: 'Иван',
      identityDocument: 'Паспорт 9204 123456',
      snils: '11223344595',
      phone: '8 (843) 123-45-67',
      birthDate: '1980-05-01',
      inn: '500100732259',
    };
    expect(problemsOf(applicant, value)).toEqual({});
    expect(valueOf(applicant, value)).toMatchObject({
      lastName: 'Иванов',
      snils: '112-233-445 95',
      phone: '+78431234567',
      middleName: null,
    });
    expect(
      problemsOf(applicant, { ...value, birthDate: '2027-01-01', snils: '11223344596', inn: '7707083893' }),
    ).toEqual({
      'applicant.birthDate': 'Дата не может быть позже сегодняшней',
      'applicant.snils': 'Неверное контрольное число',
      'applicant.inn': 'Должно быть 12 цифр',
    });
  });

  it('a sole proprietor: names, ИНН of 12 digits, ОГРНИП', () => {
    expect(problemsOf(applicant, { kind: 'sole_proprietor' })).toEqual({
      'applicant.lastName': REQUIRED_MESSAGE,
      'applicant.firstName': REQUIRED_MESSAGE,
      'applicant.inn': REQUIRED_MESSAGE,
      'applicant.ogrn': REQUIRED_MESSAGE,
    });
    const ok = {
      kind: 'sole_proprietor',
      lastName: 'Петров',
      firstName: 'Пётр',
      inn: '500100732259',
      ogrn: '304500116000157',
    };
    expect(problemsOf(applicant, ok)).toEqual({});
    expect(problemsOf(applicant, { ...ok, inn: '7707083893', ogrn: '1027700132195' })).toEqual({
      'applicant.inn': 'Должно быть 12 цифр',
      'applicant.ogrn': 'Должно быть 15 цифр',
    });
    expect(problemsOf(applicant, { ...ok, ogrn: '304500116000158' })).toEqual({
      'applicant.ogrn': 'Неверное контрольное число',
    });
  });

  it('a legal entity: name, ИНН of 10 digits, ОГРН; personal members are dropped', () => {
    expect(problemsOf(applicant, { kind: 'legal_entity' })).toEqual({
      'applicant.organizationName': REQUIRED_MESSAGE,
      'applicant.inn': REQUIRED_MESSAGE,
      'applicant.ogrn': REQUIRED_MESSAGE,
    });
    const ok = {
      kind: 'legal_entity',
      organizationName: 'ПАО Сбербанк',
      inn: '7707083893',
      ogrn: '1027700132195',
    };
    expect(problemsOf(applicant, ok)).toEqual({});
    expect(problemsOf(applicant, { ...ok, inn: '500100732259', ogrn: '304500116000157' })).toEqual({
      'applicant.inn': 'Должно быть 10 цифр',
      'applicant.ogrn': 'Должно быть 13 цифр',
    });
    // A name left from an earlier choice of kind is not the organisation's: dropped, not refused.
    expect(valueOf(applicant, { ...ok, lastName: 'Иванов' })).not.toHaveProperty('lastName');
  });

  it('refuses an unknown member, a kind not in the list, and a kind the service is not for', () => {
    expect(
      problemsOf(applicant, {
        kind: 'individual',
        nickname: 'x',
        lastName: 'И',
        firstName: 'И',
        identityDocument: 'П',
      }),
    ).toEqual({
      'applicant.nickname': 'Неизвестное поле',
    });
    expect(problemsOf(applicant, { kind: 'alien' })).toEqual({ 'applicant.kind': 'Недопустимое значение' });
    expect(
      problemsOf(
        applicant,
        { kind: 'legal_entity', organizationName: 'ООО', inn: '7707083893', ogrn: '1027700132195' },
        {
          applicantKinds: ['individual'],
        },
      ),
    ).toEqual({ 'applicant.kind': 'Услуга не предоставляется заявителям этой категории' });
    expect(problemsOf(applicant, { kind: 'individual', lastName: 5 })).toMatchObject({
      'applicant.lastName': 'Неверный тип значения',
    });
  });

  it('a representative by power of attorney: the end date is today or later', () => {
    expect(problemsOf(representative, {})).toEqual({
      'representative.lastName': REQUIRED_MESSAGE,
      'representative.firstName': REQUIRED_MESSAGE,
      'representative.identityDocument': REQUIRED_MESSAGE,
      'representative.authorityKind': REQUIRED_MESSAGE,
      'representative.authorityDocument': REQUIRED_MESSAGE,
    });
    const ok = {
      lastName: 'Сидоров',
      firstName: 'Семён',
      identityDocument: 'Паспорт 9204 654321',
      authorityKind: 'power_of_attorney',
      authorityDocument: 'Доверенность 16 АА 1234567 от 01.02.2026',
      authorityValidUntil: today,
    };
    expect(problemsOf(representative, ok)).toEqual({});
    expect(problemsOf(representative, { ...ok, authorityValidUntil: '2026-12-01' })).toEqual({
      'representative.authorityValidUntil': 'Срок действия истёк',
    });
    // A legal representative has no power of attorney: its date is dropped.
    expect(
      valueOf(representative, { ...ok, authorityKind: 'law', authorityValidUntil: '2020-01-01' }),
    ).not.toHaveProperty('authorityValidUntil');
    expect(problemsOf(representative, { ...ok, authorityKind: 'friend' })).toEqual({
      'representative.authorityKind': 'Недопустимое значение',
    });
  });

  it('the fixture form: a representative only when the box is ticked', () => {
    const fixture = fixtureDefinition().form;
    const base = {
      applicant: { kind: 'individual', lastName: 'Иванов', firstName: 'Иван', identityDocument: 'Паспорт' },
      purpose: 'sale',
      cadastral: '16:50:011105:123',
      copies: 1,
      files: ['file-1'],
    };
    const clean = validateSubmission(fixture, base, { today });
    expect(clean.problems).toEqual([]);
    expect(clean.values).not.toHaveProperty('representative');
    expect(clean.values.by_representative).toBe(false);
    const withRep = validateSubmission(fixture, { ...base, by_representative: true }, { today });
    expect(withRep.problems.map((p) => p.field)).toEqual([
      'representative.lastName',
      'representative.firstName',
      'representative.identityDocument',
      'representative.authorityKind',
      'representative.authorityDocument',
    ]);
    const missing = validateSubmission(fixture, { purpose: 'other' }, { today });
    expect(missing.problems.map((p) => p.field)).toEqual([
      'applicant.kind',
      'purpose_other',
      'cadastral',
      'copies',
      'files',
    ]);
  });

  it('never throws and always names known fields, whatever arrives', () => {
    const fixture = fixtureDefinition().form;
    const keys = fixture.sections.flatMap((s) => s.fields.map((f) => f.key));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys, 'stray'), fc.jsonValue()), (input) => {
        const result = validateSubmission(fixture, input, { today });
        for (const p of result.problems) {
          expect(
            keys.includes(p.field.split('.')[0]!) || p.field === 'stray' || p.field.startsWith('stray'),
          ).toBe(true);
          expect(p.message.length).toBeGreaterThan(0);
        }
        for (const key of Object.keys(result.values)) expect(keys).toContain(key);
      }),
      { numRuns: 300 },
    );
  });

  it('every sample form: an empty submission is refused only for what is required', () => {
    for (const { name, definition } of [...catalogDefinitions().data, ...catalogDefinitions().fixtures]) {
      const result = validateSubmission(definition.form, {}, { today });
      const fields = definition.form.sections.flatMap((s) => s.fields);
      for (const problem of result.problems) {
        expect(problem.message, `${name}: ${problem.field}`).toBe(REQUIRED_MESSAGE);
        const key = problem.field.split('.')[0]!;
        expect(fields.find((f) => f.key === key)?.required, `${name}: ${problem.field}`).toBe(true);
      }
      expect(result.problems.length, name).toBeGreaterThan(0);
    }
  });
});
