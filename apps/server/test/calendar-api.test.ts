import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, dueDate, status, term, type ErrorBody } from './calendar-helpers.js';
import { signInAs, testApp, type Agent, type TestApp } from './harness.js';

// Facts checked against the official calendars: federal — ПП РФ № 1314 (2024), № 1335 (2025), № 1466 (2026);
// Tatarstan — Ураза-байрам 10.04.2024, 30.03.2025, 20.03.2026; Курбан-байрам 16.06.2024, 06.06.2025,
// 27.05.2026; День Республики 30.08; День Конституции РТ 06.11 (not moved off a weekend since 2016).
describe('work calendar API: days and terms of Kazan (Tatarstan) and Шумиха (federal only)', () => {
  let t: TestApp;
  let now = new Date('2026-05-25T09:00:00Z');
  let kazan: Agent;
  let kazanEmployee: Agent;
  let shumikha: Agent;

  beforeAll(async () => {
    t = await testApp({}, () => now);
    kazan = await signInAs(t, 'Хасанова');
    kazanEmployee = await signInAs(t, 'Галиева');
    shumikha = await signInAs(t, 'Кузнецова');
  });
  afterAll(() => t.close());

  it('lists every date of a year with its kind and reason', async () => {
    const k2026 = await days(kazan, 2026);
    const s2026 = await days(shumikha, 2026);
    expect(k2026.size).toBe(365);
    expect((await days(kazan, 2024)).size).toBe(366);
    expect(k2026.get('2026-05-27')).toMatchObject({
      kind: 'dayoff',
      reason: { type: 'holiday', title: 'Курбан-байрам' },
      reasonText: 'Нерабочий праздничный день: Курбан-байрам',
      provisional: false,
    });
    expect(k2026.get('2026-05-26')).toMatchObject({ kind: 'short', reason: { type: 'preholiday' } });
    expect(s2026.get('2026-05-27')).toMatchObject({ kind: 'working', reasonText: 'Рабочий день' });
    expect(s2026.get('2026-05-26')).toMatchObject({ kind: 'working' });
    // ПП № 1335: the day off of Sunday 5 January 2025 moved to Wednesday 31 December 2025.
    expect((await days(shumikha, 2025)).get('2025-12-31')).toMatchObject({
      kind: 'dayoff',
      reason: { type: 'transfer', from: '2025-01-05' },
      reasonText: 'Выходной день, перенесённый с 05.01.2025',
    });
    // ПП № 1314: Saturday 28 December 2024 was a working day.
    expect((await days(kazan, 2024)).get('2024-12-28')).toMatchObject({
      kind: 'working',
      reasonText: 'Рабочий день вместо выходного (перенос)',
    });
    const k2025 = await days(kazan, 2025);
    expect(k2025.get('2025-08-30')).toMatchObject({ kind: 'dayoff', reason: { type: 'holiday' } });
    expect(k2025.get('2025-11-06')?.reasonText).toBe(
      'Нерабочий праздничный день: День Конституции Республики Татарстан',
    );
    expect((await days(shumikha, 2025)).get('2025-11-06')?.kind).toBe('working');
    const workingDays = (map: Map<string, { kind: string }>) =>
      [...map.values()].filter((day) => day.kind !== 'dayoff').length;
    // Published totals: federal 2026 — 247 working days, Tatarstan 2026 — 244.
    expect(workingDays(s2026)).toBe(247);
    expect(workingDays(k2026)).toBe(244);
  });

  it('marks the years without a confirmed calendar provisional', async () => {
    const kazanYear = async (year: number) =>
      (
        await kazan.request({
          method: 'GET',
          url: `/api/v1/calendars/${kazan.municipalityId}/days?year=${year}`,
        })
      ).json() as { provisional: boolean };
    expect((await kazanYear(2026)).provisional).toBe(false);
    expect((await kazanYear(2027)).provisional).toBe(true);
    expect((await days(shumikha, 2027)).get('2027-03-10')?.provisional).toBe(true);
    expect((await days(shumikha, 2026)).get('2026-03-10')?.provisional).toBe(false);
  });

  it.each([
    // from, N working days, Kazan, Шумиха
    ['2025-12-26', 5, '2026-01-14', '2026-01-14'], // 31.12.2025 off (transfer), 1–11.01.2026 off
    ['2026-05-25', 3, '2026-05-29', '2026-05-28'], // Курбан-байрам 27.05.2026 in Tatarstan only
    ['2026-03-19', 1, '2026-03-23', '2026-03-20'], // Ураза-байрам 20.03.2026
    ['2025-11-05', 1, '2025-11-07', '2025-11-06'], // День Конституции РТ 06.11.2025
    ['2024-04-09', 1, '2024-04-11', '2024-04-10'], // Ураза-байрам 10.04.2024
    ['2024-12-27', 1, '2024-12-28', '2024-12-28'], // working Saturday 28.12.2024
    ['2025-04-30', 5, '2025-05-13', '2025-05-13'], // 1–4 and 8–11 May 2025 off
    ['2025-08-29', 1, '2025-09-01', '2025-09-01'], // День Республики on a Saturday is not moved
  ])('from %s + %i working days: Kazan %s, Шумиха %s', async (from, n, inKazan, inShumikha) => {
    expect(await dueDate(kazan, from, n)).toBe(inKazan);
    expect(await dueDate(shumikha, from, n)).toBe(inShumikha);
  });

  it('answers a term with its rule, unit and what is left of it today', async () => {
    expect(await term(kazan, 'from=2026-05-25&workingDays=3')).toEqual({
      from: '2026-05-25',
      dueDate: '2026-05-29',
      provisional: false,
      rule: null,
      unit: 'working_days',
      amount: 3,
      daysLeftText: 'осталось 3 рабочих дня',
    });
    now = new Date('2026-06-02T09:00:00Z');
    expect((await term(kazan, 'from=2026-05-25&workingDays=3')).daysLeftText).toBe(
      'срок истёк 2 рабочих дня назад',
    );
  });

  it('counts calendar days by the rule asked for (ГК РФ ст. 193 by default)', async () => {
    const exact = await term(kazan, 'from=2026-05-22&calendarDays=5&rule=exact');
    expect(exact).toMatchObject({ dueDate: '2026-05-27', rule: 'exact', unit: 'calendar_days', amount: 5 });
    const moved = await term(kazan, 'from=2026-05-22&calendarDays=5');
    expect(moved).toMatchObject({ dueDate: '2026-05-28', rule: 'next_working_day_if_off' });
    expect((await term(shumikha, 'from=2026-05-22&calendarDays=5')).dueDate).toBe('2026-05-27');
  });

  it('says what is true of an exact term that ends on a day off with no working day before it', async () => {
    const saved = now;
    try {
      // 17 May 2026 + 7 calendar days = Sunday 24 May; under ГК РФ ст. 193 it moves to Monday 25 May.
      now = new Date('2026-05-23T09:00:00Z'); // Saturday
      expect(await term(shumikha, 'from=2026-05-17&calendarDays=7&rule=exact')).toMatchObject({
        dueDate: '2026-05-24',
        daysLeftText: 'срок истекает в нерабочий день, рабочих дней до него не осталось',
      });
      now = new Date('2026-05-22T09:00:00Z'); // Friday
      expect((await term(shumikha, 'from=2026-05-17&calendarDays=7&rule=exact')).daysLeftText).toBe(
        'срок истекает в нерабочий день, сегодня последний рабочий день',
      );
      expect(await term(shumikha, 'from=2026-05-17&calendarDays=7')).toMatchObject({
        dueDate: '2026-05-25',
        daysLeftText: 'осталось 1 рабочий день',
      });
    } finally {
      now = saved;
    }
  });

  it('marks a term that runs past the loaded years provisional', async () => {
    expect(await term(shumikha, 'from=2026-12-25&workingDays=10')).toMatchObject({
      dueDate: '2027-01-19',
      provisional: true,
    });
    expect(await term(kazan, 'from=2026-12-25&workingDays=10')).toMatchObject({ provisional: true });
    expect((await term(kazan, 'from=2026-12-01&workingDays=10')).provisional).toBe(false);
    expect((await term(kazan, 'from=2026-12-25&calendarDays=10&rule=exact')).provisional).toBe(false);
  });

  it('any signed-in employee may compute terms; nobody unsigned may', async () => {
    expect(await dueDate(kazanEmployee, '2026-05-25', 3)).toBe('2026-05-29');
    const anonymous = await t.app.inject({
      method: 'GET',
      url: `/api/v1/calendars/${kazan.municipalityId}/terms?from=2026-05-25&workingDays=3`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it("answers 404 for another municipality's calendar, whatever the endpoint", async () => {
    const theirs = shumikha.municipalityId;
    const urls = [
      `/api/v1/calendars/${theirs}/days?year=2026`,
      `/api/v1/calendars/${theirs}/terms?from=2026-05-25&workingDays=3`,
      `/api/v1/calendars/${theirs}/status`,
      `/api/v1/calendars/${theirs}/local-days`,
      `/api/v1/calendars/00000000-0000-4000-8000-000000000000/status`,
    ];
    for (const url of urls) {
      const res = await kazan.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect((res.json() as ErrorBody).message).toBe('Объект не найден');
    }
    const write = await kazan.request({
      method: 'POST',
      url: `/api/v1/calendars/${theirs}/local-days`,
      payload: { date: '2026-06-15', kind: 'dayoff', title: 'Чужой выходной' },
    });
    expect(write.statusCode).toBe(404);
    expect((await days(shumikha, 2026)).get('2026-06-15')?.kind).toBe('working');
  });

  it('describes the calendar endpoints in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
    }>();
    const terms = doc.paths['/api/v1/calendars/{municipalityId}/terms']?.get;
    expect(terms?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['municipalityId', 'from', 'workingDays', 'calendarDays', 'rule']),
    );
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/calendars/{municipalityId}/days',
        '/api/v1/calendars/{municipalityId}/status',
        '/api/v1/calendars/{municipalityId}/imports/preview',
        '/api/v1/notifications',
      ]),
    );
  });

  it('names each bad parameter in Russian', async () => {
    const fieldsOf = async (query: string) => {
      const res = await kazan.request({
        method: 'GET',
        url: `/api/v1/calendars/${kazan.municipalityId}/terms?${query}`,
      });
      expect(res.statusCode, query).toBe(400);
      const body = res.json() as ErrorBody;
      expect(body.message).toBe('Проверьте правильность заполнения полей');
      return Object.fromEntries((body.fields ?? []).map((f) => [f.path, f.message]));
    };
    expect((await fieldsOf('from=2026-05-25')).workingDays).toBe(
      'Количество рабочих дней: Укажите количество либо рабочих, либо календарных дней',
    );
    expect((await fieldsOf('from=2026-05-25&workingDays=3&calendarDays=3')).workingDays).toMatch(
      /либо рабочих, либо календарных/,
    );
    expect((await fieldsOf('from=2026-02-30&workingDays=3')).from).toBe('Дата начала отсчёта: Неверная дата');
    expect((await fieldsOf('from=2026-05-25&workingDays=0')).workingDays).toBe(
      'Количество рабочих дней: Значение не меньше 1',
    );
    expect((await fieldsOf('from=2026-05-25&workingDays=3&rule=exact')).rule).toBe(
      'Правило окончания срока: Правило окончания применяется только к срокам в календарных днях',
    );
    expect((await fieldsOf('from=2026-05-25&calendarDays=3&rule=soon')).rule).toBe(
      'Правило окончания срока: Недопустимое значение',
    );
    expect((await fieldsOf('from=1812-09-07&workingDays=3')).from).toMatch(
      /^Дата начала отсчёта: Дата вне лет/,
    );
    const year = await kazan.request({
      method: 'GET',
      url: `/api/v1/calendars/${kazan.municipalityId}/days?year=двадцать`,
    });
    expect(year.statusCode).toBe(400);
    expect((year.json() as ErrorBody).fields?.[0]?.message).toMatch(/^Год: /);
  });
});

