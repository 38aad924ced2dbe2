import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { loadBundledCalendar } from './bundled.js';
import type { DayKind, DayReason } from './types.js';
import { WorkCalendar } from './work-calendar.js';

// Every expected value below is written by hand from the decrees' text and a wall calendar, not computed.
const federal = await loadBundledCalendar();
const tatarstan = await loadBundledCalendar('tatarstan');

type Expected = [date: string, kind: DayKind, reason: DayReason];

const transfer = (from: string): DayReason => ({ type: 'transfer', from });
const holiday = (title: string): DayReason => ({ type: 'holiday', title });
const WORKING_WEEKEND: DayReason = { type: 'working_weekend' };
const PREHOLIDAY: DayReason = { type: 'preholiday' };
const WORKDAY: DayReason = { type: 'workday' };
const WEEKEND: DayReason = { type: 'weekend' };

function expectDays(calendar: WorkCalendar, days: Expected[]): void {
  for (const [date, kind, reason] of days) {
    expect(calendar.dayInfo(date), date).toEqual({ date, kind, reason, provisional: false });
    expect(calendar.isWorkingDay(date), date).toBe(kind !== 'dayoff');
  }
}

describe('federal transfers', () => {
  it('2024, ПП РФ от 10.08.2023 № 1314', () => {
    expectDays(federal, [
      ['2024-01-06', 'dayoff', holiday('Новогодние каникулы')], // Saturday
      ['2024-01-07', 'dayoff', holiday('Рождество Христово')], // Sunday
      ['2024-04-27', 'working', WORKING_WEEKEND], // Saturday
      ['2024-04-29', 'dayoff', transfer('2024-04-27')],
      ['2024-04-30', 'dayoff', transfer('2024-11-02')],
      ['2024-05-10', 'dayoff', transfer('2024-01-06')],
      ['2024-11-02', 'short', WORKING_WEEKEND], // Saturday, also the working day before 4 November
      ['2024-12-28', 'working', WORKING_WEEKEND], // Saturday
      ['2024-12-30', 'dayoff', transfer('2024-12-28')],
      ['2024-12-31', 'dayoff', transfer('2024-01-07')],
    ]);
  });

  it('2025, ПП РФ от 04.10.2024 № 1335', () => {
    expectDays(federal, [
      ['2025-01-04', 'dayoff', holiday('Новогодние каникулы')],
      ['2025-02-23', 'dayoff', holiday('День защитника Отечества')], // Sunday
      ['2025-03-08', 'dayoff', holiday('Международный женский день')], // Saturday
      ['2025-05-02', 'dayoff', transfer('2025-01-04')],
      ['2025-05-08', 'dayoff', transfer('2025-02-23')],
      ['2025-06-13', 'dayoff', transfer('2025-03-08')],
      ['2025-11-01', 'short', WORKING_WEEKEND], // Saturday
      ['2025-11-03', 'dayoff', transfer('2025-11-01')],
      ['2025-12-31', 'dayoff', transfer('2025-01-05')],
      ['2025-02-24', 'working', WORKDAY], // Feb 23 on Sunday: its day off went to 8 May, not to Monday
    ]);
  });

  it('2026, ПП РФ от 24.09.2025 № 1466 and ТК РФ ст. 112 ч. 2', () => {
    expectDays(federal, [
      ['2026-01-09', 'dayoff', transfer('2026-01-03')],
      ['2026-12-31', 'dayoff', transfer('2026-01-04')],
      ['2026-03-09', 'dayoff', transfer('2026-03-08')], // 8 March on Sunday
      ['2026-05-11', 'dayoff', transfer('2026-05-09')], // 9 May on Saturday
      ['2026-06-13', 'dayoff', WEEKEND],
      ['2026-01-10', 'dayoff', WEEKEND],
      ['2026-01-12', 'working', WORKDAY],
    ]);
  });

  it('shortens the working day before a holiday, not across a weekend', () => {
    expectDays(federal, [
      ['2024-02-22', 'short', PREHOLIDAY],
      ['2024-03-07', 'short', PREHOLIDAY],
      ['2024-05-08', 'short', PREHOLIDAY],
      ['2024-06-11', 'short', PREHOLIDAY],
      ['2025-03-07', 'short', PREHOLIDAY], // Friday before Saturday 8 March
      ['2025-04-30', 'short', PREHOLIDAY],
      ['2025-06-11', 'short', PREHOLIDAY],
      ['2026-04-30', 'short', PREHOLIDAY],
      ['2026-05-08', 'short', PREHOLIDAY], // Friday before Saturday 9 May
      ['2026-06-11', 'short', PREHOLIDAY],
      ['2026-11-03', 'short', PREHOLIDAY],
      ['2026-02-20', 'working', WORKDAY], // Friday; 23 February 2026 is a Monday
      ['2025-05-07', 'working', WORKDAY], // 8 May 2025 is a transferred day off, not a holiday
    ]);
  });

  it('counts the working days of each year', () => {
    expect(federal.countWorkingDays('2023-12-31', '2024-12-31')).toBe(248);
    expect(federal.countWorkingDays('2024-12-31', '2025-12-31')).toBe(247);
    expect(federal.countWorkingDays('2025-12-31', '2026-12-31')).toBe(247);
    expect(federal.countWorkingDays('2026-12-31', '2027-12-31')).toBe(247); // provisional file
    expect(tatarstan.countWorkingDays('2023-12-31', '2024-12-31')).toBe(245);
    expect(tatarstan.countWorkingDays('2024-12-31', '2025-12-31')).toBe(245);
    expect(tatarstan.countWorkingDays('2025-12-31', '2026-12-31')).toBe(244);
  });
});

