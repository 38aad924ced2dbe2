import type { ApplicantRecordInput } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import {
  assertAuthority,
  getApplicantRecord,
  heldDocumentsOf,
  holdDocument,
  recordForEsiaApplicant,
} from '../src/modules/applicant-registry/index.js';
import { AppError } from '../src/platform/errors.js';
import { appWith, type Agent, type TestApp } from './harness.js';
import { testApp } from './harness.js';
import { authority, grant, person, register, snils } from './registry-support.js';

const TODAY = '2026-12-02';

describe('applicants registry: the functions other modules call', () => {
  let t: TestApp;
  let employee: Agent;
  let kazan: string;

  beforeAll(async () => {
    ({
      t,
      as: [employee],
    } = await appWith(
      testApp({}, () => new Date(`${TODAY}T09:00:00Z`)),
      'Галиева',
    ));
    kazan = employee.municipalityId;
  });
  afterAll(() => t.close());

  const inKazan = <T>(work: Parameters<typeof inTenant<T>>[2]) => inTenant(t.database, kazan, work);

  async function esiaPerson(over: { snils: string; trusted: boolean; lastName: string }) {
    const row = await t.database.system
      .insertInto('applicants')
      .values({
        esiaOid: `test-${Math.random()}`,
        lastName: over.lastName,
        firstName: 'Тимур',
        middleName: 'Ренатович',
        birthDate: '1990-02-03',
        gender: 'M',
        snils: over.snils,
        inn: null,
        passportSeries: '9212',
        passportNumber: '345678',
        passportIssueDate: '2010-03-04',
        passportIssuedBy: 'МВД по Республике Татарстан',
        passportDivisionCode: '160-001',
        registrationAddress: 'г. Казань, ул. Баумана, д. 1',
        residenceAddress: null,
        email: 't@example.test',
        mobile: '+79170000000',
        esiaTrusted: over.trusted,
        esiaUpdatedAt: new Date(),
        updatedAt: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('getApplicantRecord gives the record with its data; undefined for an unknown id', async () => {
    const id = await register(employee, person({ lastName: 'Функционалов', snils: snils('400000001') }));
    const record = await inKazan((tx) => getApplicantRecord(tx, id));
    expect(record).toMatchObject({
      id,
      kind: 'individual',
      displayName: 'Функционалов Пётр Ильич',
      birthDate: '1980-05-17',
      applicantId: null,
    });
    expect((record?.data as ApplicantRecordInput & { lastName: string }).lastName).toBe('Функционалов');
    expect(
      await inKazan((tx) => getApplicantRecord(tx, '00000000-0000-4000-8000-000000000000')),
    ).toBeUndefined();
  });

  it('recordForEsiaApplicant: links a record of the same СНИЛС when ESIA confirmed it, then keeps returning it', async () => {
    const s = snils('400000002');
    const recordId = await register(employee, person({ lastName: 'Связанный', snils: s }));
    const applicantId = await esiaPerson({ snils: s, trusted: true, lastName: 'Связанный' });
    const linked = await inKazan((tx) =>
      recordForEsiaApplicant(tx, { municipalityId: kazan, applicantId, actorId: null }),
    );
    expect(linked).toBe(recordId);
    expect((await inKazan((tx) => getApplicantRecord(tx, recordId)))?.applicantId).toBe(applicantId);
    expect(
      await inKazan((tx) =>
        recordForEsiaApplicant(tx, { municipalityId: kazan, applicantId, actorId: null }),
      ),
    ).toBe(recordId);
    const entries = await t.database.system
      .selectFrom('journalEntries')
      .select('action')
      .where('objectId', '=', recordId)
      .execute();
    expect(entries.map((e) => e.action)).toContain('applicant.linked');
  });

  it('recordForEsiaApplicant: an unconfirmed account gets a record of its own from the ESIA profile', async () => {
    const s = snils('400000003');
    const staffRecord = await register(employee, person({ lastName: 'Неподтверждённый', snils: s }));
    const applicantId = await esiaPerson({ snils: s, trusted: false, lastName: 'Неподтверждённый' });
    const id = await inKazan((tx) =>
      recordForEsiaApplicant(tx, { municipalityId: kazan, applicantId, actorId: null }),
    );
    expect(id).not.toBe(staffRecord);
    const record = await inKazan((tx) => getApplicantRecord(tx, id));
    expect(record).toMatchObject({ kind: 'individual', applicantId, birthDate: '1990-02-03' });
    expect(record?.data).toMatchObject({
      lastName: 'Неподтверждённый',
      identityDocument: { type: 'passport_rf', series: '9212', number: '345678' },
    });
  });

  it('holdDocument and heldDocumentsOf: valid documents only, with their source', async () => {
    const id = await register(employee, person({ lastName: 'Документов' }));
    await inKazan(async (tx) => {
      const base = {
        municipalityId: kazan,
        applicantRecordId: id,
        source: 'registry' as const,
        sourceApplicationId: null,
        fileId: null,
        createdBy: employee.employeeId,
      };
      await holdDocument(tx, {
        ...base,
        documentType: 'passport_rf',
        title: 'Паспорт 9212 345678',
        validUntil: null,
        receivedAt: new Date('2026-01-10T10:00:00Z'),
      });
      await holdDocument(tx, {
        ...base,
        documentType: 'power_of_attorney',
        title: 'Старая доверенность',
        validUntil: '2026-12-01',
        receivedAt: new Date('2025-01-10T10:00:00Z'),
      });
      await holdDocument(tx, {
        ...base,
        documentType: 'power_of_attorney',
        title: 'Доверенность до конца дня',
        validUntil: TODAY,
        receivedAt: new Date('2026-02-10T10:00:00Z'),
      });
    });
    const held = await inKazan((tx) => heldDocumentsOf(tx, id, TODAY));
    expect(held.map((d) => d.title)).toEqual(['Доверенность до конца дня', 'Паспорт 9212 345678']);
    expect(held[1]).toMatchObject({
      source: 'registry',
      sourceLabel: 'Внесён в реестр заявителей',
      file: null,
    });
    expect(held[1]?.documentTypeName).not.toBe('');
  });

  it('assertAuthority: passes valid grounds, refuses with 422 authority_invalid and the reason', async () => {
    const applicantId = await register(employee, person({ lastName: 'Доверитель' }));
    const representativeId = await register(
      employee,
      person({ lastName: 'Поверенный', birthDate: '1975-01-01' }),
    );
    const other = await register(employee, person({ lastName: 'Посторонний', birthDate: '1970-01-01' }));
    const authorityId = await grant(
      employee,
      authority({ applicantId, representativeId, documentDate: '2026-06-01', validUntil: '2027-06-01' }),
    );
    const service = { id: '00000000-0000-4000-8000-000000000001', name: 'Выдача справки' };
    await inKazan((tx) =>
      assertAuthority(tx, {
        authorityId,
        applicantRecordId: applicantId,
        representativeRecordId: representativeId,
        service,
        today: TODAY,
      }),
    );
    const refusal = await inKazan((tx) =>
      assertAuthority(tx, {
        authorityId,
        applicantRecordId: applicantId,
        representativeRecordId: representativeId,
        service,
        today: '2027-06-02',
      }),
    ).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'authority_invalid', status: 422 });
    expect((refusal as AppError).extra?.problem).toBe(
      'Срок действия доверенности № 16 АА 1234567 истёк 01.06.2027',
    );
    const notBetween = await inKazan((tx) =>
      assertAuthority(tx, {
        authorityId,
        applicantRecordId: applicantId,
        representativeRecordId: other,
        service,
        today: TODAY,
      }),
    ).catch((e: unknown) => e);
    expect(notBetween).toMatchObject({ code: 'authority_invalid' });
    expect((notBetween as AppError).extra?.problem).toMatch(/не связывает/);
  });
});
