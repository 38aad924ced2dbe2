import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ApplicantRecordInputSchema,
  authorityEnds,
  authorityProblem,
  formatRegistrationNumber,
  isValidInnLegalEntity,
  isValidInnPerson,
  isValidKpp,
  isValidOgrn,
  isValidOgrnip,
  normalizePassportRf,
  type AuthorityCheck,
} from '@uslugi/contracts';

// Identifiers of applicants (ИНН, ОГРН, ОГРНИП, КПП) and the grounds of representatives: the pure rules
// the registry and intake apply; the API tests check that the server says the same.

const person = {
  lastName: 'Иванов',
  firstName: 'Иван',
  middleName: null,
  birthDate: '1980-01-01',
  snils: null,
  identityDocument: null,
  registrationAddress: null,
  residenceAddress: null,
  phone: null,
  email: null,
};

function problemsOf(input: unknown): [string, string][] {
  const parsed = ApplicantRecordInputSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message]);
}

describe('identifiers of applicants', () => {
  it('accepts published valid numbers', () => {
    expect(isValidInnLegalEntity('7707083893')).toBe(true);
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(isValidInnPerson('500100732259')).toBe(true);
    expect(isValidOgrnip('304500116000157')).toBe(true);
    expect(isValidKpp('773601001')).toBe(true);
    expect(isValidKpp('7736AB001')).toBe(true);
    expect(isValidKpp('7736ab001')).toBe(false);
    expect(isValidKpp('77360100')).toBe(false);
  });

  it('a changed control digit of ИНН, ОГРН or ОГРНИП is caught', () => {
    const valid = ['7707083893', '1027700132195', '500100732259', '304500116000157'];
    const check = [isValidInnLegalEntity, isValidOgrn, isValidInnPerson, isValidOgrnip];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 9 }), (k, shift) => {
        const number = valid[k]!;
        const control = String((Number(number.at(-1)) + shift) % 10);
        expect(check[k]!(number.slice(0, -1) + control)).toBe(false);
      }),
    );
  });

  it('the registry refuses each invalid identifier and names its field', () => {
    expect(
      problemsOf({ kind: 'sole_proprietor', ...person, inn: '500100732250', ogrnip: '304500116000158' }),
    ).toEqual([
      ['inn', 'Неверное контрольное число'],
      ['ogrnip', 'Неверное контрольное число'],
    ]);
    const entity = {
      kind: 'legal_entity',
      organizationName: 'Публичное акционерное общество «Сбербанк России»',
      shortName: 'ПАО Сбербанк',
      ogrn: '1027700132195',
      inn: '7707083893',
      kpp: '773601001',
      headName: 'Греф Герман Оскарович',
      headPosition: null,
      legalAddress: null,
      phone: null,
      email: null,
    };
    expect(problemsOf(entity)).toEqual([]);
    expect(problemsOf({ ...entity, ogrn: '1027700132196', inn: '770708389', kpp: '77360100' })).toEqual([
      ['ogrn', 'Неверное контрольное число'],
      ['inn', 'Должно быть 10 цифр'],
      ['kpp', '9 знаков: 4 цифры, 2 цифры или латинские буквы, 3 цифры'],
    ]);
    expect(problemsOf({ kind: 'individual', ...person, inn: '7707083893' })).toEqual([
      ['inn', 'Должно быть 12 цифр'],
    ]);
    // Spaces and dashes typed between digits are dropped, not refused.
    const parsed = ApplicantRecordInputSchema.parse({ ...entity, inn: '7707 083 893', kpp: '7736 01 001' });
    expect(parsed).toMatchObject({ inn: '7707083893', kpp: '773601001' });
  });

  it('a passport of a citizen of Russia is 4 + 6 digits', () => {
    expect(normalizePassportRf('92 04 123456')).toEqual({ series: '9204', number: '123456' });
    expect(normalizePassportRf('9204 12345')).toBeNull();
    const document = {
      type: 'passport_rf',
      series: '9204',
      number: '12345',
      issuedBy: 'МВД по Республике Татарстан',
      issuedOn: '2010-05-05',
      divisionCode: '160-001',
    };
    expect(problemsOf({ kind: 'individual', ...person, inn: null, identityDocument: document })).toEqual([
      ['identityDocument.number', 'Паспорт РФ: серия 4 цифры, номер 6 цифр'],
    ]);
  });
});

