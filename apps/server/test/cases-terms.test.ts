import type { HeadDashboard, Supervision } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { caseWorld, openedCase, type CaseWorld, type OpenedCase } from './cases-support.js';
import {
  alertsOf,
  assignDirectly,
  journalOf,
  morningOf,
  notificationsOf,
  runTermScan,
  stageTermOf,
} from './cases-terms-support.js';

/**
 * Term control (004 items 10, 11): a term about to run out is told to its executor once, a term run
 * out to the executor and the head of the case's unit once, however many scans follow; the head's
 * dashboard and the leadership's view count the same terms.
 */
describe('term control', () => {
  let world: CaseWorld;
  let shumikha: string;
  let first: OpenedCase;
  let ivanovaId: string;
  let sokolovId: string;
  let second: OpenedCase;
  let firstViolations = 0;

  beforeAll(async () => {
    world = await caseWorld();
    shumikha = await world.municipalityId('shumikha');
    ivanovaId = (await world.agent('Иванова')).employeeId;
    sokolovId = (await world.agent('Соколов')).employeeId;
    // Opened on Wednesday 02.12.2026: the stage «requests» has 5 working days, to 09.12.2026.
    first = await openedCase(world, { municipality: 'shumikha', serviceCode: 'address' });
    await assignDirectly(world.t, shumikha, first.caseId, ivanovaId);
  });
  afterAll(() => world.t.close());

  it('warns the executor two working days ahead, once', async () => {
    const { stage } = await stageTermOf(world.t, shumikha, first.caseId);
    expect(stage.dueDate).toBe('2026-12-09');

    // Friday: three working days are left (07, 08, 09), more than the default two.
    world.clock.now = morningOf('2026-12-04');
    await runTermScan(world.t);
    expect(await alertsOf(world.t, shumikha)).toEqual([]);

    world.clock.now = morningOf('2026-12-07');
    await runTermScan(world.t);
    await runTermScan(world.t);
    const alerts = await alertsOf(world.t, shumikha);
    // The stage's term and the answer terms of the requests it sent (5 working days too).
    expect(alerts.filter((a) => a.termId === stage.id).map((a) => a.kind)).toEqual(['warning']);
    expect(alerts.every((a) => a.kind === 'warning' && a.dueDate === '2026-12-09')).toBe(true);
    const requestAlerts = alerts.filter((a) => a.objectType === 'case_request');
    expect(requestAlerts.length).toBe(alerts.length - 1);
    const told = await notificationsOf(world.t, shumikha, ivanovaId);
    expect(told).toHaveLength(alerts.length);
    expect(told.filter((n) => n.text.includes(stage.title)).map((n) => n.text)).toEqual([
      `Срок «${stage.title}» истекает 09.12.2026 (осталось 2 рабочих дня).`,
    ]);
    expect(told.every((n) => n.objectType === 'case' && n.objectId === first.caseId)).toBe(true);
    expect(await notificationsOf(world.t, shumikha, sokolovId)).toEqual([]);
    const journal = await journalOf(world.t, shumikha, 'term.warning');
    expect(journal).toHaveLength(alerts.length);
    expect(journal.every((j) => j.objectType === 'case' && j.objectId === first.caseId)).toBe(true);
  });

  it('tells the executor and the head of the unit of a violation once, however many scans follow', async () => {
    const { stage } = await stageTermOf(world.t, shumikha, first.caseId);
    world.clock.now = morningOf('2026-12-10');
    await runTermScan(world.t);
    await runTermScan(world.t);
    world.clock.now = morningOf('2026-12-11');
    await runTermScan(world.t);

    const alerts = await alertsOf(world.t, shumikha);
    const violations = alerts.filter((a) => a.kind === 'violation');
    const warned = alerts.filter((a) => a.kind === 'warning');
    // Every term warned of ran out on 09.12: each has its violation, once.
    expect(violations.map((a) => a.termId).sort()).toEqual(warned.map((a) => a.termId).sort());
    expect(violations.map((a) => a.termId)).toContain(stage.id);
    const head = await notificationsOf(world.t, shumikha, sokolovId);
    expect(head).toHaveLength(violations.length);
    expect(head.filter((n) => n.text.includes(stage.title)).map((n) => n.text)).toEqual([
      `Нарушен срок «${stage.title}»: он истёк 09.12.2026 (срок истёк 1 рабочий день назад).`,
    ]);
    const executor = await notificationsOf(world.t, shumikha, ivanovaId);
    expect(executor.filter((n) => n.text.startsWith('Нарушен срок'))).toHaveLength(violations.length);
    const journal = await journalOf(world.t, shumikha, 'term.violated');
    expect(journal).toHaveLength(violations.length);
    expect(journal.map((j) => j.payload)).toContainEqual(
      expect.objectContaining({ termId: stage.id, dueDate: '2026-12-09' }),
    );
    firstViolations = violations.length;
  });

  it('catches a term that fell due before the last scan but was entered or moved after it', async () => {
    second = await openedCase(world, { municipality: 'shumikha', serviceCode: 'address' });
    const { stage } = await stageTermOf(world.t, shumikha, second.caseId);
    // As a recomputation on a changed calendar, or a term entered late, leaves it: due before the
    // dates the previous scans read, changed after them.
    await inTenant(world.t.database, shumikha, (tx) =>
      tx
        .updateTable('terms')
        .set({ dueDate: '2026-12-01', updatedAt: new Date() })
        .where('id', '=', stage.id)
        .execute(),
    );
    await runTermScan(world.t);
    await runTermScan(world.t);
    const alerts = (await alertsOf(world.t, shumikha)).filter((a) => a.termId === stage.id);
    expect(alerts.map((a) => a.kind)).toEqual(['violation']);
    // Nobody executes it yet: the head is told.
    const head = await notificationsOf(world.t, shumikha, sokolovId);
    expect(head.filter((n) => n.objectId === second.caseId)).toHaveLength(1);
  });

  it("shows the head the unit's terms, overdue cases, load and violations by day", async () => {
    const sokolov = await world.agent('Соколов');
    const res = await sokolov.request({ method: 'GET', url: '/api/v1/arm/dashboard' });
    expect(res.statusCode, res.body).toBe(200);
    const dashboard = res.json() as HeadDashboard;
    expect(dashboard.unit?.name).toBe('Отдел архитектуры, строительства и жилищно-коммунального хозяйства');
    expect(dashboard.totals).toMatchObject({ open: 2, unassigned: 1, overdue: 2, dueSoon: 0 });
    expect(dashboard.overdueCases.map((c) => c.id).sort()).toEqual([first.caseId, second.caseId].sort());
    const row = dashboard.overdueCases.find((c) => c.id === first.caseId);
    expect(row?.stageTerm).toMatchObject({ dueDate: '2026-12-09', state: 'overdue' });
    expect(row?.executor?.id).toBe(ivanovaId);
    expect(dashboard.stageTerms).toEqual([
      expect.objectContaining({ stageKey: 'requests', open: 2, overdue: 2 }),
    ]);
    expect(dashboard.load).toEqual([
      expect.objectContaining({ employeeId: ivanovaId, open: 1, overdue: 1, dueSoon: 0 }),
    ]);
    expect(dashboard.violationsByDay).toEqual([
      { date: '2026-12-10', count: firstViolations },
      { date: '2026-12-11', count: 1 },
    ]);

    const employee = await world.agent('Иванова');
    expect((await employee.request({ method: 'GET', url: '/api/v1/arm/dashboard' })).statusCode).toBe(403);
  });

  it("shows the leadership every unit's figures", async () => {
    const lead = await world.agent('Лебедева');
    const res = await lead.request({ method: 'GET', url: '/api/v1/arm/supervision' });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as Supervision;
    expect(view.units).toEqual([
      expect.objectContaining({
        unitName: 'Отдел архитектуры, строительства и жилищно-коммунального хозяйства',
        open: 2,
        overdue: 2,
      }),
    ]);
    expect(view.totals).toMatchObject({ open: 2, overdue: 2, closedLast30Days: 0 });
  });

  it('lets the operator change the warning days, journaled, and warns by them', async () => {
    const operator = await world.agent('Кузнецова');
    const read = await operator.request({ method: 'GET', url: '/api/v1/admin/case-settings' });
    expect(read.json()).toEqual({ warnWorkingDays: 2 });
    const put = await operator.request({
      method: 'PUT',
      url: '/api/v1/admin/case-settings',
      payload: { warnWorkingDays: 15 },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ warnWorkingDays: 15 });
    const journal = await journalOf(world.t, shumikha, 'case_settings.changed');
    expect(journal.map((j) => j.payload)).toEqual([
      { before: { warnWorkingDays: 2 }, after: { warnWorkingDays: 15 } },
    ]);
    const employee = await world.agent('Иванова');
    const refused = await employee.request({
      method: 'PUT',
      url: '/api/v1/admin/case-settings',
      payload: { warnWorkingDays: 1 },
    });
    expect(refused.statusCode).toBe(403);

    // The first case's whole term (18 working days) is now within the warning days.
    const { caseTermId } = await stageTermOf(world.t, shumikha, first.caseId);
    await runTermScan(world.t);
    const alerts = await alertsOf(world.t, shumikha);
    expect(alerts.filter((a) => a.termId === caseTermId).map((a) => a.kind)).toEqual(['warning']);
  });
});
