import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acceptance, PortalApplication, PortalApplicationList } from '@uslugi/contracts';
import { inTenant } from '../src/db/tenant.js';
import {
  caseCommandOk,
  caseWorld,
  PIN,
  STAFF,
  storedCase,
  toDecision,
  withCertificates,
  type CaseWorld,
  type OpenedCase,
} from './cases-support.js';
import { journalOf } from './case-requests-support.js';
import { paperBody, serviceIdOf, submittedApplication } from './intake-support.js';
import { portalAs, type PortalAgent } from './portal-applications-support.js';
import { runRenderJobs } from './render-support.js';

// The applicant's side of a case (000 item 3.3): withdrawal before the signature, the case in the
// application's view, the signed result and its signature, paper applications of the linked record.

let world: CaseWorld;
let kazan: string;
let morozov: PortalAgent;
const BASE = '/api/v1/portal/applications';

async function submitted(): Promise<string> {
  return submittedApplication(world.t, kazan, {
    serviceId: await serviceIdOf(world.t, kazan, 'gpzu'),
    ownerApplicantId: morozov.applicantId,
    submittedAt: world.clock.now,
  });
}

async function accepted(): Promise<OpenedCase> {
  const applicationId = await submitted();
  const petrov = await world.agent(STAFF.kazan.employee);
  const res = await petrov.request({
    method: 'POST',
    url: `/api/v1/arm/applications/${applicationId}/accept`,
  });
  expect(res.statusCode, res.body).toBe(200);
  const acceptance = res.json() as Acceptance;
  return {
    caseId: acceptance.caseId,
    applicationId,
    registrationNumber: acceptance.registrationNumber,
    municipalityId: kazan,
  };
}

/** Assigned to Петров, decided to grant, signed by Никитина. */
async function signed(opened: OpenedCase): Promise<void> {
  const petrov = await world.agent(STAFF.kazan.employee);
  await caseCommandOk(petrov, opened.caseId, 'assign-to-me');
  await toDecision(world, opened, petrov, 'gpzu');
  await caseCommandOk(petrov, opened.caseId, 'decision', { actionKey: 'grant', grounds: [], text: 'Выдать' });
  await caseCommandOk(await world.agent(STAFF.kazan.approver), opened.caseId, 'approve', { pin: PIN });
}

const view = (id: string) => morozov.ok<PortalApplication>('GET', `${BASE}/${id}`);

beforeAll(async () => {
  world = await caseWorld();
  kazan = await world.municipalityId('kazan');
  morozov = await portalAs(world.t, 'Морозов');
  expect(morozov.municipalityId).toBe(kazan);
  await withCertificates(world, [STAFF.kazan.approver]);
});
afterAll(() => world.t.close());

