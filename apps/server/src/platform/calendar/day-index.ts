import { isWeekend, ordinalOf } from './dates.js';
import type { DayKind, DayReason, ResolvedDay } from './types.js';

export const KIND_CODES: Record<DayKind, number> = { working: 0, short: 1, dayoff: 2 };
export const KINDS: readonly DayKind[] = ['working', 'short', 'dayoff'];
const DAYOFF = KIND_CODES.dayoff;

/**
 * The precomputed calendar over whole years `firstYear..lastYear`: the kind of each day, the running count
 * of working days and, as its inverse, the ordinal of each working day, so that "the N-th working day after"
 * and "working days between" are array look-ups.
 */
export class DayIndex {
  /** Ordinal of 1 January of `firstYear`. */
  readonly start: number;
  /** Ordinal of 31 December of `lastYear`. */
  readonly end: number;
  readonly kinds: Uint8Array;
  /** Reasons of the special days; an ordinary day's reason follows from its weekday. */
  readonly reasons = new Map<number, DayReason>();
  /** `cumulative[i]` = working days among the first `i` days of the span. */
  readonly cumulative: Int32Array;
  /** `working[k]` = ordinal of the (k+1)-th working day of the span. */
  readonly working: Int32Array;

  constructor(
    readonly firstYear: number,
    readonly lastYear: number,
    resolveYear: (year: number) => ReadonlyMap<number, ResolvedDay>,
  ) {
    this.start = ordinalOf(firstYear, 1, 1);
    this.end = ordinalOf(lastYear, 12, 31);
    const length = this.end - this.start + 1;
    this.kinds = new Uint8Array(length);
    for (let i = 0; i < length; i++) if (isWeekend(this.start + i)) this.kinds[i] = DAYOFF;
    for (let year = firstYear; year <= lastYear; year++) {
      for (const [ordinal, day] of resolveYear(year)) {
        this.kinds[ordinal - this.start] = KIND_CODES[day.kind];
        this.reasons.set(ordinal, day.reason);
      }
    }
    this.cumulative = new Int32Array(length + 1);
    let count = 0;
    for (let i = 0; i < length; i++) {
      if (this.kinds[i] !== DAYOFF) count++;
      this.cumulative[i + 1] = count;
    }
    this.working = new Int32Array(count);
    for (let i = 0, k = 0; i < length; i++) if (this.kinds[i] !== DAYOFF) this.working[k++] = this.start + i;
  }

  covers(ordinal: number): boolean {
    return ordinal >= this.start && ordinal <= this.end;
  }

  isWorking(ordinal: number): boolean {
    return this.kinds[ordinal - this.start] !== DAYOFF;
  }

  kind(ordinal: number): DayKind {
    return KINDS[this.kinds[ordinal - this.start] ?? DAYOFF] ?? 'dayoff';
  }

  /** Working days from the start of the span up to and including `ordinal`. */
  workingThrough(ordinal: number): number {
    return this.cumulative[ordinal - this.start + 1] ?? Number.NaN;
  }

  /** Ordinal of the `count`-th working day of the span (1-based); undefined past its end. */
  nthWorking(count: number): number | undefined {
    return this.working[count - 1];
  }
}
