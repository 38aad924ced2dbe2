import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CALENDAR_DIR, federalDaysOf, loadBundledLayers } from './bundled.js';
import { regionalOwnDays } from './layers.js';
import type { CalendarLayer } from './types.js';
import { WorkCalendar } from './work-calendar.js';
import { parseXmlCalendar, type XmlCalendar } from './xmlcalendar.js';

const [federal, tatarstan] = (await loadBundledLayers('tatarstan')) as [CalendarLayer, CalendarLayer];

async function bundledFile(layer: string, year: number): Promise<XmlCalendar> {
  const text = await readFile(path.join(BUNDLED_CALENDAR_DIR, layer, String(year), 'calendar.xml'), 'utf8');
  return parseXmlCalendar(text, { expectedYear: year });
}

/** The federal layer with one year replaced, as an operator's federal import does. */
function withFederalYear(calendar: XmlCalendar): CalendarLayer {
  return {
    ...federal,
    years: federal.years.map((file) => (file.calendar.year === calendar.year ? { ...file, calendar } : file)),
  };
}

function workingDays(calendar: WorkCalendar, year: number): number {
  return calendar.countWorkingDays(`${year - 1}-12-31`, `${year}-12-31`);
}

describe('a regional layer holds only the region’s own days', () => {
  it('keeps of each bundled Tatarstan file only the republic’s days, not the federal ones it repeats', () => {
    const own = (year: number) => {
      const file = tatarstan.years.find((f) => f.calendar.year === year)?.calendar;
      return [file?.days.map((day) => `${day.d} t${day.t}`), file?.holidays.map((h) => h.title)];
    };
    const holidays = [
      'Ураза-байрам',
      'Курбан-байрам',
      'День Республики Татарстан',
      'День Конституции Республики Татарстан',
    ];
    expect(own(2024)).toEqual([
      ['04.09 t2', '04.10 t1', '06.16 t1', '08.29 t2', '08.30 t1', '11.05 t2', '11.06 t1'],
      holidays,
    ]);
    expect(own(2025)).toEqual([
      ['03.30 t1', '06.05 t2', '06.06 t1', '08.29 t2', '08.30 t1', '11.05 t2', '11.06 t1'],
      holidays,
    ]);
    expect(own(2026)).toEqual([
      ['03.19 t2', '03.20 t1', '05.26 t2', '05.27 t1', '08.30 t1', '11.05 t2', '11.06 t1'],
      holidays,
    ]);
  });

  it('keeps the published Tatarstan totals: 245, 245, 244 working days', () => {
    const calendar = WorkCalendar.create({ layers: [federal, tatarstan] });
    expect([2024, 2025, 2026].map((year) => workingDays(calendar, year))).toEqual([245, 245, 244]);
  });

  it('lets a federal import decide a federal date the regional file also listed (31 December 2026)', async () => {
    const corrected = await bundledFile('ru', 2026);
    corrected.days = corrected.days.filter((day) => day.d !== '12.31');
    const calendar = WorkCalendar.create({ layers: [withFederalYear(corrected), tatarstan] });
    expect(calendar.dayInfo('2026-12-31')).toMatchObject({ kind: 'working', reason: { type: 'workday' } });
    // The republic's own days stay.
    expect(calendar.dayInfo('2026-03-20')).toMatchObject({
      kind: 'dayoff',
      reason: { type: 'holiday', title: 'Ураза-байрам' },
    });
    expect(calendar.dayInfo('2026-03-19')).toMatchObject({ kind: 'short', reason: { type: 'preholiday' } });
    expect(workingDays(calendar, 2026)).toBe(245);
  });

  it('reads a regional xmlcalendar file that repeats the federal days the same way', async () => {
    // What regional files published on the web look like: the federal year plus the region's days.
    const full = await bundledFile('tatarstan', 2026);
    expect(full.days).toHaveLength(29);
    const own = regionalOwnDays(full, federalDaysOf(federal));
    expect(own.days.map((day) => day.d)).toEqual([
      '03.19',
      '03.20',
      '05.26',
      '05.27',
      '08.30',
      '11.05',
      '11.06',
    ]);
    // Against a federal year that already lacks 31 December the regional 31 December is the region's own.
    const corrected = await bundledFile('ru', 2026);
    corrected.days = corrected.days.filter((day) => day.d !== '12.31');
    const later = regionalOwnDays(full, federalDaysOf(withFederalYear(corrected)));
    expect(later.days.map((day) => day.d)).toContain('12.31');
  });

  it('keeps a short day before a regional holiday even where the federal file shortens it too', () => {
    // TEST DATA: a regional holiday on 12 June 2026 (День России; 11 June is short in the federal file too)
    // and on Wednesday 11 November; the federal 3–4 November repeated as they are.
    const regional: XmlCalendar = {
      year: 2026,
      holidays: [
        { id: '1', title: 'День народного единства' },
        { id: '9', title: 'Региональный праздник' },
      ],
      days: [
        { d: '06.11', t: 2 },
        { d: '06.12', t: 1, h: '9' },
        { d: '11.03', t: 2 },
        { d: '11.04', t: 1, h: '1' },
        { d: '11.10', t: 2 },
        { d: '11.11', t: 1, h: '9' },
      ],
    };
    const own = regionalOwnDays(regional, federalDaysOf(federal));
    expect(own.days.map((day) => day.d)).toEqual(['06.11', '06.12', '11.10', '11.11']);
    expect(own.holidays).toEqual([{ id: '9', title: 'Региональный праздник' }]);
  });

  it('does not turn a federal day off into a short working day by a regional pre-holiday hour', async () => {
    // TEST DATA: a corrected federal 2026 moving a day off onto Thursday 19 March, the eve of Ураза-байрам.
    const corrected = await bundledFile('ru', 2026);
    corrected.days.push({ d: '03.19', t: 1, f: '01.03' });
    corrected.days.sort((a, b) => a.d.localeCompare(b.d));
    const calendar = WorkCalendar.create({ layers: [withFederalYear(corrected), tatarstan] });
    expect(calendar.dayInfo('2026-03-19')).toMatchObject({
      kind: 'dayoff',
      reason: { type: 'transfer', from: '2026-01-03' },
    });
    expect(calendar.dayInfo('2026-03-20')).toMatchObject({ kind: 'dayoff' });
  });
});
