import type { IsoDate } from '../../../src/platform/calendar/dates.js';
import type { CalendarLayer, CalendarDayRule, LocalDay } from '../../../src/platform/calendar/types.js';

/**
 * A deliberately plain day-by-day implementation, sharing no code with the index: the yardstick for the
 * property tests and the benchmark. Not for production use — it is slow by design.
 */

const DAY_MS = 86_400_000;

function toTime(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function toDate(time: number): IsoDate {
  return new Date(time).toISOString().slice(0, 10);
}

function isSatOrSun(date: IsoDate): boolean {
  const weekday = new Date(toTime(date)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export interface NaiveCalendar {
  isWorkingDay(date: IsoDate): boolean;
  addWorkingDays(from: IsoDate, n: number): IsoDate;
  countWorkingDays(from: IsoDate, to: IsoDate): number;
  addCalendarDays(from: IsoDate, n: number, rule: CalendarDayRule): IsoDate;
}

export function createNaiveCalendar(
  layers: readonly CalendarLayer[],
  local: readonly LocalDay[] = [],
): NaiveCalendar {
  const localOff = new Map(local.map((entry) => [entry.date, entry.kind === 'dayoff']));
  // Per layer: year → (date → day type), straight from the files.
  const files = layers.map(
    (layer) =>
      new Map(
        layer.years.map((file) => [
          file.calendar.year,
          new Map(
            file.calendar.days.map((day) => [`${file.calendar.year}-${day.d.replace('.', '-')}`, day.t]),
          ),
        ]),
      ),
  );

  function offBelow(level: number, date: IsoDate): boolean {
    if (level < 0) return isSatOrSun(date);
    const layer = layers[level];
    const year = Number(date.slice(0, 4));
    const file = files[level]?.get(year);
    if (file) {
      const type = file.get(date);
      if (type === undefined) return offBelow(level - 1, date);
      // A shortened weekday of an upper layer does not make a lower layer's day off a working day.
      if (type === 2 && level > 0 && !isSatOrSun(date)) return offBelow(level - 1, date);
      return type === 1;
    }
    if (!layer) return offBelow(level - 1, date);
    const holidayOn = (day: IsoDate): boolean =>
      layer.fallback.some(
        (h) => day.slice(5) === `${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}`,
      );
    if (holidayOn(date)) return true;
    // ТК РФ ст. 112 ч. 2: a holiday on a weekend moves the day off to the next working day.
    for (const holiday of layer.fallback) {
      const holidayDate = `${year}-${String(holiday.month).padStart(2, '0')}-${String(holiday.day).padStart(2, '0')}`;
      if (!holiday.movesOffWeekend || !isSatOrSun(holidayDate)) continue;
      let time = toTime(holidayDate) + DAY_MS;
      while (holidayOn(toDate(time)) || offBelow(level - 1, toDate(time))) time += DAY_MS;
      if (toDate(time) === date) return true;
    }
    return offBelow(level - 1, date);
  }

  const isWorkingDay = (date: IsoDate): boolean => !(localOff.get(date) ?? offBelow(layers.length - 1, date));

  return {
    isWorkingDay,
    addWorkingDays(from, n) {
      let time = toTime(from);
      for (let left = n; left > 0;) {
        time += DAY_MS;
        if (isWorkingDay(toDate(time))) left--;
      }
      return toDate(time);
    },
    countWorkingDays(from, to) {
      const sign = from <= to ? 1 : -1;
      const [low, high] = sign > 0 ? [from, to] : [to, from];
      let count = 0;
      for (let time = toTime(low) + DAY_MS; time <= toTime(high); time += DAY_MS) {
        if (isWorkingDay(toDate(time))) count++;
      }
      return sign > 0 ? count : 0 - count;
    },
    addCalendarDays(from, n, rule) {
      let time = toTime(from) + n * DAY_MS;
      if (rule === 'next_working_day_if_off') while (!isWorkingDay(toDate(time))) time += DAY_MS;
      return toDate(time);
    },
  };
}
