import { snilsWithControl, type ApplicantRecordInput, type AuthorityInput } from '@uslugi/contracts';
import { expect } from 'vitest';
import type { Agent } from './harness.js';

/** The last digit of ИНН/ОГРН from the others (docs/protocols/identifiers.md). */
function checkDigit(digits: string, weights: number[]): number {
  return (weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0) % 11) % 10;
}
export function personInn(ten: string): string {
  const eleven = ten + String(checkDigit(ten, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
  return eleven + String(checkDigit(eleven, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
}
export function organizationInn(nine: string): string {
  return nine + String(checkDigit(nine, [2, 4, 10, 3, 5, 9, 4, 6, 8]));
}
export function ogrn(twelve: string): string {
  return twelve + String(Number(BigInt(twelve) % 11n) % 10);
}
export function ogrnip(fourteen: string): string {
  return fourteen + String(Number(BigInt(fourteen) % 13n) % 10);
}

export function person(
  over: Partial<Extract<ApplicantRecordInput, { kind: 'individual' }>> = {},
): ApplicantRecordInput {
  return {
    kind: 'individual',
    lastName: 'Сидоров',
    firstName: 'Пётр',
    middleName: 'Ильич',
    birthDate: '1980-05-17',
    snils: null,
    identityDocument: null,
    registrationAddress: null,
    residenceAddress: null,
    phone: null,
    email: null,
    inn: null,
    ...over,
  };
}

export function organization(
  over: Partial<Extract<ApplicantRecordInput, { kind: 'legal_entity' }>> = {},
): ApplicantRecordInput {
  return {
    kind: 'legal_entity',
    organizationName: 'Общество с ограниченной ответственностью «Ромашка»',
    shortName: 'ООО «Ромашка»',
    ogrn: ogrn('102160000011'),
    inn: organizationInn('165000001'),
    kpp: '165001001',
    headName: 'Лаптев Олег Сергеевич',
    headPosition: 'Генеральный директор',
    legalAddress: null,
    phone: null,
    email: null,
    ...over,
  };
}

export const snils = snilsWithControl;

export async function register(
  agent: Agent,
  record: ApplicantRecordInput,
  duplicatesSeen = true,
): Promise<string> {
  const res = await agent.request({
    method: 'POST',
    url: '/api/v1/arm/applicants',
    payload: { record, duplicatesSeen },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

export function authority(
  over: Partial<AuthorityInput> & Pick<AuthorityInput, 'applicantId' | 'representativeId'>,
): AuthorityInput {
  return {
    kind: 'power_of_attorney',
    documentNumber: '16 АА 1234567',
    documentDate: '2026-06-01',
    validUntil: null,
    serviceIds: [],
    scopeText: 'Подавать заявления и получать результаты',
    ...over,
  };
}

export async function grant(agent: Agent, input: AuthorityInput): Promise<string> {
  const res = await agent.request({ method: 'POST', url: '/api/v1/arm/authorities', payload: input });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}