describe('withdrawal', () => {
  it('of a submitted application before intake: withdrawn, and intake then refuses it', async () => {
    const id = await submitted();
    expect(await view(id)).toMatchObject({
      status: 'submitted',
      case: null,
      canWithdraw: true,
      channel: 'portal',
    });
    const after = await morozov.ok<PortalApplication>('POST', `${BASE}/${id}/withdraw`);
    expect(after).toMatchObject({
      status: 'withdrawn',
      statusTitle: 'Заявление отозвано',
      canWithdraw: false,
    });
    expect(after.history.map((h) => h.status)).toEqual(['submitted', 'withdrawn']);
    expect(await journalOf(world, kazan, id, 'application.withdrawn')).toHaveLength(1);
    const petrov = await world.agent(STAFF.kazan.employee);
    const late = await petrov.request({ method: 'POST', url: `/api/v1/arm/applications/${id}/accept` });
    expect(late.statusCode, late.body).toBe(409);
  });

  it('of an accepted application closes its case as withdrawn, once under a repeated key', async () => {
    const opened = await accepted();
    const petrov = await world.agent(STAFF.kazan.employee);
    await caseCommandOk(petrov, opened.caseId, 'assign-to-me');
    expect((await view(opened.applicationId)).case).toEqual({
      stageTitle: 'Запрос сведений в органах и организациях',
      result: null,
      documents: [],
      canWithdraw: true,
    });

    const withdraw = () =>
      morozov.request('POST', `${BASE}/${opened.applicationId}/withdraw`, { reason: 'Передумал строить' });
    const withKey = () =>
      morozov.request(
        'POST',
        `${BASE}/${opened.applicationId}/withdraw`,
        { reason: 'Передумал строить' },
        { 'idempotency-key': 'withdraw-1' },
      );
    const [first, second] = await Promise.all([withKey(), withKey()]);
    expect([first.statusCode, second.statusCode], first.body).toEqual([200, 200]);
    expect(first.json()).toEqual(second.json());
    expect(first.json()).toMatchObject({
      status: 'withdrawn',
      canWithdraw: false,
      case: { stageTitle: null },
    });

    const row = await storedCase(world, kazan, opened.caseId);
    expect(row).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
    const closedJournal = await journalOf(world, kazan, opened.caseId, 'case.closed');
    expect(closedJournal).toHaveLength(1);
    expect(closedJournal[0]!.payload).toMatchObject({ outcome: 'withdrawn', reason: 'Передумал строить' });
    await inTenant(world.t.database, kazan, async (tx) => {
      const stage = await tx
        .selectFrom('caseStages')
        .select(['actionKey', 'leftAt', 'comment'])
        .where('caseId', '=', opened.caseId)
        .orderBy('enteredAt', 'desc')
        .executeTakeFirstOrThrow();
      expect(stage).toMatchObject({
        actionKey: 'withdraw',
        comment: 'Заявление отозвано заявителем: Передумал строить',
      });
      const terms = await tx
        .selectFrom('terms')
        .select('status')
        .where('id', 'in', [row.termId!, row.stageTermId!])
        .execute();
      expect(terms.map((t) => t.status)).toEqual(['closed', 'closed']);
      const requests = await tx
        .selectFrom('caseRequests')
        .select('status')
        .where('caseId', '=', opened.caseId)
        .execute();
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.every((r) => r.status === 'cancelled')).toBe(true);
      const told = await tx
        .selectFrom('notifications')
        .select('text')
        .where('recipientId', '=', petrov.employeeId)
        .where('objectId', '=', opened.caseId)
        .execute();
      expect(told.map((n) => n.text)).toContain(
        `Заявитель отозвал заявление № ${opened.registrationNumber}: предоставление услуги прекращено`,
      );
    });

    const again = await withdraw();
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ code: 'withdrawal_too_late' });
  });
});

