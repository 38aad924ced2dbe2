import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBundledLayers } from './bundled.js';
import { formatOrdinal, ordinalOf } from './dates.js';
import { createNaiveCalendar } from '../../../test/support/calendar/naive-reference.js';
import type { LocalDay } from './types.js';
import { WorkCalendar } from './work-calendar.js';

const local: LocalDay[] = [
  { date: '2025-09-12', kind: 'dayoff', title: 'День города' },
  { date: '2026-01-10', kind: 'working', title: 'Рабочая суббота' },
  { date: '2027-07-05', kind: 'short', title: 'Сокращённый день' },
];

const federalLayers = await loadBundledLayers();
const tatarstanLayers = await loadBundledLayers('tatarstan');
const calendars = [
  {
    name: 'federal',
    calendar: WorkCalendar.create({ layers: federalLayers }),
    naive: createNaiveCalendar(federalLayers),
  },
  {
    name: 'Tatarstan with local days',
    calendar: WorkCalendar.create({ layers: tatarstanLayers, local }),
    naive: createNaiveCalendar(tatarstanLayers, local),
  },
];

const FIRST = ordinalOf(2023, 12, 1);
const LAST = ordinalOf(2027, 12, 31);
const date = fc.integer({ min: FIRST, max: LAST }).map(formatOrdinal);
const term = fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 600 }));

describe.each(calendars)('$name calendar', ({ calendar, naive }) => {
  it('addWorkingDays lands on a working day and inverts countWorkingDays', () => {
    fc.assert(
      fc.property(date, term, (from, n) => {
        const due = calendar.addWorkingDays(from, n);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(due > from).toBe(true);
        expect(calendar.countWorkingDays(from, due)).toBe(n);
        expect(calendar.countWorkingDays(due, from)).toBe(-n);
      }),
      { numRuns: 500 },
    );
  });

  it('addWorkingDays is monotonic in n and in the start date', () => {
    fc.assert(
      fc.property(date, date, term, term, (d1, d2, n1, n2) => {
        const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const [small, large] = n1 <= n2 ? [n1, n2] : [n2, n1];
        expect(calendar.addWorkingDays(early, small) <= calendar.addWorkingDays(early, large)).toBe(true);
        if (small < large)
          expect(calendar.addWorkingDays(early, small) < calendar.addWorkingDays(early, large)).toBe(true);
        expect(calendar.addWorkingDays(early, small) <= calendar.addWorkingDays(late, small)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('next_working_day_if_off lands on the first working day on or after the exact date', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 400 }), (from, n) => {
        const exact = calendar.addCalendarDays(from, n, 'exact');
        const moved = calendar.addCalendarDays(from, n, 'next_working_day_if_off');
        expect(calendar.isWorkingDay(moved)).toBe(true);
        expect(moved >= exact).toBe(true);
        if (calendar.isWorkingDay(exact)) expect(moved).toBe(exact);
        // No working day lies in [exact, moved).
        expect(calendar.countWorkingDays(exact, moved)).toBe(calendar.isWorkingDay(exact) ? 0 : 1);
      }),
      { numRuns: 500 },
    );
  });

  it('answers as the naive day-by-day reference does', () => {
    fc.assert(
      fc.property(date, date, term, fc.integer({ min: 1, max: 400 }), (from, to, n, days) => {
        expect(calendar.isWorkingDay(from)).toBe(naive.isWorkingDay(from));
        expect(calendar.addWorkingDays(from, n)).toBe(naive.addWorkingDays(from, n));
        expect(calendar.countWorkingDays(from, to)).toBe(naive.countWorkingDays(from, to));
        expect(calendar.addCalendarDays(from, days, 'exact')).toBe(
          naive.addCalendarDays(from, days, 'exact'),
        );
        expect(calendar.addCalendarDays(from, days, 'next_working_day_if_off')).toBe(
          naive.addCalendarDays(from, days, 'next_working_day_if_off'),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the reference on every day of the span', () => {
    for (let ordinal = FIRST; ordinal <= LAST; ordinal++) {
      const day = formatOrdinal(ordinal);
      expect(calendar.isWorkingDay(day), day).toBe(naive.isWorkingDay(day));
    }
  });
});

describe('a fresh calendar grows its index on demand', () => {
  it('gives the same answers whatever the order of queries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: ordinalOf(1990, 1, 1), max: ordinalOf(2100, 1, 1) }), term)),
        (queries) => {
          const fresh = WorkCalendar.create({ layers: federalLayers });
          const reference = calendars[0]?.calendar;
          for (const [ordinal, n] of queries) {
            expect(fresh.addWorkingDays(formatOrdinal(ordinal), n)).toBe(
              reference?.addWorkingDays(formatOrdinal(ordinal), n),
            );
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
