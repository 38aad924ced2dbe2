import type { CalendarDay, CalendarYear } from '@uslugi/contracts';
import type { DayInfo, DayKind, WorkCalendar } from '../../platform/calendar/index.js';

/** `2026-05-27` → `27.05.2026`, as people read dates. */
export function formatRuDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

export const KIND_TITLES: Record<DayKind, string> = {
  working: 'Рабочий день',
  short: 'Сокращённый рабочий день',
  dayoff: 'Выходной день',
};

/** Why a day is what it is, in words (ТК РФ ст. 95, 112; the decrees on transfers). */
export function reasonText(info: Pick<DayInfo, 'kind' | 'reason'>): string {
  const { kind, reason } = info;
  switch (reason.type) {
    case 'workday':
      return kind === 'short' ? KIND_TITLES.short : KIND_TITLES.working;
    case 'weekend':
      return 'Выходной день';
    case 'holiday':
      return `Нерабочий праздничный день: ${reason.title}`;
    case 'transfer':
      return `Выходной день, перенесённый с ${formatRuDate(reason.from)}`;
    case 'nonworking':
      return 'Нерабочий день';
    case 'working_weekend':
      return kind === 'short'
        ? 'Рабочий день вместо выходного (перенос), сокращённый на 1 час'
        : 'Рабочий день вместо выходного (перенос)';
    case 'preholiday':
      return 'Предпраздничный день, сокращённый на 1 час';
    case 'local':
      return `${KIND_TITLES[kind]} по решению муниципального образования: ${reason.title}`;
  }
}

export function toCalendarDay(info: DayInfo): CalendarDay {
  const { reason } = info;
  return {
    date: info.date,
    kind: info.kind,
    reason: {
      type: reason.type,
      ...('title' in reason ? { title: reason.title } : {}),
      ...('from' in reason ? { from: reason.from } : {}),
    },
    reasonText: reasonText(info),
    provisional: info.provisional,
  };
}

/** Every date of a year, 1 January to 31 December. */
export function datesOfYear(year: number): string[] {
  const dates: string[] = [];
  for (let time = Date.UTC(year, 0, 1); time < Date.UTC(year + 1, 0, 1); time += 86_400_000) {
    dates.push(new Date(time).toISOString().slice(0, 10));
  }
  return dates;
}

export function calendarYear(calendar: WorkCalendar, year: number): CalendarYear {
  return {
    year,
    provisional: isProvisionalYear(calendar, year),
    days: datesOfYear(year).map((date) => toCalendarDay(calendar.dayInfo(date))),
  };
}

export function isProvisionalYear(calendar: WorkCalendar, year: number): boolean {
  return calendar.isProvisional(`${String(year).padStart(4, '0')}-01-01`);
}
