import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { signInAs, testApp, type Agent, type TestApp } from './harness.js';

/** A working Wednesday, 10:00 Moscow time: what "now" is in the intake tests unless a test moves it. */
export const NOW = new Date('2026-12-02T07:00:00Z');

export interface IntakeWorld {
  t: TestApp;
  clock: { now: Date };
  /** Kazan, unit «Отдел подготовки градостроительных планов» (the ГПЗУ service's responsible unit). */
  petrov: Agent;
}

export async function intakeWorld(): Promise<IntakeWorld> {
  const clock = { now: NOW };
  const t = await testApp({}, () => clock.now);
  const petrov = await signInAs(t, 'Петров');
  return { t, clock, petrov };
}

export async function serviceIdOf(t: TestApp, municipalityId: string, code: string): Promise<string> {
  return inTenant(t.database, municipalityId, async (tx) => {
    const row = await tx
      .selectFrom('services')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** A record of the applicants registry, entered at the front desk. */
export async function applicantRecord(
  agent: Agent,
  name = { lastName: 'Смирнов', firstName: 'Алексей', middleName: 'Иванович' },
): Promise<string> {
  const res = await agent.request({
    method: 'POST',
    url: '/api/v1/arm/applicants',
    payload: {
      duplicatesSeen: true,
      record: {
        kind: 'individual',
        ...name,
        birthDate: '1980-05-14',
        snils: null,
        inn: null,
        identityDocument: {
          type: 'passport_rf',
          series: '9200',
          number: String(100000 + Math.floor(Math.random() * 899999)),
          issuedBy: 'МВД по Республике Татарстан',
          issuedOn: '2020-02-01',
          divisionCode: '160-001',
        },
        registrationAddress: null,
        residenceAddress: null,
        phone: null,
        email: null,
      },
    },
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return (res.json() as { id: string }).id;
}

/** Grounds of a representative to act for an applicant (a power of attorney). */
export async function authority(
  agent: Agent,
  input: { applicantId: string; representativeId: string; validUntil: string | null; serviceIds?: string[] },
): Promise<string> {
  const res = await agent.request({
    method: 'POST',
    url: '/api/v1/arm/authorities',
    payload: {
      applicantId: input.applicantId,
      representativeId: input.representativeId,
      kind: 'power_of_attorney',
      documentNumber: '16 АА 1234567',
      documentDate: '2025-01-10',
      validUntil: input.validUntil,
      serviceIds: input.serviceIds ?? [],
      scopeText: 'Представлять интересы в органах местного самоуправления',
    },
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return (res.json() as { id: string }).id;
}

/** A portal applicant (signed in through ESIA once). */
export async function portalApplicant(t: TestApp): Promise<string> {
  const row = await t.database.system
    .insertInto('applicants')
    .values({
      esiaOid: `test-${randomBytes(4).toString('hex')}`,
      lastName: 'Морозов',
      firstName: 'Павел',
      middleName: 'Андреевич',
      birthDate: null,
      gender: null,
      snils: null,
      inn: null,
      passportSeries: null,
      passportNumber: null,
      passportIssueDate: null,
      passportIssuedBy: null,
      passportDivisionCode: null,
      registrationAddress: null,
      residenceAddress: null,
      email: null,
      mobile: null,
      esiaUpdatedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A filled form of the ГПЗУ service (data/catalog/gpzu.json). */
export function gpzuValues(lastName = 'Смирнов') {
  return {
    applicant: {
      kind: 'individual',
      lastName,
      firstName: 'Алексей',
      middleName: 'Иванович',
      identityDocument: 'паспорт 9200 123456, выдан МВД по РТ 01.02.2020',
    },
    by_representative: false,
    land_cadastral_number: '16:50:011105:123',
    land_address: 'г. Казань, ул. Баумана, д. 1',
    right_kind: 'right_holder',
    delivery: 'in_person',
  };
}

export function paperBody(serviceId: string, applicantId: string, extra: Record<string, unknown> = {}) {
  return {
    serviceId,
    applicantId,
    representativeId: null,
    authorityId: null,
    values: gpzuValues(),
    checklist: [{ documentKey: 'application', presented: 'original', fileIds: [], sheets: 2 }],
    receivedAt: null,
    ...extra,
  };
}

/** A portal application submitted and awaiting intake, as the portal's submission leaves it. */
export async function submittedApplication(
  t: TestApp,
  municipalityId: string,
  input: { serviceId: string; ownerApplicantId: string; submittedAt: Date },
): Promise<string> {
  return inTenant(t.database, municipalityId, async (tx) => {
    const version = await tx
      .selectFrom('serviceVersions')
      .select('id')
      .where('serviceId', '=', input.serviceId)
      .where('state', '=', 'published')
      .executeTakeFirstOrThrow();
    const service = await tx
      .selectFrom('serviceVersions')
      .select('definition')
      .where('id', '=', version.id)
      .executeTakeFirstOrThrow();
    const unit = (service.definition as { card: { responsibleUnitRef: string } }).card.responsibleUnitRef;
    const row = await tx
      .insertInto('applications')
      .values({
        municipalityId,
        channel: 'portal',
        status: 'submitted',
        serviceId: input.serviceId,
        serviceVersionId: version.id,
        orgUnitId: unit,
        ownerApplicantId: input.ownerApplicantId,
        values: JSON.stringify(gpzuValues('Морозов')),
        submittedAt: input.submittedAt,
        receivedAt: input.submittedAt,
        createdAt: input.submittedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('applicationStatusChanges')
      .values({
        municipalityId,
        applicationId: row.id,
        status: 'submitted',
        epguCode: 2,
        at: input.submittedAt,
      })
      .execute();
    return row.id;
  });
}

export async function expectStatus(res: { statusCode: number; body: string }, status: number): Promise<void> {
  expect(res.statusCode, res.body).toBe(status);
}
