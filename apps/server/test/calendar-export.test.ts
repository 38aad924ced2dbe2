import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CALENDAR_DIR, parseXmlCalendar, type XmlCalendar } from '../src/platform/calendar/index.js';
import { days, runCalendarJobs, type ErrorBody } from './calendar-helpers.js';
import { signInAs, testApp, type Agent, type TestApp } from './harness.js';

describe('exporting a calendar year to an xmlcalendar file', () => {
  let t: TestApp;
  let kazan: Agent;
  let kazanEmployee: Agent;
  let shumikha: Agent;

  const exportUrl = (agent: Agent, query: string) =>
    `/api/v1/calendars/${agent.municipalityId}/export?${query}`;
  const download = async (agent: Agent, query: string): Promise<{ text: string; calendar: XmlCalendar }> => {
    const res = await agent.request({ method: 'GET', url: exportUrl(agent, query) });
    expect(res.statusCode, res.body).toBe(200);
    return { text: res.body, calendar: parseXmlCalendar(res.body) };
  };
  const dayTypes = (calendar: XmlCalendar) => calendar.days.map((day) => `${day.d} t${day.t}`);

  beforeAll(async () => {
    t = await testApp({}, () => new Date('2026-11-02T09:00:00Z'));
    kazan = await signInAs(t, 'Хасанова');
    kazanEmployee = await signInAs(t, 'Галиева');
    shumikha = await signInAs(t, 'Кузнецова');
    // A decision of Kazan's own, so that the effective calendar differs from the bundled files.
    const local = await kazan.request({
      method: 'POST',
      url: `/api/v1/calendars/${kazan.municipalityId}/local-days`,
      payload: { date: '2026-09-11', kind: 'dayoff', title: 'День города' },
    });
    expect(local.statusCode).toBe(201);
    await runCalendarJobs(t);
  });
  afterAll(() => t.close());

  it('answers an XML attachment that reads back to the same days', async () => {
    const res = await kazanEmployee.request({ method: 'GET', url: exportUrl(kazan, 'year=2026') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="calendar-2026-effective.xml"');
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<calendar year="2026" lang="ru"/);
    const calendar = parseXmlCalendar(res.body, { expectedYear: 2026 });
    expect(calendar.date).toBe('2026.11.02');

    const k2026 = await days(kazan, 2026);
    const listed = new Map(calendar.days.map((day) => [`2026-${day.d.replace('.', '-')}`, day]));
    const title = (id: string | undefined) => calendar.holidays.find((h) => h.id === id)?.title;
    for (const [date, day] of k2026) {
      const entry = listed.get(date);
      const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
      const kind = entry
        ? { 1: 'dayoff', 2: 'short', 3: 'working' }[entry.t]
        : weekend
          ? 'dayoff'
          : 'working';
      expect(kind, date).toBe(day.kind);
      if (day.reason.type === 'holiday' || day.reason.type === 'local') {
        expect(title(entry?.h), date).toBe(day.reason.title);
      }
      if (day.reason.type === 'transfer')
        expect(`2026-${entry?.f?.replace('.', '-')}`, date).toBe(day.reason.from);
    }
    expect(title(listed.get('2026-09-11')?.h)).toBe('День города');
    expect(title(listed.get('2026-05-27')?.h)).toBe('Курбан-байрам');
  });

  it('the effective file imported into another municipality gives it the same working days', async () => {
    const { text } = await download(kazan, 'year=2026&layer=effective');
    const res = await shumikha.request({
      method: 'POST',
      url: `/api/v1/calendars/${shumikha.municipalityId}/imports`,
      payload: { layer: 'federal', xml: text },
    });
    expect(res.statusCode).toBe(201);
    const kinds = async (agent: Agent) =>
      [...(await days(agent, 2026)).values()].map((d) => [d.date, d.kind]);
    expect(await kinds(shumikha)).toEqual(await kinds(kazan));
    // And exported again from there, it is the same file but for its date.
    const again = await download(shumikha, 'year=2026');
    expect(again.calendar.days).toEqual(parseXmlCalendar(text).days);
  });

  it('exports the federal file the municipality uses and the region’s own days', async () => {
    const federal = await download(kazan, 'year=2026&layer=federal');
    const bundled = parseXmlCalendar(
      fs.readFileSync(path.join(BUNDLED_CALENDAR_DIR, 'ru', '2026', 'calendar.xml'), 'utf8'),
    );
    expect(federal.calendar).toEqual(bundled);
    const regional = await download(kazan, 'year=2026&layer=regional');
    expect(dayTypes(regional.calendar)).toEqual([
      '03.19 t2',
      '03.20 t1',
      '05.26 t2',
      '05.27 t1',
      '08.30 t1',
      '11.05 t2',
      '11.06 t1',
    ]);
    expect(regional.calendar.holidays.map((h) => h.title)).toEqual([
      'Ураза-байрам',
      'Курбан-байрам',
      'День Республики Татарстан',
      'День Конституции Республики Татарстан',
    ]);
    const imported = await download(shumikha, 'year=2026&layer=federal');
    expect(imported.calendar.days).toHaveLength(federal.calendar.days.length + 8);
  });

  it('refuses what it has no file for, in Russian, and another municipality’s calendar', async () => {
    const fieldOf = async (agent: Agent, query: string) => {
      const res = await agent.request({ method: 'GET', url: exportUrl(agent, query) });
      expect(res.statusCode, query).toBe(400);
      return (res.json() as ErrorBody).fields?.[0];
    };
    expect(await fieldOf(kazan, 'year=2030&layer=federal')).toEqual({
      path: 'year',
      message: 'Год: Федеральный календарь на 2030 год не загружен',
    });
    expect(await fieldOf(kazan, 'year=2027&layer=regional')).toEqual({
      path: 'year',
      message: 'Год: Региональный календарь на 2027 год не загружен',
    });
    expect(await fieldOf(shumikha, 'year=2026&layer=regional')).toEqual({
      path: 'layer',
      message: 'Что выгрузить: у муниципального образования нет регионального календаря',
    });
    expect((await fieldOf(kazan, 'year=2026&layer=local'))?.path).toBe('layer');
    // A year without any file is still exported: the municipality's calendar as terms are computed on it.
    expect(dayTypes((await download(kazan, 'year=2030')).calendar)).toContain('01.01 t1');
    const theirs = await kazan.request({ method: 'GET', url: exportUrl(shumikha, 'year=2026') });
    expect(theirs.statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'GET', url: exportUrl(kazan, 'year=2026') });
    expect(anonymous.statusCode).toBe(401);
  });

  it('is described in the OpenAPI document as an XML file', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: Array<{ name: string }>;
            responses: Record<string, { content?: Record<string, { schema: { type?: string } }> }>;
          }
        >
      >;
    }>();
    const operation = doc.paths['/api/v1/calendars/{municipalityId}/export']?.get;
    expect(operation?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['municipalityId', 'year', 'layer']),
    );
    expect(operation?.responses['200']?.content?.['application/xml']?.schema.type).toBe('string');
  });
});
