import { fieldError } from '../errors.js';
import { civilOf, isWeekend, ordinalOf, parseIsoDate } from './dates.js';
import { applyFixedHolidays } from './fallback.js';
import type { CalendarLayer, CalendarYearFile, LocalDay, ResolvedDay } from './types.js';
import type { XmlCalendar, XmlDay } from './xmlcalendar.js';

function monthDayOrdinal(year: number, monthDay: string): number {
  return ordinalOf(year, Number(monthDay.slice(0, 2)), Number(monthDay.slice(3, 5)));
}

function resolveXmlDay(calendar: XmlCalendar, day: XmlDay, ordinal: number): ResolvedDay {
  const weekend = isWeekend(ordinal);
  switch (day.t) {
    case 1: {
      const title = calendar.holidays.find((holiday) => holiday.id === day.h)?.title;
      if (title !== undefined) return { kind: 'dayoff', reason: { type: 'holiday', title } };
      if (day.f !== undefined) {
        const from = `${calendar.year}-${day.f.slice(0, 2)}-${day.f.slice(3, 5)}`;
        return { kind: 'dayoff', reason: { type: 'transfer', from } };
      }
      return { kind: 'dayoff', reason: { type: weekend ? 'weekend' : 'nonworking' } };
    }
    case 2:
      return { kind: 'short', reason: { type: weekend ? 'working_weekend' : 'preholiday' } };
    case 3:
      return { kind: 'working', reason: { type: weekend ? 'working_weekend' : 'workday' } };
  }
}

/** The days a calendar file lists, keyed by ordinal. */
export function daysOfFile(calendar: XmlCalendar): Map<number, ResolvedDay> {
  const days = new Map<number, ResolvedDay>();
  for (const day of calendar.days) {
    const ordinal = monthDayOrdinal(calendar.year, day.d);
    days.set(ordinal, resolveXmlDay(calendar, day, ordinal));
  }
  return days;
}

/** Resolves each year of a layered calendar to its special days (those that differ from the standard week). */
export class LayeredYears {
  private readonly files: Map<number, CalendarYearFile>[];
  private readonly local = new Map<number, ResolvedDay>();
  /** Years every layer has a file for, ascending. */
  readonly loadedYears: readonly number[];
  private readonly confirmedYears: ReadonlySet<number>;

  constructor(
    private readonly layers: readonly CalendarLayer[],
    local: readonly LocalDay[],
  ) {
    this.files = layers.map((layer) => {
      const byYear = new Map<number, CalendarYearFile>();
      for (const file of layer.years) {
        if (byYear.has(file.calendar.year)) {
          throw fieldError('layers', `Календарь «${layer.name}» на ${file.calendar.year} год задан дважды`);
        }
        byYear.set(file.calendar.year, file);
      }
      return byYear;
    });
    for (const entry of local) {
      const ordinal = parseIsoDate(entry.date, 'local');
      if (this.local.has(ordinal)) throw fieldError('local', `День ${entry.date} указан дважды`);
      this.local.set(ordinal, { kind: entry.kind, reason: { type: 'local', title: entry.title } });
    }
    const [first, ...rest] = this.files;
    this.loadedYears = first
      ? [...first.keys()].filter((year) => rest.every((files) => files.has(year))).sort((a, b) => a - b)
      : [];
    this.confirmedYears = new Set(
      this.loadedYears.filter((year) => this.files.every((files) => files.get(year)?.provisional === false)),
    );
  }

  /** False for a year some layer has no file for or a provisional one. */
  isConfirmed(year: number): boolean {
    return this.confirmedYears.has(year);
  }

  /** The years any layer or local decision mentions. */
  mentionedYears(): number[] {
    const years = new Set<number>(this.files.flatMap((files) => [...files.keys()]));
    for (const ordinal of this.local.keys()) years.add(civilOf(ordinal).year);
    return [...years];
  }

  resolve(year: number): Map<number, ResolvedDay> {
    const days = new Map<number, ResolvedDay>();
    this.layers.forEach((layer, index) => {
      const file = this.files[index]?.get(year);
      if (file) for (const [ordinal, day] of daysOfFile(file.calendar)) days.set(ordinal, day);
      else applyFixedHolidays(days, layer.fallback, year);
    });
    const start = ordinalOf(year, 1, 1);
    const end = ordinalOf(year, 12, 31);
    for (const [ordinal, day] of this.local) if (ordinal >= start && ordinal <= end) days.set(ordinal, day);
    return days;
  }
}
