import { formatOrdinal, isWeekend, ordinalOf } from './dates.js';
import type { DayInfo } from './types.js';
import type { WorkCalendar } from './work-calendar.js';
import type { XmlCalendar, XmlDay } from './xmlcalendar.js';

export interface YearExportOptions {
  /** Publication date of the file, `YYYY.MM.DD` as in the upstream files. */
  date?: string;
  country?: string;
}

/** The xmlcalendar entry of one day, or null for a day the standard week already describes. */
function entryOf(info: DayInfo, weekend: boolean, year: number, holidayId: (title: string) => string) {
  const d = `${info.date.slice(5, 7)}.${info.date.slice(8, 10)}`;
  const { kind, reason } = info;
  if (kind === 'short') return { d, t: 2 } satisfies XmlDay;
  if (kind === 'working') return weekend ? ({ d, t: 3 } satisfies XmlDay) : null;
  switch (reason.type) {
    case 'weekend':
      return weekend ? null : ({ d, t: 1 } satisfies XmlDay);
    case 'holiday':
    case 'local':
      // A municipality's own day off travels as a holiday named by its decision.
      return { d, t: 1, h: holidayId(reason.title) } satisfies XmlDay;
    case 'transfer':
      return reason.from.startsWith(`${year}-`)
        ? ({ d, t: 1, f: `${reason.from.slice(5, 7)}.${reason.from.slice(8, 10)}` } satisfies XmlDay)
        : ({ d, t: 1 } satisfies XmlDay);
    default:
      return { d, t: 1 } satisfies XmlDay;
  }
}

/**
 * One year of a work calendar as an xmlcalendar file: every day that differs from the standard week (days
 * off, working weekend days, short days), with the holidays named and the transfers' origins. Reading it
 * back gives the same kind of every day, so it can be imported as the federal layer of another
 * municipality to give it the same working days.
 */
export function yearToXmlCalendar(
  calendar: WorkCalendar,
  year: number,
  options: YearExportOptions = {},
): XmlCalendar {
  const holidays: XmlCalendar['holidays'] = [];
  const holidayId = (title: string): string => {
    let holiday = holidays.find((h) => h.title === title);
    if (!holiday) {
      holiday = { id: String(holidays.length + 1), title };
      holidays.push(holiday);
    }
    return holiday.id;
  };
  const days: XmlDay[] = [];
  for (let ordinal = ordinalOf(year, 1, 1); ordinal <= ordinalOf(year, 12, 31); ordinal++) {
    const entry = entryOf(calendar.dayInfo(formatOrdinal(ordinal)), isWeekend(ordinal), year, holidayId);
    if (entry) days.push(entry);
  }
  return { year, lang: 'ru', date: options.date, country: options.country, holidays, days };
}
