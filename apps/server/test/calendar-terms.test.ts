import fs from 'node:fs';
import path from 'node:path';
import type { LocalDay, NotificationList, StaffNotification } from '@uslugi/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { recomputeTerms } from '../src/modules/calendar/recompute-terms.js';
import { closeTerm, scheduleTerm, type ScheduleTermInput, type Term } from '../src/modules/calendar/terms.js';
import { BUNDLED_CALENDAR_DIR } from '../src/platform/calendar/index.js';
import { dueDate, journalOf, runCalendarJobs, type ErrorBody } from './calendar-helpers.js';
import { signInAs, testApp, type Agent, type TestApp } from './harness.js';

describe('stored terms follow the calendar: recomputation, journal, notifications', () => {
  let t: TestApp;
  let operator: Agent;
  let galieva: Agent;
  let petrov: Agent;
  let shumikha: Agent;
  let shumikhaEmployee: Agent;
  const terms: Record<string, Term> = {};

  const schedule = (agent: Agent, input: Omit<ScheduleTermInput, 'municipalityId'>) =>
    inTenant(t.database, agent.municipalityId, (tx) =>
      scheduleTerm(tx, { ...input, municipalityId: agent.municipalityId }),
    );
  const read = (agent: Agent, id: string) =>
    inTenant(t.database, agent.municipalityId, (tx) =>
      tx.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  const notifications = async (agent: Agent) =>
    (await agent.request({ method: 'GET', url: '/api/v1/notifications' })).json() as NotificationList;
  const localDays = (agent: Agent) => `/api/v1/calendars/${agent.municipalityId}/local-days`;
  const addLocalDay = (agent: Agent, payload: object) =>
    agent.request({ method: 'POST', url: localDays(agent), payload });
  const queued = async () =>
    (
      await t.database.system
        .selectFrom('jobs')
        .select('id')
        .where('queue', '=', 'calendar.recompute')
        .where('state', '=', 'queued')
        .execute()
    ).length;

  beforeAll(async () => {
    t = await testApp({}, () => new Date('2026-05-20T09:00:00Z'));
    operator = await signInAs(t, 'Хасанова');
    galieva = await signInAs(t, 'Галиева');
    petrov = await signInAs(t, 'Петров');
    shumikha = await signInAs(t, 'Кузнецова');
    shumikhaEmployee = await signInAs(t, 'Иванова');
    const base = {
      objectType: 'case',
      title: 'Предоставление земельного участка',
      unit: 'working_days',
    } as const;
    terms.working = await schedule(operator, {
      ...base,
      objectId: 'case-1',
      startDate: '2026-05-25',
      amount: 3,
      executorId: galieva.employeeId,
    });
    terms.calendar = await schedule(operator, {
      ...base,
      objectId: 'case-2',
      title: 'Ответ на межведомственный запрос',
      unit: 'calendar_days',
      startDate: '2026-05-22',
      amount: 5,
      executorId: petrov.employeeId,
    });
    terms.closed = await schedule(operator, {
      ...base,
      objectId: 'case-3',
      startDate: '2026-05-25',
      amount: 3,
    });
    terms.later = await schedule(operator, {
      ...base,
      objectId: 'case-4',
      startDate: '2026-07-01',
      amount: 5,
      executorId: galieva.employeeId,
    });
    terms.shumikha = await schedule(shumikha, {
      ...base,
      objectId: 'case-5',
      startDate: '2026-05-25',
      amount: 3,
      executorId: shumikhaEmployee.employeeId,
    });
    await inTenant(t.database, operator.municipalityId, (tx) => closeTerm(tx, terms.closed!.id));
  });
  afterAll(() => t.close());

  it('stores the due date with the rule that produced it', () => {
    expect(terms.working).toMatchObject({
      dueDate: '2026-05-29', // Курбан-байрам 27.05.2026 is a day off in Tatarstan
      unit: 'working_days',
      rule: null,
      amount: 3,
      provisional: false,
      status: 'open',
    });
    expect(terms.calendar).toMatchObject({
      dueDate: '2026-05-28',
      unit: 'calendar_days',
      rule: 'next_working_day_if_off',
    });
    expect(terms.shumikha).toMatchObject({ dueDate: '2026-05-28' });
  });

  it("a tenant's transaction sees only its own terms", async () => {
    const municipalities = await inTenant(t.database, shumikha.municipalityId, async (tx) =>
      (await sql<{ municipalityId: string }>`select municipality_id from terms`.execute(tx)).rows.map(
        (row) => row.municipalityId,
      ),
    );
    expect(municipalities).toEqual([shumikha.municipalityId]);
  });

  it('refuses a rule on a working-day term', async () => {
    await expect(
      schedule(operator, {
        objectType: 'case',
        objectId: 'x',
        title: 'x',
        startDate: '2026-05-25',
        amount: 1,
        unit: 'working_days',
        rule: 'exact',
      }),
    ).rejects.toMatchObject({ code: 'validation' });
  });

  it('a local day off is journaled and enqueues the recomputation in the same transaction', async () => {
    const res = await addLocalDay(operator, { date: '2026-05-28', kind: 'dayoff', title: '  День города  ' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ date: '2026-05-28', kind: 'dayoff', title: 'День города' });
    expect(await queued()).toBe(1);
    const journal = await journalOf(operator, 'calendar_day', '2026-05-28');
    expect(journal.map((e) => [e.action, e.payload.kind, e.payload.title])).toEqual([
      ['calendar.local_day_added', 'dayoff', 'День города'],
    ]);
    expect(await dueDate(operator, '2026-05-25', 3)).toBe('2026-06-01');
    expect(await dueDate(shumikha, '2026-05-25', 3)).toBe('2026-05-28');
    // Until the job runs, the stored term is as it was.
    expect((await read(operator, terms.working!.id)).dueDate).toBe('2026-05-29');
  });

  it('a refused change leaves no job and no journal entry', async () => {
    const res = await addLocalDay(operator, { date: '2026-05-28', kind: 'short', title: 'Повтор' });
    expect(res.statusCode).toBe(409);
    expect((res.json() as ErrorBody).fields?.[0]).toEqual({
      path: 'date',
      message: 'Дата: на эту дату уже есть решение муниципального образования',
    });
    const bad = await addLocalDay(operator, { date: '28.05.2026', kind: 'праздник', title: '' });
    expect(bad.statusCode).toBe(400);
    expect(
      Object.fromEntries(((bad.json() as ErrorBody).fields ?? []).map((f) => [f.path, f.message])),
    ).toEqual({
      date: 'Дата: Неверная дата',
      kind: 'Вид дня: Недопустимое значение',
      title: 'Наименование: Обязательное поле',
    });
    const forbidden = await addLocalDay(galieva, {
      date: '2026-05-29',
      kind: 'dayoff',
      title: 'Сам себе выходной',
    });
    expect(forbidden.statusCode).toBe(403);
    expect(await queued()).toBe(1);
    expect(await journalOf(operator, 'calendar_day', '2026-05-29')).toEqual([]);
  });

  it('the job moves the open terms, journals each move and tells the executors', async () => {
    expect(await runCalendarJobs(t)).toBe(1);
    expect(await read(operator, terms.working!.id)).toMatchObject({
      dueDate: '2026-06-01',
      provisional: false,
    });
    expect((await read(operator, terms.calendar!.id)).dueDate).toBe('2026-05-29');
    expect((await read(operator, terms.closed!.id)).dueDate).toBe('2026-05-29');
    expect((await read(operator, terms.later!.id)).dueDate).toBe(terms.later!.dueDate);
    expect((await read(shumikha, terms.shumikha!.id)).dueDate).toBe('2026-05-28');

    const journal = await journalOf(operator, 'term', terms.working!.id);
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({
      action: 'term.recomputed',
      payload: {
        objectType: 'case',
        objectId: 'case-1',
        before: { dueDate: '2026-05-29', provisional: false },
        after: { dueDate: '2026-06-01', provisional: false },
      },
    });
    expect(await journalOf(operator, 'term', terms.closed!.id)).toEqual([]);

    const mine = await notifications(galieva);
    expect(mine.unread).toBe(1);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      text:
        'Срок «Предоставление земельного участка» изменён из-за изменения производственного календаря: ' +
        'было 29.05.2026, стало 01.06.2026.',
      objectType: 'case',
      objectId: 'case-1',
      readAt: null,
    });
    expect((await notifications(petrov)).items[0]?.text).toMatch(/было 28\.05\.2026, стало 29\.05\.2026/);
    expect((await notifications(operator)).items).toEqual([]);
    expect((await notifications(shumikhaEmployee)).items).toEqual([]);
  });

  it('running the recomputation again changes nothing', async () => {
    expect(await recomputeTerms(t.database, operator.municipalityId)).toBe(0);
    expect(await journalOf(operator, 'term', terms.working!.id)).toHaveLength(1);
    expect((await notifications(galieva)).items).toHaveLength(1);
  });

  it('two changes at once both land, one after the other, each with its own recomputation', async () => {
    const add = (date: string) => addLocalDay(operator, { date, kind: 'working', title: 'Рабочая суббота' });
    const both = await Promise.all([add('2026-10-03'), add('2026-10-10'), add('2026-10-03')]);
    expect(both.map((res) => res.statusCode).sort()).toEqual([201, 201, 409]);
    expect(await queued()).toBe(2);
    expect(await runCalendarJobs(t)).toBe(2);
    expect(await dueDate(operator, '2026-10-02', 1)).toBe('2026-10-03');
  });

  it('sees a change committed by another process on the next read (the cache is keyed by version)', async () => {
    expect(await dueDate(operator, '2026-09-04', 1)).toBe('2026-09-07');
    // What another API process does: the row and the version bump in one transaction of its own.
    await t.database.system.transaction().execute(async (tx) => {
      await tx
        .insertInto('calendarLocalDays')
        .values({
          municipalityId: operator.municipalityId,
          date: '2026-09-07',
          kind: 'dayoff',
          title: 'Праздник',
        })
        .execute();
      await tx
        .updateTable('calendarVersions')
        .set({ version: sql<number>`version + 1` })
        .where('municipalityId', '=', operator.municipalityId)
        .execute();
    });
    expect(await dueDate(operator, '2026-09-04', 1)).toBe('2026-09-08');
  });

  it("marks one's own notification read; another's is not found", async () => {
    const [note] = (await notifications(galieva)).items as [StaffNotification];
    const theirs = await operator.request({ method: 'POST', url: `/api/v1/notifications/${note.id}/read` });
    expect(theirs.statusCode).toBe(404);
    const res = await galieva.request({ method: 'POST', url: `/api/v1/notifications/${note.id}/read` });
    expect(res.statusCode).toBe(200);
    expect((res.json() as StaffNotification).readAt).not.toBeNull();
    expect((await notifications(galieva)).unread).toBe(0);
    const again = await galieva.request({ method: 'POST', url: `/api/v1/notifications/${note.id}/read` });
    expect((again.json() as StaffNotification).readAt).toBe((res.json() as StaffNotification).readAt);
  });

  it('changing and removing the local day recomputes again', async () => {
    const list = (
      await operator.request({ method: 'GET', url: `${localDays(operator)}?year=2026` })
    ).json() as LocalDay[];
    expect(list.map((d) => [d.date, d.kind, d.title])).toEqual([
      ['2026-05-28', 'dayoff', 'День города'],
      ['2026-09-07', 'dayoff', 'Праздник'],
      ['2026-10-03', 'working', 'Рабочая суббота'],
      ['2026-10-10', 'working', 'Рабочая суббота'],
    ]);
    const id = list[0]!.id;
    const changed = await operator.request({
      method: 'PATCH',
      url: `${localDays(operator)}/${id}`,
      payload: { kind: 'short' },
    });
    expect(changed.json()).toMatchObject({ kind: 'short', title: 'День города' });
    expect(await runCalendarJobs(t)).toBe(1);
    expect((await read(operator, terms.working!.id)).dueDate).toBe('2026-05-29');
    const removed = await operator.request({ method: 'DELETE', url: `${localDays(operator)}/${id}` });
    expect(removed.statusCode).toBe(204);
    expect(await runCalendarJobs(t)).toBe(1);
    expect((await read(operator, terms.working!.id)).dueDate).toBe('2026-05-29');
    const journal = await journalOf(operator, 'calendar_day', '2026-05-28');
    expect(journal.map((e) => e.action)).toEqual([
      'calendar.local_day_removed',
      'calendar.local_day_changed',
      'calendar.local_day_added',
    ]);
    const gone = await operator.request({ method: 'DELETE', url: `${localDays(operator)}/${id}` });
    expect(gone.statusCode).toBe(404);
    expect((await notifications(galieva)).unread).toBe(1); // 01.06 → 29.05
  });

  it('tells the executor when only the provisional mark of a term changes, not just a moved date', async () => {
    const federal2026 = fs.readFileSync(
      path.join(BUNDLED_CALENDAR_DIR, 'ru', '2026', 'calendar.xml'),
      'utf8',
    );
    const load = (provisional: boolean) =>
      shumikha.request({
        method: 'POST',
        url: `/api/v1/calendars/${shumikha.municipalityId}/imports`,
        payload: { layer: 'federal', xml: federal2026, provisional },
      });
    const texts = async () =>
      (await notifications(shumikhaEmployee)).items.map((item) => item.text).reverse();

    expect((await load(true)).statusCode).toBe(201);
    expect(await runCalendarJobs(t)).toBe(1);
    expect(await read(shumikha, terms.shumikha!.id)).toMatchObject({
      dueDate: '2026-05-28',
      provisional: true,
    });
    expect((await load(false)).statusCode).toBe(201);
    expect(await runCalendarJobs(t)).toBe(1);
    expect(await read(shumikha, terms.shumikha!.id)).toMatchObject({
      dueDate: '2026-05-28',
      provisional: false,
    });
    expect(await texts()).toEqual([
      'Срок «Предоставление земельного участка» (28.05.2026) стал предварительным из-за изменения ' +
        'производственного календаря. Срок предварительный: календарь на этот период ещё не утверждён.',
      'Срок «Предоставление земельного участка» подтверждён производственным календарём: 28.05.2026. ' +
        'Календарь на этот период утверждён, срок больше не предварительный.',
    ]);
    const journal = await journalOf(shumikha, 'term', terms.shumikha!.id);
    expect(journal.map((entry) => entry.payload.after)).toEqual([
      { dueDate: '2026-05-28', provisional: false },
      { dueDate: '2026-05-28', provisional: true },
    ]);
  });
});
