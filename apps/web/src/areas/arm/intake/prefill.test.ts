import type { ApplicantRecord, Authority } from '@uslugi/contracts';
import { describe, expect, it } from 'vitest';
import { FORM } from '../../../test/catalog-fixtures';
import { deskInitialValues } from './prefill';

const record = (id: string, data: Record<string, unknown>): ApplicantRecord => ({
  id,
  kind: 'individual',
  displayName: `${String(data.lastName)} ${String(data.firstName)}`,
  data: { kind: 'individual', ...data },
  esiaLinked: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

const MOROZOV = record('r1', {
  lastName: 'Морозов',
  firstName: 'Алексей',
  middleName: 'Игоревич',
  birthDate: '1985-04-12',
  snils: '112-233-445 95',
  identityDocument: {
    type: 'passport_rf',
    series: '9205',
    number: '123456',
    issuedBy: 'МВД по Республике Татарстан',
    issuedOn: '2015-05-20',
    divisionCode: '160-001',
  },
  registrationAddress: 'г. Казань, ул. Баумана, 1',
  phone: null,
  email: 'a.morozov@mail.example',
});
const BELOVA = record('r2', {
  lastName: 'Белова',
  firstName: 'Анна',
  middleName: null,
  identityDocument: null,
});
const AUTHORITY = {
  id: 'au1',
  kind: 'power_of_attorney',
  documentNumber: '16 АА 1234567',
  documentDate: '2026-03-01',
  validUntil: '2027-03-01',
} as Authority;

describe('the desk form starts from the registry', () => {
  it('fills the applicant’s and the representative’s blocks and ticks «подаёт представитель»', () => {
    const values = deskInitialValues(FORM, MOROZOV, { representative: BELOVA, authority: AUTHORITY });
    expect(values.applicant).toEqual({
      kind: 'individual',
      lastName: 'Морозов',
      firstName: 'Алексей',
      middleName: 'Игоревич',
      birthDate: '1985-04-12',
      snils: '112-233-445 95',
      identityDocument:
        'Паспорт гражданина РФ, серия 9205 № 123456, выдан МВД по Республике Татарстан, 20.05.2015, код подразделения 160-001',
      address: 'г. Казань, ул. Баумана, 1',
      email: 'a.morozov@mail.example',
    });
    expect(values.by_representative).toBe(true);
    expect(values.representative).toEqual({
      lastName: 'Белова',
      firstName: 'Анна',
      authorityKind: 'power_of_attorney',
      authorityDocument: 'Доверенность № 16 АА 1234567 от 01.03.2026',
      authorityValidUntil: '2027-03-01',
    });
    expect(deskInitialValues(FORM, MOROZOV, null).by_representative).toBeUndefined();
  });
});
