import fs from 'node:fs';
import path from 'node:path';
import type { CalendarImportPreview } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleTerm } from '../src/modules/calendar/terms.js';
import { inTenant } from '../src/db/tenant.js';
import { BUNDLED_CALENDAR_DIR, parseXmlCalendar, writeXmlCalendar } from '../src/platform/calendar/index.js';
import {
  days,
  dueDate,
  journalOf,
  runCalendarJobs,
  status,
  term,
  type ErrorBody,
} from './calendar-helpers.js';
import { appWith, testApp, type Agent, type TestApp } from './harness.js';

function bundledXml(layer: string, year: number): string {
  return fs.readFileSync(path.join(BUNDLED_CALENDAR_DIR, layer, String(year), 'calendar.xml'), 'utf8');
}

/** The federal 2026 file with one more day off (Monday 15 June), as a corrected decree would read. */
function federal2026WithExtraDayOff(): string {
  const calendar = parseXmlCalendar(bundledXml('ru', 2026));
  calendar.days.push({ d: '06.15', t: 1 });
  calendar.days.sort((a, b) => a.d.localeCompare(b.d));
  return writeXmlCalendar(calendar);
}

/**
 * TEST DATA, not a decree: Tatarstan 2027 as the federal forecast plus the republic's days, with Ураза-байрам
 * put on Tuesday 9 March 2027 to have a regional day off to look for. The fixed 30 August and 6 November are
 * already in the provisional year, so only 9 March differs.
 */
function tatarstan2027(): string {
  const calendar = parseXmlCalendar(bundledXml('ru', 2027));
  calendar.holidays.push(
    { id: '9', title: 'Ураза-байрам' },
    { id: '11', title: 'День Республики Татарстан' },
    { id: '12', title: 'День Конституции Республики Татарстан' },
  );
  calendar.days.push(
    { d: '03.09', t: 1, h: '9' },
    { d: '08.30', t: 1, h: '11' },
    { d: '11.06', t: 1, h: '12' },
  );
  calendar.days.sort((a, b) => a.d.localeCompare(b.d));
  return writeXmlCalendar({ ...calendar, country: 'ru-ta' });
}

const MALFORMED = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<calendar year="2026" lang="ru">',
  '  <days>',
  '    <day d="01.01" t="1"/>',
  '    <day d="02.30" t="1"/>',
  '  </days>',
  '</calendar>',
].join('\n');

