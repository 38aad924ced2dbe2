import { describe, expect, it } from 'vitest';
import { loadBundledLayers } from './bundled.js';
import { formatOrdinal, ordinalOf } from './dates.js';
import { yearToXmlCalendar } from './export.js';
import type { LocalDay } from './types.js';
import { WorkCalendar } from './work-calendar.js';
import { parseXmlCalendar, writeXmlCalendar } from './xmlcalendar.js';

const federalLayers = await loadBundledLayers();
const local: LocalDay[] = [
  { date: '2026-09-11', kind: 'dayoff', title: 'День города' },
  { date: '2026-09-12', kind: 'working', title: 'Рабочая суббота' },
  { date: '2026-05-27', kind: 'working', title: 'Рабочий день вместо Курбан-байрама' },
  { date: '2026-07-03', kind: 'short', title: 'Сокращённый день' },
];
const kazan = WorkCalendar.create({ layers: await loadBundledLayers('tatarstan'), local });

function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (let o = ordinalOf(year, 1, 1); o <= ordinalOf(year, 12, 31); o++) dates.push(formatOrdinal(o));
  return dates;
}

/** Exports a year, writes and reads the text back, and builds a calendar of that file alone. */
function roundTrip(calendar: WorkCalendar, year: number): WorkCalendar {
  const text = writeXmlCalendar(yearToXmlCalendar(calendar, year, { date: '2026.11.02' }));
  const file = parseXmlCalendar(text, { expectedYear: year });
  return WorkCalendar.create({
    layers: [{ name: 'export', years: [{ calendar: file, provisional: false }], fallback: [] }],
  });
}

describe('exporting a year to xmlcalendar', () => {
  it.each([2024, 2025, 2026, 2027])('Kazan %i reads back to the same days and reasons', (year) => {
    const back = roundTrip(kazan, year);
    for (const date of datesOf(year)) {
      const was = kazan.dayInfo(date);
      const now = back.dayInfo(date);
      expect(now.kind, date).toBe(was.kind);
      // A municipality's own day travels as a named holiday (a day off) or as a plain entry.
      if (was.reason.type !== 'local') expect(now.reason, date).toEqual(was.reason);
    }
    expect(back.countWorkingDays(`${year - 1}-12-31`, `${year}-12-31`)).toBe(
      kazan.countWorkingDays(`${year - 1}-12-31`, `${year}-12-31`),
    );
  });

  it('writes the federal year as the upstream file lists it', () => {
    const federal = WorkCalendar.create({ layers: federalLayers });
    const exported = yearToXmlCalendar(federal, 2026, { date: '2026.11.02' });
    const bundled = federalLayers[0]?.years.find((file) => file.calendar.year === 2026)?.calendar;
    const title = (id: string | undefined, of: typeof exported) =>
      of.holidays.find((h) => h.id === id)?.title;
    expect(exported.days.map((day) => [day.d, day.t, title(day.h, exported), day.f])).toEqual(
      bundled?.days.map((day) => [day.d, day.t, bundled && title(day.h, bundled), day.f]),
    );
    expect(exported).toMatchObject({ year: 2026, lang: 'ru', date: '2026.11.02' });
  });

  it('names a local day off as a holiday and leaves out a working weekday', () => {
    const exported = yearToXmlCalendar(kazan, 2026);
    const entry = (d: string) => exported.days.find((day) => day.d === d);
    expect(entry('09.11')).toMatchObject({ t: 1, h: expect.any(String) as string });
    expect(exported.holidays.find((h) => h.id === entry('09.11')?.h)?.title).toBe('День города');
    expect(entry('09.12')).toEqual({ d: '09.12', t: 3 });
    expect(entry('05.27')).toBeUndefined();
    expect(entry('07.03')).toEqual({ d: '07.03', t: 2 });
  });
});