describe('work calendar status: loaded years and the warning from 1 November', () => {
  let t: TestApp;
  let now = new Date('2026-10-31T20:59:00Z'); // 23:59 on 31 October in Moscow
  let kazan: Agent;
  let shumikha: Agent;

  beforeAll(async () => {
    t = await testApp({}, () => now);
    kazan = await signInAs(t, 'Хасанова');
    shumikha = await signInAs(t, 'Кузнецова');
  });
  afterAll(() => t.close());

  it('lists the loaded and provisional years of each layer', async () => {
    const kazanStatus = await status(kazan);
    expect(kazanStatus).toMatchObject({
      region: 'tatarstan',
      regionName: 'Республика Татарстан',
      today: '2026-10-31',
      loadedYears: [2024, 2025, 2026],
      provisionalYears: [],
    });
    expect(kazanStatus.layers.map((layer) => [layer.layer, layer.years.map((y) => y.year)])).toEqual([
      ['federal', [2024, 2025, 2026, 2027]],
      ['regional', [2024, 2025, 2026]],
    ]);
    expect(kazanStatus.layers[0]?.years.find((y) => y.year === 2026)).toMatchObject({
      origin: 'bundled',
      provisional: false,
      source: expect.stringContaining('№ 1466') as string,
    });
    const shumikhaStatus = await status(shumikha);
    expect(shumikhaStatus).toMatchObject({
      region: null,
      loadedYears: [2024, 2025, 2026, 2027],
      provisionalYears: [2027],
    });
    expect(shumikhaStatus.layers.map((layer) => layer.layer)).toEqual(['federal']);
  });

  it('warns nothing in October while the current year is confirmed', async () => {
    expect((await status(kazan)).warnings).toEqual([]);
    expect((await status(shumikha)).warnings).toEqual([]);
  });

  it("from 1 November warns that next year's calendar is missing or only provisional", async () => {
    now = new Date('2026-10-31T21:00:00Z'); // 00:00 on 1 November in Moscow
    const kazanWarnings = (await status(kazan)).warnings;
    expect(kazanWarnings.map((w) => [w.code, w.layer, w.year])).toEqual([
      ['year_provisional', 'federal', 2027],
      ['year_missing', 'regional', 2027],
    ]);
    expect(kazanWarnings[1]?.message).toMatch(
      /^Региональный календарь \(Республика Татарстан\) на 2027 год не загружен/,
    );
    const shumikhaWarnings = (await status(shumikha)).warnings;
    expect(shumikhaWarnings.map((w) => [w.code, w.layer, w.year])).toEqual([
      ['year_provisional', 'federal', 2027],
    ]);
    expect(shumikhaWarnings[0]?.message).toMatch(/на 2027 год загружен только как предварительный/);
  });

  it('does not warn in November when next year is confirmed, and always when the current one is missing', async () => {
    now = new Date('2025-11-15T09:00:00Z');
    expect((await status(kazan)).warnings).toEqual([]);
    now = new Date('2028-03-01T09:00:00Z');
    expect((await status(shumikha)).warnings.map((w) => [w.code, w.year])).toEqual([['year_missing', 2028]]);
  });
});