describe('importing a calendar year from an xmlcalendar file', () => {
  let t: TestApp, kazan: Agent, shumikha: Agent, kazanEmployee: Agent;

  beforeAll(async () => {
    ({
      t,
      as: [kazan, shumikha, kazanEmployee],
    } = await appWith(
      testApp({}, () => new Date('2026-11-02T09:00:00Z')),
      'Хасанова',
      'Кузнецова',
      'Галиева',
    ));
  });
  afterAll(() => t.close());

  const post = (agent: Agent, url: string, payload: object) =>
    agent.request({ method: 'POST', url: `/api/v1/calendars/${agent.municipalityId}/${url}`, payload });

  it('previews the differences of a correct file and changes nothing', async () => {
    const res = await post(shumikha, 'imports/preview', {
      layer: 'federal',
      xml: federal2026WithExtraDayOff(),
    });
    expect(res.statusCode).toBe(200);
    const preview = res.json() as CalendarImportPreview;
    expect(preview).toMatchObject({
      layer: 'federal',
      year: 2026,
      provisional: false,
      replaces: 'bundled',
      provisionalBefore: false,
      provisionalAfter: false,
    });
    expect(preview.differences).toEqual([
      {
        date: '2026-06-15',
        before: { kind: 'working', reasonText: 'Рабочий день' },
        after: { kind: 'dayoff', reasonText: 'Нерабочий день' },
      },
    ]);
    expect((await days(shumikha, 2026)).get('2026-06-15')?.kind).toBe('working');
    expect(await journalOf(shumikha, 'calendar_year', 'federal:2026')).toEqual([]);
  });

  it('applies it: the answers change for this municipality only, and the import is journaled', async () => {
    expect(await dueDate(shumikha, '2026-06-11', 1)).toBe('2026-06-15');
    const res = await post(shumikha, 'imports', { layer: 'federal', xml: federal2026WithExtraDayOff() });
    expect(res.statusCode).toBe(201);
    expect((res.json() as CalendarImportPreview).differences.map((d) => d.date)).toEqual(['2026-06-15']);
    expect(await dueDate(shumikha, '2026-06-11', 1)).toBe('2026-06-16');
    expect((await days(shumikha, 2026)).get('2026-06-15')).toMatchObject({ kind: 'dayoff' });
    expect(await dueDate(kazan, '2026-06-11', 1)).toBe('2026-06-15');
    const federal = (await status(shumikha)).layers[0];
    expect(federal?.years.find((y) => y.year === 2026)).toMatchObject({
      origin: 'imported',
      provisional: false,
    });
    const journal = await journalOf(shumikha, 'calendar_year', 'federal:2026');
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({
      action: 'calendar.year_imported',
      payload: {
        layer: 'federal',
        year: 2026,
        replaces: 'bundled',
        differences: [{ date: '2026-06-15', before: 'working', after: 'dayoff' }],
      },
    });
    // The same file again replaces the import and differs in nothing.
    const again = await post(shumikha, 'imports/preview', {
      layer: 'federal',
      xml: federal2026WithExtraDayOff(),
    });
    expect(again.json()).toMatchObject({ replaces: 'imported', differences: [] });
  });

  it('refuses a malformed file with a Russian message naming the line, and changes nothing', async () => {
    const before = await status(shumikha);
    for (const url of ['imports/preview', 'imports']) {
      const res = await post(shumikha, url, { layer: 'federal', xml: MALFORMED });
      expect(res.statusCode, url).toBe(400);
      const body = res.json() as ErrorBody;
      expect(body.code).toBe('calendar_file_invalid');
      expect(body.message).toMatch(/^Файл производственного календаря не прошёл проверку/);
      expect(body.fields).toEqual([{ path: 'xml', message: 'Строка 5: неверная дата "02.30"' }]);
    }
    const unclosed = await post(shumikha, 'imports', {
      layer: 'federal',
      xml: '<calendar year="2026">\n<days>',
    });
    expect((unclosed.json() as ErrorBody).fields?.[0]?.message).toMatch(/^Строка \d+: /);
    expect(await status(shumikha)).toEqual(before);
    expect((await days(shumikha, 2026)).get('2026-01-01')?.kind).toBe('dayoff');
    expect(await journalOf(shumikha, 'calendar_year', 'federal:2026')).toHaveLength(1);
  });

  it('refuses a regional file where there is no region, and bad input, in Russian', async () => {
    const regional = await post(shumikha, 'imports/preview', { layer: 'regional', xml: tatarstan2027() });
    expect(regional.statusCode).toBe(400);
    expect((regional.json() as ErrorBody).fields?.[0]).toEqual({
      path: 'layer',
      message: 'Календарь: у муниципального образования нет регионального календаря, загрузите федеральный',
    });
    const bad = await post(shumikha, 'imports/preview', { layer: 'городской', xml: '' });
    expect(bad.statusCode).toBe(400);
    const byPath = Object.fromEntries(
      ((bad.json() as ErrorBody).fields ?? []).map((f) => [f.path, f.message]),
    );
    expect(byPath).toEqual({
      layer: 'Календарь: Недопустимое значение',
      xml: 'Файл календаря: Обязательное поле',
    });
  });

  it('only the operator imports', async () => {
    const res = await post(kazanEmployee, 'imports/preview', {
      layer: 'federal',
      xml: bundledXml('ru', 2026),
    });
    expect(res.statusCode).toBe(403);
  });

  it("fills next year's regional calendar; confirming the federal one clears the November warning", async () => {
    expect((await status(kazan)).warnings.map((w) => w.code)).toEqual(['year_provisional', 'year_missing']);
    const stored = await inTenant(t.database, kazan.municipalityId, (tx) =>
      scheduleTerm(tx, {
        municipalityId: kazan.municipalityId,
        objectType: 'case',
        objectId: 'test-case-1',
        title: 'Предоставление услуги',
        startDate: '2027-03-05',
        amount: 2,
        unit: 'working_days',
        executorId: kazanEmployee.employeeId,
      }),
    );
    expect(stored).toMatchObject({ dueDate: '2027-03-10', provisional: true });

    const preview = await post(kazan, 'imports/preview', { layer: 'regional', xml: tatarstan2027() });
    expect(preview.json()).toMatchObject({
      layer: 'regional',
      year: 2027,
      replaces: 'none',
      provisionalBefore: true,
      provisionalAfter: true, // the federal 2027 file is still a forecast
    });
    expect((preview.json() as CalendarImportPreview).differences).toEqual([
      {
        date: '2027-03-09',
        before: { kind: 'working', reasonText: 'Рабочий день' },
        after: { kind: 'dayoff', reasonText: 'Нерабочий праздничный день: Ураза-байрам' },
      },
    ]);
    expect((await post(kazan, 'imports', { layer: 'regional', xml: tatarstan2027() })).statusCode).toBe(201);
    expect(await dueDate(kazan, '2027-03-05', 2)).toBe('2027-03-11');
    expect(await dueDate(shumikha, '2027-03-05', 2)).toBe('2027-03-10');
    expect(await status(kazan)).toMatchObject({
      loadedYears: [2024, 2025, 2026, 2027],
      provisionalYears: [2027],
    });

    const confirmed = await post(kazan, 'imports', {
      layer: 'federal',
      xml: bundledXml('ru', 2027),
      provisional: false,
    });
    expect(confirmed.json()).toMatchObject({
      provisionalBefore: true,
      provisionalAfter: false,
      differences: [],
    });
    expect(await status(kazan)).toMatchObject({ provisionalYears: [], warnings: [] });
    expect((await term(kazan, 'from=2027-03-05&workingDays=2')).provisional).toBe(false);
    // Only Kazan's copy of the federal year was confirmed.
    expect((await status(shumikha)).provisionalYears).toEqual([2027]);

    // Each applied import enqueued a recomputation (Шумиха's one, Kazan's two). Kazan's first job already
    // finds the calendar as it is now, so the term moves once and the second job finds nothing to do.
    expect(await runCalendarJobs(t)).toBe(3);
    const journal = await journalOf(kazan, 'term', stored.id);
    expect(journal.map((entry) => [entry.action, entry.payload.before, entry.payload.after])).toEqual([
      [
        'term.recomputed',
        { dueDate: '2027-03-10', provisional: true },
        { dueDate: '2027-03-11', provisional: false },
      ],
    ]);
  });
});
