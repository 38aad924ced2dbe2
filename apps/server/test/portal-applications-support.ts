import { expect } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { recordStatus } from '../src/modules/applications/statuses.js';
import { InjectBrowser, signInThroughEmulator } from './esia-browser.js';
import type { TestApp } from './harness.js';

/** An applicant signed in on the portal: requests with the portal cookie and the session's CSRF token. */
export interface PortalAgent {
  applicantId: string;
  municipalityId: string;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<{
    statusCode: number;
    body: string;
    json: <T = unknown>() => T;
    raw: Buffer;
    headers: Record<string, unknown>;
  }>;
  /** The request must answer `status`; its JSON body. */
  ok<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    status?: number,
  ): Promise<T>;
}

interface PortalSession {
  applicant: { id: string };
  municipality: { id: string };
  csrfToken: string;
}

/** Signs in on the portal through the emulator as the demo applicant with this last name. */
export async function portalAs(t: TestApp, lastName: string): Promise<PortalAgent> {
  const browser = new InjectBrowser(t.app);
  await signInThroughEmulator(browser, '/api/v1/portal/auth/esia', `${lastName} `);
  const session = (await browser.get('/api/v1/portal/session')).json<PortalSession>();
  const agent: PortalAgent = {
    applicantId: session.applicant.id,
    municipalityId: session.municipality.id,
    async request(method, url, payload, headers) {
      const res = await t.app.inject({
        method,
        url,
        cookies: Object.fromEntries(browser.cookies),
        headers: { 'x-csrf-token': session.csrfToken, ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      return {
        statusCode: res.statusCode,
        body: res.body,
        json: <T>() => res.json<T>(),
        raw: res.rawPayload,
        headers: res.headers,
      };
    },
    async ok<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, status = 200) {
      const res = await agent.request(method, url, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
      return (res.body === '' ? {} : res.json()) as T;
    },
  };
  return agent;
}

/** An upload of the applicant's, as the portal's file route records it (the bytes are not needed here). */
export async function uploadedFile(t: TestApp, municipalityId: string, applicantId: string): Promise<string> {
  return inTenant(t.database, municipalityId, async (tx) => {
    const row = await tx
      .insertInto('applicationFiles')
      .values({
        municipalityId,
        ownerApplicantId: applicantId,
        fileName: 'Проект.pdf',
        mediaType: 'application/pdf',
        size: 1024,
        sha256: 'a'.repeat(64),
        storageKey: `sha256/${'a'.repeat(64)}`,
        scanStatus: 'clean',
        retainUntil: '2040-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/**
 * «Принять» as the workplace records it: number, case with its term, receipt, the status told to the
 * applicant.
 */
export async function acceptInDatabase(
  t: TestApp,
  input: {
    municipalityId: string;
    applicationId: string;
    employeeId: string;
    registrationNumber: string;
    dueDate: string;
    ownerApplicantId: string;
    label: string;
  },
): Promise<void> {
  const receipt = Buffer.from('%PDF-1.4 расписка');
  const stored = await t.context.files.put(receipt);
  await inTenant(t.database, input.municipalityId, async (tx) => {
    const app = await tx
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', input.applicationId)
      .executeTakeFirstOrThrow();
    const document = await tx
      .insertInto('documents')
      .values({
        municipalityId: input.municipalityId,
        title: `Расписка ${input.registrationNumber}`,
        fileName: 'Расписка.pdf',
        mediaType: 'application/pdf',
        size: receipt.length,
        sha256: stored.sha256,
        streebog256: 'b'.repeat(64),
        storageKey: stored.key,
        createdBy: input.employeeId,
        retainUntil: '2099-01-01',
        orgUnitId: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const now = new Date();
    await tx
      .updateTable('applications')
      .set({
        status: 'accepted',
        registrationNumber: input.registrationNumber,
        registrationYear: now.getFullYear(),
        registrationSeq: Number(input.registrationNumber.split('/')[0]),
        registeredAt: now,
        acceptedBy: input.employeeId,
        receiptDocumentId: document.id,
      })
      .where('id', '=', input.applicationId)
      .execute();
    const opened = await tx
      .insertInto('cases')
      .values({
        municipalityId: input.municipalityId,
        applicationId: input.applicationId,
        serviceId: app.serviceId,
        serviceVersionId: app.serviceVersionId,
        registrationNumber: input.registrationNumber,
        orgUnitId: app.orgUnitId,
        stageKey: 'intake',
        dueDate: input.dueDate,
        openedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('applications')
      .set({ caseId: opened.id })
      .where('id', '=', input.applicationId)
      .execute();
    await recordStatus(tx, {
      municipalityId: input.municipalityId,
      applicationId: input.applicationId,
      status: 'accepted',
      employeeId: input.employeeId,
      ownerApplicantId: input.ownerApplicantId,
      applicationLabel: input.label,
      at: now,
    });
  });
}

/** `YYYY-MM-DD` of a day `days` calendar days from now. */
export function daysAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
