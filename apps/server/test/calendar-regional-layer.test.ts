import fs from 'node:fs';
import path from 'node:path';
import type { CalendarImportPreview, NotificationList } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { scheduleTerm, type ScheduleTermInput, type Term } from '../src/modules/calendar/terms.js';
import { BUNDLED_CALENDAR_DIR, parseXmlCalendar, writeXmlCalendar } from '../src/platform/calendar/index.js';
import { days, dueDate, journalOf, runCalendarJobs, status } from './calendar-helpers.js';
import { signInAs, testApp, type Agent, type TestApp } from './harness.js';

function bundledXml(layer: string, year: number): string {
  return fs.readFileSync(path.join(BUNDLED_CALENDAR_DIR, layer, String(year), 'calendar.xml'), 'utf8');
}

/** A federal year without one of its days, as a corrected decree would read. TEST DATA, not a decree. */
function federalWithout(year: number, monthDay: string): string {
  const calendar = parseXmlCalendar(bundledXml('ru', year));
  calendar.days = calendar.days.filter((day) => day.d !== monthDay);
  return writeXmlCalendar(calendar);
}

/**
 * TEST DATA, not a decree: Tatarstan 2027 as regional files published on the web are made — every federal
 * day of the (forecast) federal year plus the republic's own: Ураза-байрам put on Tuesday 9 March 2027 (its
 * eve is the federal 8 March), Курбан-байрам on Wednesday 19 May with its short eve, 30 August (a Monday)
 * and 6 November (a Saturday; its eve is a federal day off).
 */
function tatarstan2027WithFederalDays(): string {
  const calendar = parseXmlCalendar(bundledXml('ru', 2027));
  calendar.holidays.push(
    { id: '9', title: 'Ураза-байрам' },
    { id: '10', title: 'Курбан-байрам' },
    { id: '11', title: 'День Республики Татарстан' },
    { id: '12', title: 'День Конституции Республики Татарстан' },
  );
  calendar.days.push(
    { d: '03.09', t: 1, h: '9' },
    { d: '05.18', t: 2 },
    { d: '05.19', t: 1, h: '10' },
    { d: '08.30', t: 1, h: '11' },
    { d: '11.06', t: 1, h: '12' },
  );
  calendar.days.sort((a, b) => a.d.localeCompare(b.d));
  return writeXmlCalendar({ ...calendar, country: 'ru-ta' });
}

const workingDaysOf = (map: Map<string, { kind: string }>) =>
  [...map.values()].filter((day) => day.kind !== 'dayoff').length;

