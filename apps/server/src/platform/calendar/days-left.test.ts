import { describe, expect, it } from 'vitest';
import { loadBundledCalendar } from './bundled.js';
import { formatDaysLeft, pluralRu } from './days-left.js';

const calendar = await loadBundledCalendar();

describe('pluralRu', () => {
  it.each([
    [0, 'дней'],
    [1, 'день'],
    [2, 'дня'],
    [4, 'дня'],
    [5, 'дней'],
    [11, 'дней'],
    [12, 'дней'],
    [14, 'дней'],
    [21, 'день'],
    [22, 'дня'],
    [25, 'дней'],
    [101, 'день'],
    [111, 'дней'],
    [112, 'дней'],
    [122, 'дня'],
  ])('%i → %s', (n, word) => {
    expect(pluralRu(n, 'день', 'дня', 'дней')).toBe(word);
  });
});

describe('workingDaysLeft and formatDaysLeft', () => {
  it.each([
    // today, due, expected — by hand on the 2025/2026 calendar
    ['2025-12-29', '2025-12-30', 'осталось 1 рабочий день'],
    ['2025-12-25', '2025-12-30', 'осталось 3 рабочих дня'], // 26, 29, 30
    ['2025-12-26', '2026-01-14', 'осталось 5 рабочих дней'],
    ['2026-01-02', '2026-02-13', 'осталось 25 рабочих дней'], // 12 Jan — 13 Feb: 5 weeks
    ['2026-01-16', '2026-02-16', 'осталось 21 рабочий день'],
    ['2025-12-30', '2025-12-30', 'срок истекает сегодня'],
    ['2026-01-05', '2026-01-05', 'срок истекает сегодня'], // a day off, but the same date
    ['2026-01-12', '2025-12-29', 'срок истёк 2 рабочих дня назад'], // 30 Dec, 12 Jan
    ['2026-01-12', '2025-12-30', 'срок истёк 1 рабочий день назад'],
    ['2026-01-16', '2025-12-30', 'срок истёк 5 рабочих дней назад'],
    ['2025-12-31', '2025-12-30', 'срок истёк'], // the next day is a day off: run out, 0 working days ago
    // A term due on a day off (only the `exact` rule ends so) with no working day before it — never
    // «осталось 0 рабочих дней».
    ['2025-12-27', '2025-12-28', 'срок истекает в нерабочий день, рабочих дней до него не осталось'], // Sat → Sun
    ['2025-12-26', '2025-12-28', 'срок истекает в нерабочий день, сегодня последний рабочий день'], // Fri → Sun
    ['2025-12-30', '2026-01-11', 'срок истекает в нерабочий день, сегодня последний рабочий день'], // → 11 Jan
    ['2025-12-25', '2025-12-28', 'осталось 1 рабочий день'], // Thu → Sun: Friday is left
  ])('on %s with the term due %s: «%s»', (today, due, text) => {
    expect(formatDaysLeft(calendar.workingDaysLeft(today, due))).toBe(text);
  });

  it('gives the figures for display', () => {
    expect(calendar.workingDaysLeft('2025-12-26', '2026-01-14')).toEqual({ status: 'ahead', workingDays: 5 });
    expect(calendar.workingDaysLeft('2026-01-12', '2025-12-29')).toEqual({
      status: 'overdue',
      workingDays: 2,
    });
    expect(calendar.workingDaysLeft('2026-01-12', '2026-01-12')).toEqual({
      status: 'due_today',
      workingDays: 0,
    });
    expect(calendar.workingDaysLeft('2025-12-27', '2025-12-28')).toEqual({
      status: 'ends_on_day_off',
      workingDays: 0,
      todayWorking: false,
    });
    expect(calendar.workingDaysLeft('2025-12-30', '2026-01-08')).toEqual({
      status: 'ends_on_day_off',
      workingDays: 0,
      todayWorking: true,
    });
  });
});