describe('terms across the new year', () => {
  it('counts the working days after the start date', () => {
    // 29, 30 December 2025; 31 Dec — 11 Jan off; 12, 13, 14 January 2026.
    expect(federal.addWorkingDays('2025-12-26', 5)).toBe('2026-01-14');
    expect(federal.countWorkingDays('2025-12-26', '2026-01-14')).toBe(5);
    expect(federal.addWorkingDays('2025-12-30', 1)).toBe('2026-01-12');
    // Saturday 28 December 2024 is a working day; then 29 Dec — 8 Jan off.
    expect(federal.addWorkingDays('2024-12-27', 1)).toBe('2024-12-28');
    expect(federal.addWorkingDays('2024-12-27', 2)).toBe('2025-01-09');
    expect(federal.addWorkingDays('2024-12-28', 1)).toBe('2025-01-09');
    // 1–8 January 2024 are holidays, 2023 is not loaded.
    expect(federal.addWorkingDays('2023-12-29', 1)).toBe('2024-01-09');
    // 31 December 2026 off, 2027 provisional: 1–10 January off.
    expect(federal.addWorkingDays('2026-12-30', 1)).toBe('2027-01-11');
    expect(federal.isProvisional('2027-01-11')).toBe(true);
    expect(federal.isProvisional('2026-12-30')).toBe(false);
  });

  it('applies the ГК РФ ст. 193 rule only when asked', () => {
    expect(federal.addCalendarDays('2025-12-01', 30, 'exact')).toBe('2025-12-31');
    expect(federal.addCalendarDays('2025-12-01', 30, 'next_working_day_if_off')).toBe('2026-01-12');
    expect(federal.addCalendarDays('2024-04-26', 1, 'next_working_day_if_off')).toBe('2024-04-27');
    expect(federal.addCalendarDays('2024-04-27', 2, 'next_working_day_if_off')).toBe('2024-05-02');
    expect(federal.addCalendarDays('2025-02-28', 1, 'exact')).toBe('2025-03-01');
    expect(federal.addCalendarDays('2024-02-28', 1, 'exact')).toBe('2024-02-29');
  });
});

describe('Tatarstan', () => {
  const uraza = holiday('Ураза-байрам');
  const kurban = holiday('Курбан-байрам');
  const republic = holiday('День Республики Татарстан');
  const constitution = holiday('День Конституции Республики Татарстан');

  it('2024: 10 Apr, 16 Jun (Sunday), 30 Aug, 6 Nov', () => {
    expectDays(tatarstan, [
      ['2024-04-09', 'short', PREHOLIDAY],
      ['2024-04-10', 'dayoff', uraza],
      ['2024-06-14', 'working', WORKDAY], // a weekend lies between: not shortened
      ['2024-06-16', 'dayoff', kurban],
      ['2024-06-17', 'working', WORKDAY], // not moved off the weekend
      ['2024-08-29', 'short', PREHOLIDAY],
      ['2024-08-30', 'dayoff', republic],
      ['2024-11-05', 'short', PREHOLIDAY],
      ['2024-11-06', 'dayoff', constitution],
      ['2024-04-29', 'dayoff', transfer('2024-04-27')], // the federal days stay
    ]);
  });

  it('2025: 30 Mar (Sunday), 6 Jun, 30 Aug (Saturday), 6 Nov', () => {
    expectDays(tatarstan, [
      ['2025-03-28', 'working', WORKDAY],
      ['2025-03-30', 'dayoff', uraza],
      ['2025-03-31', 'working', WORKDAY],
      ['2025-06-05', 'short', PREHOLIDAY],
      ['2025-06-06', 'dayoff', kurban],
      ['2025-08-29', 'short', PREHOLIDAY], // Friday before a Saturday holiday
      ['2025-08-30', 'dayoff', republic],
      ['2025-09-01', 'working', WORKDAY],
      ['2025-11-05', 'short', PREHOLIDAY],
      ['2025-11-06', 'dayoff', constitution],
    ]);
  });

  it('2026: 20 Mar, 27 May, 30 Aug (Sunday), 6 Nov', () => {
    expectDays(tatarstan, [
      ['2026-03-19', 'short', PREHOLIDAY],
      ['2026-03-20', 'dayoff', uraza],
      ['2026-05-26', 'short', PREHOLIDAY],
      ['2026-05-27', 'dayoff', kurban],
      ['2026-08-28', 'working', WORKDAY],
      ['2026-08-30', 'dayoff', republic],
      ['2026-08-31', 'working', WORKDAY],
      ['2026-11-05', 'short', PREHOLIDAY],
      ['2026-11-06', 'dayoff', constitution],
    ]);
  });

  it('differs from the federal calendar only on those days', () => {
    expectDays(federal, [
      ['2024-04-10', 'working', WORKDAY],
      ['2025-06-06', 'working', WORKDAY],
      ['2026-11-05', 'working', WORKDAY],
    ]);
    expect(federal.addWorkingDays('2024-04-09', 1)).toBe('2024-04-10');
    expect(tatarstan.addWorkingDays('2024-04-09', 1)).toBe('2024-04-11');
    expect(tatarstan.addWorkingDays('2026-05-22', 5)).toBe('2026-06-01'); // 25, 26, 28, 29 May, 1 June
  });
});

