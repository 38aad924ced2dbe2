import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseCard } from '@uslugi/contracts';
import {
  caseCommandOk,
  openedCase,
  PIN,
  sampleGrounds,
  STAFF,
  toDecision,
  withCertificates,
} from './cases-support.js';
import { caseWorld, listOf, type CaseWorld } from './cases-views-support.js';
import type { Agent } from './harness.js';

/**
 * The card of a case taken through the commands (000 items 3.4, 3.5): a refusal returned for
 * revision, a grant signed, the result issued; every round of decisions, the drafts and the signed
 * result with its signature, the stages and the history in Russian.
 */

let world: CaseWorld;

beforeAll(async () => {
  world = await caseWorld();
  await withCertificates(world, [STAFF.kazan.approver]);
}, 120_000);

afterAll(async () => {
  await world?.t.close();
});

async function cardOf(agent: Agent, id: string): Promise<CaseCard> {
  const res = await agent.request({ method: 'GET', url: `/api/v1/arm/cases/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CaseCard;
}

describe('case card along the commands', () => {
  it('shows the decisions, the drafts, the signed result and the history of a case provided', async () => {
    const petrov = await world.agent(STAFF.kazan.employee);
    const nikitina = await world.agent(STAFF.kazan.approver);
    const opened = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    await caseCommandOk(petrov, opened.caseId, 'assign-to-me');
    expect((await listOf(petrov, 'list=mine')).items.map((i) => i.id)).toEqual([opened.caseId]);
    await toDecision(world, opened, petrov, 'gpzu');

    const [ground] = sampleGrounds('gpzu');
    await caseCommandOk(petrov, opened.caseId, 'decision', {
      actionKey: 'refuse',
      grounds: [ground],
      text: 'Земельный участок не образован',
    });
    const waiting = await listOf(nikitina, 'list=approval');
    expect(waiting.items.map((i) => i.id)).toEqual([opened.caseId]);
    await caseCommandOk(nikitina, opened.caseId, 'return', { reason: 'Участок образован в 2025 году' });
    await caseCommandOk(petrov, opened.caseId, 'decision', {
      actionKey: 'grant',
      grounds: [],
      text: 'Подготовить градостроительный план',
    });
    await caseCommandOk(nikitina, opened.caseId, 'approve', { pin: PIN });
    const issue = await cardOf(petrov, opened.caseId);
    expect(issue.stage.kind).toBe('issue');
    expect(issue.actions.map((a) => a.label)).toEqual(['Результат выдан (направлен)']);
    await caseCommandOk(petrov, opened.caseId, 'actions', { actionKey: issue.actions[0]!.key });

    const card = await cardOf(petrov, opened.caseId);
    expect(card).toMatchObject({ status: 'closed', outcome: 'granted', actions: [], canAssignToMe: false });
    expect(card.outcomeTitle).not.toBeNull();
    expect(card.term.state).toBe('closed');
    expect(card.decisions.map((d) => [d.decision, d.status])).toEqual([
      ['refuse', 'returned'],
      ['grant', 'signed'],
    ]);
    expect(card.decisions[0]).toMatchObject({ returnReason: 'Участок образован в 2025 году' });
    expect(card.decisions[0]?.grounds[0]?.text).not.toBe(ground);
    expect(card.decisions[1]?.reviewedBy?.name).toMatch(/^Никитина /);
    expect(card.documents.map((d) => d.role)).toEqual(['receipt', 'draft', 'result']);
    const result = card.documents.find((d) => d.role === 'result')!;
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]).toMatchObject({ valid: true });
    expect(result.signatures[0]?.signer).toMatch(/^Никитина /);
    expect(card.stages.map((s) => s.stageKey)).toEqual([
      'intake',
      'requests',
      'review',
      'decision',
      'approve_refusal',
      'decision',
      'approve_grant',
      'issue_grant',
      'granted',
    ]);
    expect(card.stages[4]?.action?.label).toBe('Отправить на доработку');
    expect(card.stages[4]?.comment).toBe('Участок образован в 2025 году');

    const titles = card.timeline.map((e) => e.title);
    expect(titles).toContain('Назначение исполнителя дела');
    expect(titles).toContain('Подписание документа электронной подписью');
    expect(titles).toContain('Завершение предоставления услуги по делу');
    const assigned = card.timeline.find((e) => e.action === 'case.assigned');
    expect(assigned?.details).toMatch(/исполнитель: Петров /);
    expect(card.timeline.some((e) => e.details?.includes('«Отправить на доработку»'))).toBe(true);
    const times = card.timeline.map((e) => e.at);
    expect([...times].sort()).toEqual(times);

    const base = `/api/v1/arm/cases/${opened.caseId}/documents/${result.id}`;
    const file = await petrov.request({ method: 'GET', url: base });
    expect(file.statusCode).toBe(200);
    const sig = await petrov.request({
      method: 'GET',
      url: `${base}/signatures/${result.signatures[0]!.id}`,
    });
    expect(sig.statusCode).toBe(200);
    expect(sig.body.length).toBeGreaterThan(100);

    const closed = await listOf(petrov, 'list=closed');
    expect(closed.items.map((i) => i.id)).toEqual([opened.caseId]);
    expect(closed.items[0]).toMatchObject({ status: 'closed', outcome: 'granted' });
  });
});