describe('the regional layer adds only its own days: a federal import decides the federal dates', () => {
  let t: TestApp;
  let kazan: Agent;
  let galieva: Agent;
  let shumikha: Agent;
  const terms: Record<string, Term> = {};

  const post = (agent: Agent, url: string, payload: object) =>
    agent.request({ method: 'POST', url: `/api/v1/calendars/${agent.municipalityId}/${url}`, payload });
  const schedule = (input: Omit<ScheduleTermInput, 'municipalityId' | 'objectType' | 'unit'>) =>
    inTenant(t.database, kazan.municipalityId, (tx) =>
      scheduleTerm(tx, {
        ...input,
        objectType: 'case',
        unit: 'working_days',
        municipalityId: kazan.municipalityId,
        executorId: galieva.employeeId,
      }),
    );
  const read = (id: string) =>
    inTenant(t.database, kazan.municipalityId, (tx) =>
      tx.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  const notifications = async () =>
    (
      (await galieva.request({ method: 'GET', url: '/api/v1/notifications' })).json() as NotificationList
    ).items
      .map((item) => item.text)
      .reverse();

  beforeAll(async () => {
    t = await testApp({}, () => new Date('2026-11-02T09:00:00Z'));
    kazan = await signInAs(t, 'Хасанова');
    galieva = await signInAs(t, 'Галиева');
    shumikha = await signInAs(t, 'Кузнецова');
  });
  afterAll(() => t.close());

  it('keeps the published Tatarstan totals on the bundled files: 245, 245, 244 working days', async () => {
    expect(workingDaysOf(await days(kazan, 2024))).toBe(245);
    expect(workingDaysOf(await days(kazan, 2025))).toBe(245);
    expect(workingDaysOf(await days(kazan, 2026))).toBe(244);
  });

  it('a federal 2026 import without 31 December makes Kazan’s 31 December a working day', async () => {
    // Across 31 December: 30 December, then (the day off) 1–10 January 2027 of the forecast.
    terms.newYear = await schedule({
      objectId: 'case-ny',
      title: 'Выдача разрешения',
      startDate: '2026-12-29',
      amount: 2,
    });
    terms.spring = await schedule({
      objectId: 'case-sp',
      title: 'Ответ заявителю',
      startDate: '2026-03-18',
      amount: 2,
    });
    expect(terms.newYear).toMatchObject({ dueDate: '2027-01-11', provisional: true });
    expect(terms.spring).toMatchObject({ dueDate: '2026-03-23' }); // 19 March, (20 March Ураза-байрам), 23 March

    const xml = federalWithout(2026, '12.31');
    const preview = await post(kazan, 'imports/preview', { layer: 'federal', xml });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ replaces: 'bundled', regionalDaysInFile: null });
    expect((preview.json() as CalendarImportPreview).differences).toEqual([
      {
        date: '2026-12-31',
        before: { kind: 'dayoff', reasonText: 'Выходной день, перенесённый с 04.01.2026' },
        after: { kind: 'working', reasonText: 'Рабочий день' },
      },
    ]);
    expect((await post(kazan, 'imports', { layer: 'federal', xml })).statusCode).toBe(201);

    const k2026 = await days(kazan, 2026);
    expect(k2026.get('2026-12-31')).toMatchObject({ kind: 'working', reasonText: 'Рабочий день' });
    // The republic's own days are still there.
    expect(k2026.get('2026-03-20')).toMatchObject({
      kind: 'dayoff',
      reasonText: 'Нерабочий праздничный день: Ураза-байрам',
    });
    expect(k2026.get('2026-03-19')).toMatchObject({ kind: 'short', reason: { type: 'preholiday' } });
    expect(k2026.get('2026-11-06')?.kind).toBe('dayoff');
    expect(workingDaysOf(k2026)).toBe(245);
    expect(await dueDate(kazan, '2026-12-29', 2)).toBe('2026-12-31');
    // Шумиха kept the bundled federal year.
    expect((await days(shumikha, 2026)).get('2026-12-31')?.kind).toBe('dayoff');
  });

  it('recomputes the open term across 31 December, journals it and tells the executor', async () => {
    expect(await runCalendarJobs(t)).toBe(1);
    expect(await read(terms.newYear!.id)).toMatchObject({ dueDate: '2026-12-31', provisional: false });
    expect((await read(terms.spring!.id)).dueDate).toBe('2026-03-23');
    const journal = await journalOf(kazan, 'term', terms.newYear!.id);
    expect(journal.map((entry) => [entry.action, entry.payload.before, entry.payload.after])).toEqual([
      [
        'term.recomputed',
        { dueDate: '2027-01-11', provisional: true },
        { dueDate: '2026-12-31', provisional: false },
      ],
    ]);
    expect(await journalOf(kazan, 'term', terms.spring!.id)).toEqual([]);
    expect(await notifications()).toEqual([
      'Срок «Выдача разрешения» изменён из-за изменения производственного календаря: было 11.01.2027, ' +
        'стало 31.12.2026.',
    ]);
  });

  it('an imported regional file with the federal days in it adds only the republic’s days', async () => {
    terms.confirmed = await schedule({
      objectId: 'case-c',
      title: 'Согласование',
      startDate: '2027-04-05',
      amount: 3,
    });
    terms.nextNewYear = await schedule({
      objectId: 'case-ny2',
      title: 'Ответ на обращение',
      startDate: '2027-12-29',
      amount: 2,
    });
    expect(terms.confirmed).toMatchObject({ dueDate: '2027-04-08', provisional: true });
    // 30 December, (31 December and 1–9 January 2028 off), 10 January 2028.
    expect(terms.nextNewYear).toMatchObject({ dueDate: '2028-01-10', provisional: true });

    const xml = tatarstan2027WithFederalDays();
    const preview = (
      await post(kazan, 'imports/preview', { layer: 'regional', xml })
    ).json() as CalendarImportPreview;
    expect(preview).toMatchObject({ layer: 'regional', year: 2027, daysInFile: 29, regionalDaysInFile: 5 });
    expect(preview.differences.map((d) => [d.date, d.before.kind, d.after.kind])).toEqual([
      ['2027-03-09', 'working', 'dayoff'],
      ['2027-05-18', 'working', 'short'],
      ['2027-05-19', 'working', 'dayoff'],
    ]);
    const applied = await post(kazan, 'imports', { layer: 'regional', xml, provisional: false });
    expect(applied.statusCode).toBe(201);
    const journal = await journalOf(kazan, 'calendar_year', 'regional:2027');
    expect(journal[0]?.payload.regionalDays).toEqual(['03.09', '05.18', '05.19', '08.30', '11.06']);
    expect(await runCalendarJobs(t)).toBe(1);
    // Nothing moved: both terms are still provisional on the forecast federal year.
    expect(await read(terms.confirmed.id)).toMatchObject({ dueDate: '2027-04-08', provisional: true });
    expect(await notifications()).toHaveLength(1);
  });

  it('the federal 2027 decree then decides 31 December 2027 although the regional file listed it', async () => {
    // TEST DATA: the 2027 decree as the forecast but without the day off on 31 December.
    const xml = federalWithout(2027, '12.31');
    const preview = (
      await post(kazan, 'imports/preview', { layer: 'federal', xml })
    ).json() as CalendarImportPreview;
    expect(preview).toMatchObject({ provisionalBefore: true, provisionalAfter: false });
    expect(preview.differences.map((d) => [d.date, d.before.kind, d.after.kind])).toEqual([
      ['2027-12-31', 'dayoff', 'working'],
    ]);
    expect((await post(kazan, 'imports', { layer: 'federal', xml })).statusCode).toBe(201);
    const k2027 = await days(kazan, 2027);
    expect(k2027.get('2027-12-31')?.kind).toBe('working');
    expect(k2027.get('2027-03-09')).toMatchObject({ kind: 'dayoff', reason: { title: 'Ураза-байрам' } });
    expect(k2027.get('2027-11-05')).toMatchObject({ kind: 'dayoff', reason: { type: 'transfer' } });
    expect((await status(kazan)).provisionalYears).toEqual([]);

    expect(await runCalendarJobs(t)).toBe(1);
    expect(await read(terms.nextNewYear!.id)).toMatchObject({ dueDate: '2027-12-31', provisional: false });
    expect(await read(terms.confirmed!.id)).toMatchObject({ dueDate: '2027-04-08', provisional: false });
    // The executor hears of both: the moved term and the one whose date the approved calendar confirmed.
    expect((await notifications()).slice(1).sort()).toEqual([
      'Срок «Ответ на обращение» изменён из-за изменения производственного календаря: было 10.01.2028, ' +
        'стало 31.12.2027.',
      'Срок «Согласование» подтверждён производственным календарём: 08.04.2027. Календарь на этот период ' +
        'утверждён, срок больше не предварительный.',
    ]);
    const journal = await journalOf(kazan, 'term', terms.confirmed!.id);
    expect(journal.map((entry) => [entry.payload.before, entry.payload.after])).toEqual([
      [
        { dueDate: '2027-04-08', provisional: true },
        { dueDate: '2027-04-08', provisional: false },
      ],
    ]);
  });

  it('a later regional import is diffed against the federal calendar in force then', async () => {
    // The bundled Tatarstan 2026 file repeats the bundled federal 31 December; Kazan's federal 2026 no longer
    // has it, so in this file 31 December is the region's own — and the preview says so before anything changes.
    const preview = (
      await post(kazan, 'imports/preview', { layer: 'regional', xml: bundledXml('tatarstan', 2026) })
    ).json() as CalendarImportPreview;
    expect(preview).toMatchObject({ replaces: 'bundled', daysInFile: 29, regionalDaysInFile: 8 });
    expect(preview.differences.map((d) => [d.date, d.before.kind, d.after.kind])).toEqual([
      ['2026-12-31', 'working', 'dayoff'],
    ]);
  });
});
