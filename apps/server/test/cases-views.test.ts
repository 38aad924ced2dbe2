import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseCommandOk, openedCase, STAFF } from './cases-support.js';
import { allPages, caseWorld, gpzuCaseFor, listOf, setCase, type CaseWorld } from './cases-views-support.js';

/**
 * The workplace's worklists (000 items 3.4, 3.5; 004 items 3, 10, 11): who sees which cases, the
 * filters, keyset pages over more than one page, the tabs' counts and the terms' standings.
 */

let world: CaseWorld;
const kazan: string[] = [];
let serviceId = '';
let registrationNumbers: string[] = [];

beforeAll(async () => {
  world = await caseWorld();
  const petrov = await world.agent(STAFF.kazan.employee);
  const named = await gpzuCaseFor(world, petrov, {
    lastName: 'Гарипова',
    firstName: 'Алия',
    middleName: 'Рустемовна',
  });
  kazan.push(named.caseId);
  serviceId = named.serviceId;
  registrationNumbers = [named.registrationNumber];
  for (let i = 1; i <= 4; i += 1) {
    // One accepted after another (the same day): the order of registration is known.
    world.clock.now = new Date(world.clock.now.getTime() + 60_000);
    const opened = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    kazan.push(opened.caseId);
    registrationNumbers.push(opened.registrationNumber);
  }
}, 120_000);

afterAll(async () => {
  await world?.t.close();
});

