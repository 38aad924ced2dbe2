import { fieldError } from '../errors.js';
import type { IsoDate } from './dates.js';
import {
  civilOf,
  formatOrdinal,
  isWeekend,
  LAST_ORDINAL,
  MAX_YEAR,
  MIN_YEAR,
  parseIsoDate,
} from './dates.js';
import { DayIndex } from './day-index.js';
import type { DaysLeft } from './days-left.js';
import { LayeredYears } from './layers.js';
import type { CalendarDayRule, CalendarLayer, DayInfo, LocalDay, ResolvedDay } from './types.js';

export interface WorkCalendarOptions {
  /**
   * Lowest first: the federal calendar, then the region's (its own days only, see `regionalOwnDays`); later
   * layers override earlier ones per date.
   */
  layers: readonly CalendarLayer[];
  /** The municipality's own decisions; they override every layer. */
  local?: readonly LocalDay[];
}

/** Whole years added around a requested date when the index grows, so neighbouring queries reuse it. */
const GROWTH_MARGIN = 2;
/** Fewer working days than any real year has: bounds how far the index must grow for a long term. */
const MIN_WORKING_DAYS_A_YEAR = 200;

function checkTerm(n: number, field = 'n'): void {
  if (!Number.isSafeInteger(n) || n < 1) throw fieldError(field, 'Срок должен быть целым числом не меньше 1');
}

function beyondRange(): never {
  throw fieldError('n', `Срок выходит за пределы календаря (${MIN_YEAR}–${MAX_YEAR} гг.)`);
}

/**
 * The work calendar of one municipality: federal days, its region's, and its own. Terms in working days are
 * counted on it (DOMAIN: a term of N working days from D ends on the N-th working day after D, D not counted).
 * Years with no calendar file fall back to the standard week and the fixed holidays and are provisional.
 */
export class WorkCalendar {
  private readonly years: LayeredYears;
  private readonly resolved = new Map<number, ReadonlyMap<number, ResolvedDay>>();
  private index: DayIndex;

  private constructor(options: WorkCalendarOptions) {
    this.years = new LayeredYears(options.layers, options.local ?? []);
    const mentioned = this.years.mentionedYears();
    const first = mentioned.length > 0 ? Math.min(...mentioned) : 2024;
    const last = mentioned.length > 0 ? Math.max(...mentioned) : 2026;
    this.index = this.build(first - 1, last + 1);
  }

  static create(options: WorkCalendarOptions): WorkCalendar {
    return new WorkCalendar(options);
  }

  /** Years every layer has a file for (provisional files included), ascending. */
  get loadedYears(): readonly number[] {
    return this.years.loadedYears;
  }

  private build(firstYear: number, lastYear: number): DayIndex {
    return new DayIndex(Math.max(MIN_YEAR, firstYear), Math.min(MAX_YEAR, lastYear), (year) => {
      let days = this.resolved.get(year);
      if (!days) {
        days = this.years.resolve(year);
        this.resolved.set(year, days);
      }
      return days;
    });
  }

  /** Grows the index to cover `ordinal` (a valid date in the supported years). */
  private cover(ordinal: number): void {
    if (this.index.covers(ordinal)) return;
    const { year } = civilOf(ordinal);
    this.index = this.build(
      Math.min(this.index.firstYear, year - GROWTH_MARGIN),
      Math.max(this.index.lastYear, year + GROWTH_MARGIN),
    );
  }

  private ordinal(date: IsoDate, field: string): number {
    const ordinal = parseIsoDate(date, field);
    this.cover(ordinal);
    return ordinal;
  }

  /** The `count`-th working day of the index span, growing the span forward as needed. */
  private nthWorking(count: () => number): number {
    for (;;) {
      const ordinal = this.index.nthWorking(count());
      if (ordinal !== undefined) return ordinal;
      if (this.index.lastYear >= MAX_YEAR) beyondRange();
      const missing = count() - this.index.working.length;
      this.index = this.build(
        this.index.firstYear,
        this.index.lastYear + Math.ceil(missing / MIN_WORKING_DAYS_A_YEAR) + GROWTH_MARGIN,
      );
    }
  }

  dayInfo(date: IsoDate): DayInfo {
    const ordinal = this.ordinal(date, 'date');
    const kind = this.index.kind(ordinal);
    const reason =
      this.index.reasons.get(ordinal) ?? (isWeekend(ordinal) ? { type: 'weekend' } : { type: 'workday' });
    return { date, kind, reason, provisional: !this.years.isConfirmed(civilOf(ordinal).year) };
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.index.isWorking(this.ordinal(date, 'date'));
  }

  /** True when the date's year has no confirmed calendar (not loaded, or loaded as provisional). */
  isProvisional(date: IsoDate): boolean {
    return !this.years.isConfirmed(civilOf(parseIsoDate(date)).year);
  }

  /** The N-th working day after `from` (`from` itself not counted), n ≥ 1. */
  addWorkingDays(from: IsoDate, n: number): IsoDate {
    checkTerm(n);
    const start = this.ordinal(from, 'from');
    return formatOrdinal(this.nthWorking(() => this.index.workingThrough(start) + n));
  }

  /**
   * `from` + n calendar days; with `next_working_day_if_off` a date that is not a working day moves to the
   * next working day (ГК РФ ст. 193). Each term states its rule.
   */
  addCalendarDays(from: IsoDate, n: number, rule: CalendarDayRule): IsoDate {
    checkTerm(n);
    const target = parseIsoDate(from, 'from') + n;
    if (target > LAST_ORDINAL) beyondRange();
    switch (rule) {
      case 'exact':
        return formatOrdinal(target);
      case 'next_working_day_if_off':
        this.cover(target);
        return formatOrdinal(this.nthWorking(() => this.index.workingThrough(target - 1) + 1));
    }
  }

  /**
   * Working days in (from, to]; so `countWorkingDays(d, addWorkingDays(d, n)) === n`. When `to` is before
   * `from` the answer is minus the working days in (to, from].
   */
  countWorkingDays(from: IsoDate, to: IsoDate): number {
    const a = this.ordinal(from, 'from');
    const b = this.ordinal(to, 'to');
    return this.index.workingThrough(b) - this.index.workingThrough(a);
  }

  /** Working days left to `due` as seen on `today`, for display (see `formatDaysLeft`). */
  workingDaysLeft(today: IsoDate, due: IsoDate): DaysLeft {
    const ahead = this.countWorkingDays(today, due);
    if (today === due) return { status: 'due_today', workingDays: 0 };
    if (today > due) return { status: 'overdue', workingDays: this.countWorkingDays(due, today) };
    // No working day in (today, due]: the due date is a day off (an `exact` term in calendar days).
    if (ahead === 0)
      return { status: 'ends_on_day_off', workingDays: 0, todayWorking: this.isWorkingDay(today) };
    return { status: 'ahead', workingDays: ahead };
  }
}
