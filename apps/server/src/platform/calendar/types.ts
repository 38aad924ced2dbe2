import type { IsoDate } from './dates.js';
import type { XmlCalendar } from './xmlcalendar.js';

/** A shortened day is a working day one hour shorter (ТК РФ ст. 95); it counts in working-day terms. */
export type DayKind = 'working' | 'short' | 'dayoff';

export type DayReason =
  /** An ordinary Monday–Friday. */
  | { type: 'workday' }
  /** An ordinary Saturday or Sunday. */
  | { type: 'weekend' }
  | { type: 'holiday'; title: string }
  /** A day off moved here from `from` (by decree, or by ТК РФ ст. 112 ч. 2 when a holiday falls on a weekend). */
  | { type: 'transfer'; from: IsoDate }
  /** A day off the calendar file declares without naming a holiday or a transfer. */
  | { type: 'nonworking' }
  /** A Saturday or Sunday made a working day (its day off moved elsewhere); may also be shortened. */
  | { type: 'working_weekend' }
  /** The working day right before a non-working holiday, one hour shorter (ТК РФ ст. 95). */
  | { type: 'preholiday' }
  /** A decision of the municipality. */
  | { type: 'local'; title: string };

export interface DayInfo {
  date: IsoDate;
  kind: DayKind;
  reason: DayReason;
  /** The date lies in a year with no confirmed calendar: an estimate to be shown as such. */
  provisional: boolean;
}

export interface ResolvedDay {
  kind: DayKind;
  reason: DayReason;
}

/** A holiday fixed by law on the same date every year; used for years no file covers. */
export interface FixedHoliday {
  month: number;
  day: number;
  title: string;
  /** ТК РФ ст. 112 ч. 2: on a Saturday or Sunday the day off moves to the next working day. */
  movesOffWeekend: boolean;
}

export interface CalendarYearFile {
  calendar: XmlCalendar;
  /** No decree yet: the file is a forecast. */
  provisional: boolean;
  source?: string;
}

/**
 * One level of the calendar: the federal one, a region's, or an operator-entered set of years.
 * For a year it has a file for, its listed days override the layers below it date by date (except that a
 * pre-holiday short day does not turn a lower layer's day off into a working day); for any other year its
 * fixed holidays are applied and the year is provisional. A region's files hold only the region's own days
 * (`regionalOwnDays`): the federal days come from the federal layer, so a federal import decides them.
 */
export interface CalendarLayer {
  name: string;
  years: readonly CalendarYearFile[];
  fallback: readonly FixedHoliday[];
}

/** A municipality's own decision for one date; overrides every layer. */
export interface LocalDay {
  date: IsoDate;
  kind: DayKind;
  title: string;
}

/**
 * How a term in calendar days ends: `exact` — on the computed date whatever it is; `next_working_day_if_off`
 * — a last day that is not a working day moves to the next working day (ГК РФ ст. 193).
 */
export type CalendarDayRule = 'exact' | 'next_working_day_if_off';