describe('the signed result', () => {
  it('is shown with its signer, downloaded with its detached signature by the owner only', async () => {
    const opened = await accepted();
    await signed(opened);
    const card = await view(opened.applicationId);
    expect(card).toMatchObject({ status: 'granted', canWithdraw: false });
    expect(card.case).toMatchObject({
      stageTitle: null,
      canWithdraw: false,
      result: {
        signer: expect.stringContaining('Никитина') as unknown,
        downloadPath: `${BASE}/${opened.applicationId}/result`,
        signaturePath: `${BASE}/${opened.applicationId}/result.sig`,
      },
    });
    const result = card.case!.result!;

    const document = await morozov.request('GET', result.downloadPath);
    expect(document.statusCode, document.body).toBe(200);
    const stored = await inTenant(world.t.database, kazan, (tx) =>
      tx
        .selectFrom('documents')
        .select(['sha256', 'fileName'])
        .where('id', '=', result.documentId)
        .executeTakeFirstOrThrow(),
    );
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(document.raw).digest('hex')).toBe(stored.sha256);

    const signature = await morozov.request('GET', result.signaturePath);
    expect(signature.statusCode, signature.body).toBe(200);
    expect(signature.headers['content-type']).toBe('application/pkcs7-signature');
    expect(String(signature.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent(`${stored.fileName}.sig`)}`,
    );
    const der = await inTenant(world.t.database, kazan, (tx) =>
      tx
        .selectFrom('documentSignatures')
        .select('signature')
        .where('documentId', '=', result.documentId)
        .executeTakeFirstOrThrow(),
    );
    expect(Buffer.compare(signature.raw, Buffer.from(der.signature))).toBe(0);

    const late = await morozov.request('POST', `${BASE}/${opened.applicationId}/withdraw`);
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json()).toMatchObject({ code: 'withdrawal_too_late' });

    const stranger = await portalAs(world.t, 'Гарипов');
    expect((await stranger.request('GET', result.downloadPath)).statusCode).toBe(404);
    expect((await stranger.request('GET', result.signaturePath)).statusCode).toBe(404);
  });

  it('the applicant’s documents: the receipt, the signed result with its .sig and check, the notice; the owner’s only', async () => {
    const opened = await accepted();
    await signed(opened);
    // The notice of the outcome is made by the job after the approval commits (000 item 2.5).
    await runRenderJobs(world.t);
    const card = await view(opened.applicationId);
    const path = `${BASE}/${opened.applicationId}`;
    expect(card.receiptAvailable).toBe(true);
    expect(card.case?.documents.map((d) => d.kind)).toEqual(['result', 'applicant_notice']);
    const [result, notice] = card.case!.documents;
    expect(result).toMatchObject({
      downloadPath: `${path}/result`,
      signaturePath: `${path}/result.sig`,
      verifyPath: `/verify/${card.case!.result!.documentId}`,
    });
    expect(notice).toMatchObject({ downloadPath: `${path}/notice`, signaturePath: null, verifyPath: null });
    for (const url of [`${path}/receipt`, `${path}/result`, `${path}/result.sig`, `${path}/notice`]) {
      const res = await morozov.request('GET', url);
      expect(res.statusCode, url).toBe(200);
    }
    expect((await morozov.request('GET', `${path}/notice`)).raw.subarray(0, 5).toString()).toBe('%PDF-');
    // The QR code's check of the signed result: authentic, with no sign-in.
    const check = await world.t.app.inject({
      method: 'GET',
      url: `/api/v1/verify/documents/${card.case!.result!.documentId}`,
    });
    expect(check.json()).toMatchObject({ verdict: 'authentic' });

    const stranger = await portalAs(world.t, 'Гарипов');
    for (const url of [`${path}/receipt`, `${path}/result`, `${path}/result.sig`, `${path}/notice`]) {
      expect((await stranger.request('GET', url)).statusCode, url).toBe(404);
    }
  });

  it('is not there before the signature', async () => {
    const opened = await accepted();
    expect((await morozov.request('GET', `${BASE}/${opened.applicationId}/result`)).statusCode).toBe(404);
    expect((await morozov.request('GET', `${BASE}/${opened.applicationId}/result.sig`)).statusCode).toBe(404);
    expect((await morozov.request('GET', `${BASE}/${opened.applicationId}/notice`)).statusCode).toBe(404);
  });
});

describe('a paper application of the registry record linked to the applicant', () => {
  it('is listed and shown read-only; after the signature it waits for issue and cannot be withdrawn', async () => {
    // Accepting a portal application links the applicant to a record of the registry.
    await accepted();
    const record = await inTenant(world.t.database, kazan, (tx) =>
      tx
        .selectFrom('applicantRecords')
        .select('id')
        .where('applicantId', '=', morozov.applicantId)
        .executeTakeFirstOrThrow(),
    );
    const petrov = await world.agent(STAFF.kazan.employee);
    const res = await petrov.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/accept',
      payload: paperBody(await serviceIdOf(world.t, kazan, 'gpzu'), record.id),
    });
    expect(res.statusCode, res.body).toBe(201);
    const acceptance = res.json() as Acceptance;

    const list = await morozov.ok<PortalApplicationList>('GET', BASE);
    expect(list.items.find((i) => i.id === acceptance.applicationId)).toMatchObject({
      channel: 'paper',
      registrationNumber: acceptance.registrationNumber,
    });
    expect(await view(acceptance.applicationId)).toMatchObject({ channel: 'paper', canWithdraw: true });
    // Read-only: the portal's draft routes do not reach it.
    const edit = await morozov.request('PUT', `${BASE}/${acceptance.applicationId}`, { values: {} });
    expect(edit.statusCode).toBeGreaterThanOrEqual(400);
    expect(edit.statusCode).toBeLessThan(500);
    // Another applicant does not see it.
    const stranger = await portalAs(world.t, 'Гарипов');
    expect((await stranger.request('GET', `${BASE}/${acceptance.applicationId}`)).statusCode).toBe(404);

    const opened = { ...acceptance, municipalityId: kazan };
    await signed(opened);
    // A paper result waits at issue: the case is open, yet the decision is signed.
    expect(await storedCase(world, kazan, opened.caseId)).toMatchObject({
      status: 'open',
      stageKey: 'issue_grant',
    });
    const card = await view(acceptance.applicationId);
    expect(card).toMatchObject({
      canWithdraw: false,
      case: { stageTitle: 'Выдача результата', canWithdraw: false },
    });
    const late = await morozov.request('POST', `${BASE}/${acceptance.applicationId}/withdraw`);
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json()).toMatchObject({ code: 'withdrawal_too_late' });
  });
});
