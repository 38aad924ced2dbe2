import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignableEmployeesSchema, CaseCard } from '@uslugi/contracts';
import type { z } from 'zod';
import { inTenant } from '../src/db/tenant.js';
import {
  answerRequests,
  caseCommandOk,
  openedCase,
  PIN,
  STAFF,
  withCertificates,
  type OpenedCase,
} from './cases-support.js';
import { caseWorld, setCase, type CaseWorld } from './cases-views-support.js';
import type { Agent } from './harness.js';

/**
 * The case card (000 items 3.4, 3.5; 004 item 8): its sections, the actions the viewer may take, the
 * history from the journal in Russian, the journaled view, who may see it, whom a head may assign it
 * to, and the case's documents to download.
 */

let world: CaseWorld;
let kazanCase: OpenedCase;
let shumikhaCase: OpenedCase;

beforeAll(async () => {
  world = await caseWorld();
  kazanCase = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
  shumikhaCase = await openedCase(world, { municipality: 'shumikha', serviceCode: 'gpzu' });
}, 120_000);

afterAll(async () => {
  await world?.t.close();
});

async function cardOf(agent: Agent, id: string): Promise<CaseCard> {
  const res = await agent.request({ method: 'GET', url: `/api/v1/arm/cases/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CaseCard;
}

describe('case card', () => {
  it('shows the application, the stage on the pinned map, terms, requests, documents and the history', async () => {
    const petrov = await world.agent(STAFF.kazan.employee);
    const card = await cardOf(petrov, kazanCase.caseId);
    expect(card).toMatchObject({
      id: kazanCase.caseId,
      registrationNumber: kazanCase.registrationNumber,
      status: 'open',
      outcome: null,
      application: { id: kazanCase.applicationId, channel: 'paper', status: 'accepted' },
      applicant: { name: 'Смирнов Алексей Иванович' },
      orgUnit: { name: 'Отдел подготовки градостроительных планов' },
      executor: null,
      stage: { key: 'requests', kind: 'work' },
      canAssignToMe: true,
      canAssign: false,
    });
    expect(card.service.code).toBe('gpzu');
    expect(card.techMap.stages.map((s) => s.key)).toContain('approve_grant');
    // Not the executor yet: no buttons of the stage but «Назначить мне».
    expect(card.actions).toEqual([]);
    expect(card.term.text).toMatch(/^осталось \d+ рабоч/);
    expect(card.stageTerm?.state).toBe('ok');
    expect(card.stages.map((s) => [s.stageKey, s.action?.label ?? null])).toEqual([
      ['intake', 'Принять и зарегистрировать'],
      ['requests', null],
    ]);
    expect(card.stages[0]?.actor?.name).toMatch(/^Петров /);
    expect(card.requests).toHaveLength(3);
    expect(card.requests.every((r) => r.mode === 'blocking' && r.addressee !== '')).toBe(true);
    // ЕГРН goes through SMEV; ЕГРЮЛ and ЕГРИП do not apply to a person: cancelled with the reason.
    const egrn = card.requests.find((r) => r.name.includes('недвижимости'));
    expect(egrn?.statusTitle).toBe('Ожидает отправки в СМЭВ');
    expect(egrn?.smev?.status).toBe('queued');
    expect(card.requests.filter((r) => r.status === 'cancelled').map((r) => r.statusTitle)).toEqual([
      'Отменён',
      'Отменён',
    ]);
    expect(card.documents.map((d) => d.role)).toEqual(['receipt']);
    expect(card.decisions).toEqual([]);
    const titles = card.timeline.map((e) => e.title);
    expect(titles).toContain('Приём и регистрация заявления');
    expect(titles).toContain('Открытие дела по принятому заявлению');
    expect(card.timeline.find((e) => e.action === 'case.opened')?.actor).toMatch(/^Петров /);
  });

  it('journals each view of the card (personal data access) and shows it in the history', async () => {
    const petrov = await world.agent(STAFF.kazan.employee);
    await cardOf(petrov, kazanCase.caseId);
    const entries = await inTenant(world.t.database, kazanCase.municipalityId, (tx) =>
      tx
        .selectFrom('journalEntries')
        .select(['actorId', 'action'])
        .where('objectType', '=', 'case')
        .where('objectId', '=', kazanCase.caseId)
        .where('action', '=', 'case.viewed')
        .execute(),
    );
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries.every((e) => e.actorId === petrov.employeeId)).toBe(true);
    const card = await cardOf(petrov, kazanCase.caseId);
    expect(card.timeline.filter((e) => e.action === 'case.viewed').at(-1)?.title).toBe(
      'Просмотр дела (доступ к персональным данным)',
    );
  });

  it('offers the executor the stage actions, held until the blocking requests are answered', async () => {
    const petrov = await world.agent(STAFF.kazan.employee);
    await caseCommandOk(petrov, kazanCase.caseId, 'assign-to-me');
    const held = await cardOf(petrov, kazanCase.caseId);
    expect(held.canAssignToMe).toBe(false);
    expect(held.executor?.id).toBe(petrov.employeeId);
    expect(held.actions.map((a) => [a.label, a.kind])).toEqual([['Сведения получены', 'move']]);
    expect(held.actions[0]?.blockedBy).toMatch(/^Не получен ответ на запрос «/);
    await answerRequests(world, kazanCase.municipalityId, kazanCase.caseId, 'requests');
    const free = await cardOf(petrov, kazanCase.caseId);
    expect(free.actions[0]?.blockedBy).toBeNull();
    expect(free.requests.every((r) => r.statusTitle === 'Ответ получен')).toBe(true);
    expect(free.timeline.find((e) => e.action === 'case.assigned')).toMatchObject({
      title: 'Назначение исполнителя дела',
      details: expect.stringMatching(/^исполнитель: Петров /) as unknown,
    });
  });

  it('offers a decision with the grounds of refusal, and approval to the approver only', async () => {
    const petrov = await world.agent(STAFF.kazan.employee);
    const nikitina = await world.agent(STAFF.kazan.approver);
    await setCase(world, kazanCase.municipalityId, kazanCase.caseId, { stageKey: 'decision' });
    const decision = await cardOf(petrov, kazanCase.caseId);
    const refuse = decision.actions.find((a) => a.decision === 'refuse');
    expect(refuse?.kind).toBe('decision');
    expect(refuse?.grounds.length).toBeGreaterThan(0);
    expect(decision.actions.find((a) => a.decision === 'grant')?.grounds).toEqual([]);

    await setCase(world, kazanCase.municipalityId, kazanCase.caseId, { stageKey: 'approve_grant' });
    expect((await cardOf(petrov, kazanCase.caseId)).actions).toEqual([]);
    const approval = await cardOf(nikitina, kazanCase.caseId);
    expect(approval.actions.map((a) => [a.label, a.kind, a.reasonRequired])).toEqual([
      ['Подписать', 'sign', false],
      ['Отправить на доработку', 'return', true],
    ]);
    expect(approval.canAssignToMe).toBe(false);
  });

  it('is not found for an employee of another unit or municipality', async () => {
    for (const lastName of ['Галиева', STAFF.kazan.head, STAFF.shumikha.employee, STAFF.shumikha.head]) {
      const agent = await world.agent(lastName);
      const res = await agent.request({ method: 'GET', url: `/api/v1/arm/cases/${kazanCase.caseId}` });
      expect(res.statusCode, lastName).toBe(404);
    }
    const ivanova = await world.agent(STAFF.shumikha.employee);
    expect((await cardOf(ivanova, shumikhaCase.caseId)).registrationNumber).toBe(
      shumikhaCase.registrationNumber,
    );
  });
});

describe('assignable employees', () => {
  it('lists the employees of the case unit and below with their open cases, to its head only', async () => {
    const sokolov = await world.agent(STAFF.shumikha.head);
    const ivanova = await world.agent(STAFF.shumikha.employee);
    await setCase(world, shumikhaCase.municipalityId, shumikhaCase.caseId, {
      executorId: ivanova.employeeId,
    });
    const res = await sokolov.request({
      method: 'GET',
      url: `/api/v1/arm/cases/${shumikhaCase.caseId}/assignable`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json() as z.infer<typeof AssignableEmployeesSchema>;
    const names = items.map((i) => i.name.split(' ')[0]);
    expect(names).toContain('Иванова');
    expect(names).toContain('Соколов');
    expect(names).not.toContain('Лебедева');
    expect(items.find((i) => i.id === ivanova.employeeId)?.openCases).toBe(1);
    expect(items.find((i) => i.name.startsWith('Соколов'))?.openCases).toBe(0);
    expect(
      (await ivanova.request({ method: 'GET', url: `/api/v1/arm/cases/${shumikhaCase.caseId}/assignable` }))
        .statusCode,
    ).toBe(403);
    const card = await cardOf(sokolov, shumikhaCase.caseId);
    expect(card.canAssign).toBe(true);
  });
});

describe('case documents', () => {
  it('serves the case documents and their signatures to whoever sees the case, nothing else', async () => {
    const petrov = await world.agent(STAFF.kazan.employee);
    const card = await cardOf(petrov, kazanCase.caseId);
    const receipt = card.documents.find((d) => d.role === 'receipt')!;
    const base = `/api/v1/arm/cases/${kazanCase.caseId}/documents`;
    const file = await petrov.request({ method: 'GET', url: `${base}/${receipt.id}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(file.body.length).toBeGreaterThan(0);

    await withCertificates(world, [STAFF.kazan.employee]);
    const signed = await petrov.request({
      method: 'POST',
      url: `/api/v1/documents/${receipt.id}/signatures`,
      payload: { pin: PIN },
    });
    expect(signed.statusCode, signed.body).toBe(201);
    const signatureId = (signed.json() as { id: string }).id;
    const withSignature = await cardOf(petrov, kazanCase.caseId);
    expect(withSignature.documents[0]?.signatures.map((s) => s.id)).toEqual([signatureId]);
    const sig = await petrov.request({
      method: 'GET',
      url: `${base}/${receipt.id}/signatures/${signatureId}`,
    });
    expect(sig.statusCode).toBe(200);
    expect(sig.headers['content-type']).toBe('application/pkcs7-signature');
    expect(sig.headers['content-disposition']).toContain('.sig');

    // A document of another case, an unknown one, or a viewer who may not see the case: not found.
    const other = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    const otherReceipt = (await cardOf(petrov, other.caseId)).documents[0]!.id;
    expect((await petrov.request({ method: 'GET', url: `${base}/${otherReceipt}` })).statusCode).toBe(404);
    expect((await petrov.request({ method: 'GET', url: `${base}/${crypto.randomUUID()}` })).statusCode).toBe(
      404,
    );
    const galieva = await world.agent('Галиева');
    expect((await galieva.request({ method: 'GET', url: `${base}/${receipt.id}` })).statusCode).toBe(404);
    expect(
      (await galieva.request({ method: 'GET', url: `${base}/${receipt.id}/signatures/${signatureId}` }))
        .statusCode,
    ).toBe(404);
  });
});