describe('grounds of a representative', () => {
  const base: AuthorityCheck = {
    authority: {
      kind: 'power_of_attorney',
      documentNumber: '16 АА 1234567',
      documentDate: '2026-01-15',
      validUntil: null,
      serviceIds: [],
      revokedAt: null,
    },
    applicant: { kind: 'individual', birthDate: '1970-03-01' },
    service: { id: 'svc-1', name: 'Присвоение адреса объекту адресации' },
    today: '2026-12-02',
  };
  const withAuthority = (patch: Partial<AuthorityCheck['authority']>, rest: Partial<AuthorityCheck> = {}) =>
    authorityProblem({ ...base, ...rest, authority: { ...base.authority, ...patch } });

  it('a power of attorney without a term is valid a year from its date (ГК РФ ст. 186)', () => {
    expect(authorityEnds(base.authority)).toBe('2027-01-14');
    expect(withAuthority({})).toBeNull();
    expect(withAuthority({}, { today: '2027-01-14' })).toBeNull();
    expect(withAuthority({}, { today: '2027-01-15' })).toBe(
      'Срок действия доверенности № 16 АА 1234567 истёк 14.01.2027',
    );
  });

  it('an expired, future, revoked or out-of-scope power of attorney blocks intake', () => {
    expect(withAuthority({ validUntil: '2026-12-01' })).toBe(
      'Срок действия доверенности № 16 АА 1234567 истёк 01.12.2026',
    );
    expect(withAuthority({ documentDate: '2026-12-03' })).toContain('ещё не действует');
    expect(withAuthority({ revokedAt: '2026-11-01T10:00:00Z' })).toBe(
      'Основание представительства № 16 АА 1234567 отменено',
    );
    expect(withAuthority({ serviceIds: ['svc-2'] })).toBe(
      'Доверенность № 16 АА 1234567 не распространяется на услугу «Присвоение адреса объекту адресации»',
    );
    expect(withAuthority({ serviceIds: ['svc-2', 'svc-1'] })).toBeNull();
  });

  it('a parent represents a minor until the eighteenth birthday', () => {
    const law = { kind: 'law' as const, documentNumber: null, documentDate: null };
    expect(withAuthority(law, { applicant: { kind: 'individual', birthDate: '2008-12-03' } })).toBeNull();
    expect(withAuthority(law, { applicant: { kind: 'individual', birthDate: '2008-12-02' } })).toBe(
      'Заявитель совершеннолетний: законное представительство несовершеннолетнего прекратилось',
    );
    expect(withAuthority(law, { applicant: { kind: 'individual', birthDate: null } })).toContain(
      'не указана дата рождения',
    );
  });

  it('a head acts without a power of attorney only for an organisation', () => {
    const head = { kind: 'organization_head' as const };
    expect(withAuthority(head, { applicant: { kind: 'legal_entity', birthDate: null } })).toBeNull();
    expect(withAuthority(head)).toBe('Руководитель действует без доверенности только от имени организации');
  });
});

describe('registration numbers', () => {
  it('renders the municipality’s format', () => {
    const parts = { seq: 42, date: '2026-12-02', serviceCode: 'address' };
    expect(formatRegistrationNumber('{seq:5}/{yyyy}', parts)).toBe('00042/2026');
    expect(formatRegistrationNumber('{service}-{yy}{mm}{dd}-{seq}', parts)).toBe('address-261202-42');
    expect(formatRegistrationNumber('МУ-{seq:3}', { ...parts, seq: 1234 })).toBe('МУ-1234');
  });
});