describe('years without a confirmed calendar', () => {
  it('knows which years are loaded', () => {
    expect(federal.loadedYears).toEqual([2024, 2025, 2026, 2027]);
    expect(tatarstan.loadedYears).toEqual([2024, 2025, 2026]);
    for (const date of ['2023-12-31', '2027-03-01', '2028-01-01', '2035-06-01']) {
      expect(federal.isProvisional(date), date).toBe(true);
    }
    expect(federal.isProvisional('2026-06-01')).toBe(false);
    expect(tatarstan.isProvisional('2027-03-01')).toBe(true);
    expect(federal.dayInfo('2027-02-20')).toEqual({
      date: '2027-02-20',
      kind: 'short',
      reason: WORKING_WEEKEND,
      provisional: true,
    });
  });

  it('falls back to the standard week and ТК РФ ст. 112, marked provisional', () => {
    // 2028: 1 January is a Saturday; 9 May a Tuesday; 4 November a Saturday.
    const expected: Expected[] = [
      ['2028-01-08', 'dayoff', holiday('Новогодние каникулы')],
      ['2028-01-10', 'working', WORKDAY], // January holidays are not moved without a decree
      ['2028-05-08', 'short', PREHOLIDAY],
      ['2028-05-09', 'dayoff', holiday('День Победы')],
      ['2028-11-03', 'short', PREHOLIDAY],
      ['2028-11-04', 'dayoff', holiday('День народного единства')],
      ['2028-11-06', 'dayoff', transfer('2028-11-04')],
      ['2028-12-29', 'working', WORKDAY], // Friday; 30–31 December are a weekend, 1 January 2029 a Monday
      ['2029-12-31', 'short', PREHOLIDAY], // Monday before 1 January 2030
    ];
    for (const [date, kind, reason] of expected) {
      expect(federal.dayInfo(date), date).toEqual({ date, kind, reason, provisional: true });
    }
    // Tatarstan 2027 has no file: federal 2027 plus 30 August (Monday); 6 November is a Saturday.
    expect(tatarstan.dayInfo('2027-08-30')).toMatchObject({ kind: 'dayoff', provisional: true });
    expect(tatarstan.dayInfo('2027-11-05')).toMatchObject({ kind: 'dayoff', reason: transfer('2027-01-02') });
    expect(tatarstan.countWorkingDays('2026-12-31', '2027-12-31')).toBe(246);
  });

  it('grows its index for far dates and refuses dates it cannot answer for', () => {
    // 31 December 2150 is a Thursday, 1 January 2151 a Friday: 1–10 January off.
    expect(federal.addWorkingDays('2150-12-30', 1)).toBe('2150-12-31');
    expect(federal.addWorkingDays('2150-12-31', 1)).toBe('2151-01-11');
    expect(federal.countWorkingDays('1990-01-01', '1990-01-02')).toBe(0);
    expect(() => federal.addWorkingDays('2199-12-01', 100)).toThrow(AppError);
    expect(() => federal.dayInfo('2025-02-29')).toThrow('Неверная дата "2025-02-29"');
    expect(() => federal.addWorkingDays('2025-13-01', 1)).toThrow(AppError);
    expect(() => federal.addWorkingDays('2025-01-01', 0)).toThrow(
      'Срок должен быть целым числом не меньше 1',
    );
    expect(() => federal.addCalendarDays('2025-01-01', 1.5, 'exact')).toThrow(AppError);
  });
});

describe('local decisions of a municipality', () => {
  const city = WorkCalendar.create({
    layers: [],
    local: [
      { date: '2025-09-12', kind: 'dayoff', title: 'День города' },
      { date: '2025-09-13', kind: 'working', title: 'Рабочая суббота по постановлению главы' },
    ],
  });

  it('override the layers below for their dates', () => {
    expect(city.dayInfo('2025-09-12')).toEqual({
      date: '2025-09-12',
      kind: 'dayoff',
      reason: { type: 'local', title: 'День города' },
      provisional: true,
    });
    expect(city.addWorkingDays('2025-09-11', 1)).toBe('2025-09-13');
    expect(city.addWorkingDays('2025-09-11', 2)).toBe('2025-09-15');
    expect(() =>
      WorkCalendar.create({
        layers: [],
        local: [
          { date: '2025-09-12', kind: 'dayoff', title: 'а' },
          { date: '2025-09-12', kind: 'working', title: 'б' },
        ],
      }),
    ).toThrow('День 2025-09-12 указан дважды');
  });
});
