import { fieldError } from '../errors.js';
import type { IsoDate } from './dates.js';
import { civilOf, formatOrdinal, isWeekend, ordinalOf, parseIsoDate } from './dates.js';
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

function sameReason(a: ResolvedDay['reason'], b: ResolvedDay['reason']): boolean {
  return (
    a.type === b.type &&
    ('title' in a ? a.title : undefined) === ('title' in b ? b.title : undefined) &&
    ('from' in a ? a.from : undefined) === ('from' in b ? b.from : undefined)
  );
}

/**
 * The part of a regional file that is the region's own. By the xmlcalendar convention a regional file
 * repeats every federal day; an entry that says what the federal calendar of the year already says
 * (`federal`: that calendar as it stands when the file is loaded or imported) is the federal day, not the
 * region's, so it is dropped here and a later federal import decides that date. Kept: an entry that changes
 * the kind of the day (a regional holiday on a working day, a regional transfer or short day), one that
 * names a holiday the federal calendar does not name on that date (a regional holiday on a weekend), and the
 * short working day right before a kept day off (its pre-holiday hour is the region's even where the federal
 * file shortens the same day). The holidays no kept entry refers to are dropped too.
 */
export function regionalOwnDays(regional: XmlCalendar, federal: (date: IsoDate) => ResolvedDay): XmlCalendar {
  const entries = regional.days.map((day) => {
    const ordinal = monthDayOrdinal(regional.year, day.d);
    const own = resolveXmlDay(regional, day, ordinal);
    const below = federal(formatOrdinal(ordinal));
    const namesOwnHoliday = own.reason.type === 'holiday' && !sameReason(own.reason, below.reason);
    return { day, ordinal, own, keep: own.kind !== below.kind || namesOwnHoliday };
  });
  const keptDaysOff = new Set(
    entries.filter((entry) => entry.keep && entry.own.kind === 'dayoff').map((entry) => entry.ordinal),
  );
  const days = entries
    .filter(
      (entry) =>
        entry.keep ||
        (entry.own.kind === 'short' &&
          entry.own.reason.type === 'preholiday' &&
          keptDaysOff.has(entry.ordinal + 1)),
    )
    .map((entry) => entry.day);
  const used = new Set(days.map((day) => day.h));
  return { ...regional, holidays: regional.holidays.filter((holiday) => used.has(holiday.id)), days };
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
      if (!file) {
        applyFixedHolidays(days, layer.fallback, year);
        return;
      }
      for (const [ordinal, day] of daysOfFile(file.calendar)) {
        // A pre-holiday hour shortens a working day; where a lower layer makes the date a day off (a
        // federal transfer onto the eve of a regional holiday) the day stays off.
        const shortensDayOff =
          index > 0 && day.reason.type === 'preholiday' && days.get(ordinal)?.kind === 'dayoff';
        if (!shortensDayOff) days.set(ordinal, day);
      }
    });
    const start = ordinalOf(year, 1, 1);
    const end = ordinalOf(year, 12, 31);
    for (const [ordinal, day] of this.local) if (ordinal >= start && ordinal <= end) days.set(ordinal, day);
    return days;
  }
}