describe('worklists', () => {
  it('pages «Новые» by the nearest term with an opaque cursor, and by registration, newest first', async () => {
    const petrov = await world.agent(STAFF.kazan.employee);
    const byTerm = await allPages(petrov, 'list=new&limit=2');
    expect(byTerm.pages).toBe(3);
    expect([...byTerm.ids].sort()).toEqual([...kazan].sort());
    const first = await listOf(petrov, 'list=new&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.next).not.toBeNull();
    const dues = first.items.map((i) => `${i.term.dueDate}|${i.id}`);
    expect([...dues].sort()).toEqual(dues);

    const byOpened = await allPages(petrov, 'list=new&sort=opened&limit=2');
    // Accepted one after another: the newest registration comes first.
    expect(byOpened.ids).toEqual([...kazan].reverse());
    // A cursor of one order is refused by another.
    const res = await petrov.request({
      method: 'GET',
      url: `/api/v1/arm/cases?list=new&sort=opened&after=${encodeURIComponent(first.next!)}`,
    });
    expect(res.statusCode).toBe(400);
  });

  it('shows the stage, the applicant, the unit and the terms in Russian', async () => {
    const petrov = await world.agent(STAFF.kazan.employee);
    const list = await listOf(petrov, 'list=new&limit=50');
    const row = list.items.find((i) => i.id === kazan[0])!;
    expect(row.registrationNumber).toBe(registrationNumbers[0]);
    expect(row.stage).toMatchObject({ key: 'requests', kind: 'work' });
    expect(row.stage.name).not.toBe('requests');
    expect(row.applicant?.name).toBe('Гарипова Алия Рустемовна');
    expect(row.orgUnit?.name).toBe('Отдел подготовки градостроительных планов');
    expect(row.executor).toBeNull();
    expect(row.term.state).toBe('ok');
    expect(row.term.text).toMatch(/^осталось \d+ рабоч/);
    expect(row.stageTerm?.text).toMatch(/^осталось \d+ рабоч/);
    expect(row.service.name).not.toBe('');
  });

  it('filters by service, stage, stage kind, period and the registration number or the applicant', async () => {
    const petrov = await world.agent(STAFF.kazan.employee);
    const ids = async (query: string) => (await listOf(petrov, `list=new&${query}`)).items.map((i) => i.id);
    expect(await ids(`serviceId=${serviceId}`)).toHaveLength(5);
    expect(await ids(`serviceId=${crypto.randomUUID()}`)).toEqual([]);
    expect(await ids('stageKey=requests')).toHaveLength(5);
    expect(await ids('stageKey=decision')).toEqual([]);
    expect(await ids('stageKind=work')).toHaveLength(5);
    expect(await ids('stageKind=approval')).toEqual([]);
    expect(await ids('from=2026-12-02&to=2026-12-02')).toHaveLength(5);
    expect(await ids('to=2026-12-01')).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('гарипова')}`)).toEqual([kazan[0]]);
    expect(await ids(`q=${encodeURIComponent(registrationNumbers[2]!)}`)).toEqual([kazan[2]]);
    expect(await ids(`q=${encodeURIComponent('Нет такого')}`)).toEqual([]);
  });

  it('counts every list the employee may open; «Мои дела» and «На утверждение» follow the case', async () => {
    const petrov = await world.agent(STAFF.kazan.employee);
    const nikitina = await world.agent(STAFF.kazan.approver);
    const before = await listOf(petrov, 'list=new');
    expect(Object.keys(before.counts).sort()).toEqual(['closed', 'due_soon', 'mine', 'new', 'overdue']);
    expect(before.counts).toMatchObject({ new: 5, mine: 0, closed: 0 });

    await caseCommandOk(petrov, kazan[1]!, 'assign-to-me');
    await caseCommandOk(petrov, kazan[2]!, 'assign-to-me');
    // The way to approval goes through requests, review and a decision (the commands' tests walk it).
    await setCase(world, petrov.municipalityId, kazan[2]!, { stageKey: 'approve_grant' });
    const mine = await listOf(petrov, 'list=mine');
    expect(mine.items.map((i) => i.id).sort()).toEqual([kazan[1], kazan[2]].sort());
    expect(mine.items.find((i) => i.id === kazan[1])?.executor?.name).toMatch(/^Петров /);
    expect(mine.counts).toMatchObject({ new: 3, mine: 2 });

    const approval = await listOf(nikitina, 'list=approval');
    expect(approval.items.map((i) => i.id)).toEqual([kazan[2]]);
    expect(approval.items[0]?.stage.kind).toBe('approval');
    expect(approval.counts.approval).toBe(1);
    expect(Object.keys(approval.counts)).toContain('approval');
    // Петров holds no approval: the list is not his.
    const res = await petrov.request({ method: 'GET', url: '/api/v1/arm/cases?list=approval' });
    expect(res.statusCode).toBe(403);

    await setCase(world, petrov.municipalityId, kazan[2]!, {
      executorId: petrov.employeeId,
      stageKey: 'requests',
    });
  });

  it('lists terms running out and passed, on the work calendar, by the stage term', async () => {
    const petrov = await world.agent(STAFF.kazan.employee);
    const row = (await listOf(petrov, 'list=new&limit=50')).items[0]!;
    const stageDue = row.stageTerm!.dueDate;
    const saved = world.clock.now;
    try {
      world.clock.now = new Date(`${stageDue}T07:00:00Z`);
      const soon = await listOf(petrov, 'list=due_soon&limit=50');
      expect(soon.items.length).toBe(5);
      expect(soon.items[0]?.stageTerm).toMatchObject({ state: 'due_soon', text: 'срок истекает сегодня' });
      expect(soon.counts).toMatchObject({ due_soon: 5, overdue: 0 });

      // A week later (five working days): the stage's term has passed, the service's has not.
      world.clock.now = new Date(new Date(`${stageDue}T07:00:00Z`).getTime() + 7 * 86_400_000);
      const overdue = await listOf(petrov, 'list=overdue&limit=50');
      expect(overdue.items.map((i) => i.id).sort()).toEqual([...kazan].sort());
      expect(overdue.items[0]?.stageTerm?.state).toBe('overdue');
      expect(overdue.items[0]?.stageTerm?.text).toMatch(/^срок истёк \d+ рабоч.* назад$/);
      expect(overdue.items[0]?.term.state).not.toBe('overdue');
    } finally {
      world.clock.now = saved;
    }
  });

  it('shows closed cases, newest first, and no longer among the open', async () => {
    const petrov = await world.agent(STAFF.kazan.employee);
    await setCase(world, petrov.municipalityId, kazan[3]!, {
      closed: { outcome: 'granted', at: new Date(world.clock.now.getTime() + 60_000) },
    });
    await setCase(world, petrov.municipalityId, kazan[4]!, {
      closed: { outcome: 'refused', at: new Date(world.clock.now.getTime() + 120_000) },
    });
    const closed = await allPages(petrov, 'list=closed&limit=1');
    expect(closed.ids).toEqual([kazan[4], kazan[3]]);
    const first = await listOf(petrov, 'list=closed&limit=1');
    expect(first.items[0]).toMatchObject({ status: 'closed', outcome: 'refused' });
    expect(first.items[0]?.term.state).toBe('closed');
    const open = await listOf(petrov, 'list=new&limit=50');
    expect(open.items.map((i) => i.id)).not.toContain(kazan[3]);
    expect(open.counts.closed).toBe(2);
  });

  it('hides cases from other units and municipalities; heads see their units', async () => {
    const galieva = await world.agent('Галиева');
    const safin = await world.agent(STAFF.kazan.head);
    for (const list of ['new', 'due_soon', 'overdue', 'closed']) {
      const seen = await listOf(galieva, `list=${list}&limit=50`);
      expect(seen.items.filter((i) => kazan.includes(i.id))).toEqual([]);
    }
    // КЗИО's head does not head the ГПЗУ department.
    const unit = await listOf(safin, 'list=unit&limit=50');
    expect(unit.items.filter((i) => kazan.includes(i.id))).toEqual([]);
    expect(Object.keys(unit.counts)).toContain('unit');

    const shumikha = await openedCase(world, { municipality: 'shumikha', serviceCode: 'gpzu' });
    const ivanova = await world.agent(STAFF.shumikha.employee);
    const sokolov = await world.agent(STAFF.shumikha.head);
    const theirs = await listOf(ivanova, 'list=new&limit=50');
    expect(theirs.items.map((i) => i.id)).toEqual([shumikha.caseId]);
    expect(theirs.counts.new).toBe(1);
    const headed = await listOf(sokolov, 'list=unit&limit=50');
    expect(headed.items.map((i) => i.id)).toEqual([shumikha.caseId]);
    const lebedeva = await world.agent(STAFF.shumikha.approver);
    const closedThere = await listOf(lebedeva, 'list=closed&limit=50');
    expect(closedThere.items.filter((i) => kazan.includes(i.id))).toEqual([]);
  });
});
