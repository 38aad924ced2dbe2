import type { Consultation, ConsultationList } from '@uslugi/contracts';
import { expect } from 'vitest';
import type { Agent } from './harness.js';

export interface ErrorBody {
  code: string;
  message: string;
  fields?: Array<{ path: string; message: string }>;
}

export const BASE = '/api/v1/arm/consultations';

/** The municipality's services by code, as the agent's catalog lists them. */
export async function serviceIds(agent: Agent): Promise<Record<string, string>> {
  const res = await agent.request({ method: 'GET', url: '/api/v1/catalog/services' });
  expect(res.statusCode, res.body).toBe(200);
  const { items } = res.json() as { items: Array<{ id: string; code: string }> };
  return Object.fromEntries(items.map((s) => [s.code, s.id]));
}

export function startPayload(serviceId: string, extra: Record<string, unknown> = {}) {
  return {
    channel: 'in_person',
    applicantId: null,
    representativeId: null,
    serviceId,
    subject: 'documents',
    startedAt: null,
    ...extra,
  };
}

export function finishPayload(extra: Record<string, unknown> = {}) {
  return {
    explainedDocuments: ['application'],
    termExplained: true,
    summary: 'Разъяснён перечень документов и срок предоставления услуги',
    endedAt: null,
    ...extra,
  };
}

export async function register(agent: Agent, payload: unknown): Promise<Consultation> {
  const res = await agent.request({ method: 'POST', url: BASE, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Consultation;
}

export async function list(agent: Agent, query = ''): Promise<ConsultationList> {
  const res = await agent.request({ method: 'GET', url: `${BASE}${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ConsultationList;
}
