import { formatOrdinal, isWeekend, ordinalOf } from './dates.js';
import type { FixedHoliday, ResolvedDay } from './types.js';

const NEW_YEAR = 'Новогодние каникулы';

/**
 * ТК РФ ст. 112 ч. 1: the non-working holidays. The January ones do not move by themselves (ч. 2): the
 * Government redistributes them by decree, so without a decree they are not moved here.
 */
export const LABOUR_CODE_HOLIDAYS: readonly FixedHoliday[] = [
  ...[1, 2, 3, 4, 5, 6, 8].map((day) => ({ month: 1, day, title: NEW_YEAR, movesOffWeekend: false })),
  { month: 1, day: 7, title: 'Рождество Христово', movesOffWeekend: false },
  { month: 2, day: 23, title: 'День защитника Отечества', movesOffWeekend: true },
  { month: 3, day: 8, title: 'Международный женский день', movesOffWeekend: true },
  { month: 5, day: 1, title: 'Праздник Весны и Труда', movesOffWeekend: true },
  { month: 5, day: 9, title: 'День Победы', movesOffWeekend: true },
  { month: 6, day: 12, title: 'День России', movesOffWeekend: true },
  { month: 11, day: 4, title: 'День народного единства', movesOffWeekend: true },
].sort((a, b) => a.month - b.month || a.day - b.day);

/**
 * Tatarstan's fixed-date holidays. Since 2016 a regional holiday on a weekend is not moved. Ураза-байрам and
 * Курбан-байрам follow the lunar calendar and are set by a decree of the Раис each year, so a year without a
 * file lacks them — which is why such a year is provisional.
 */
export const TATARSTAN_FIXED_HOLIDAYS: readonly FixedHoliday[] = [
  { month: 8, day: 30, title: 'День Республики Татарстан', movesOffWeekend: false },
  { month: 11, day: 6, title: 'День Конституции Республики Татарстан', movesOffWeekend: false },
];

function isOff(days: Map<number, ResolvedDay>, ordinal: number): boolean {
  const day = days.get(ordinal);
  return day ? day.kind === 'dayoff' : isWeekend(ordinal);
}

/**
 * Applies a layer's fixed holidays to `days` (the resolved special days of the layers below, keyed by
 * ordinal) for a year the layer has no file for.
 */
export function applyFixedHolidays(
  days: Map<number, ResolvedDay>,
  holidays: readonly FixedHoliday[],
  year: number,
): void {
  const yearStart = ordinalOf(year, 1, 1);
  const yearEnd = ordinalOf(year, 12, 31);
  for (const holiday of holidays) {
    days.set(ordinalOf(year, holiday.month, holiday.day), {
      kind: 'dayoff',
      reason: { type: 'holiday', title: holiday.title },
    });
  }
  for (const holiday of holidays) {
    const ordinal = ordinalOf(year, holiday.month, holiday.day);
    if (!holiday.movesOffWeekend || !isWeekend(ordinal)) continue;
    // ТК РФ ст. 112 ч. 2: the weekend day moves to the next working day after the holiday.
    let target = ordinal + 1;
    while (target <= yearEnd && isOff(days, target)) target++;
    if (target <= yearEnd)
      days.set(target, { kind: 'dayoff', reason: { type: 'transfer', from: formatOrdinal(ordinal) } });
  }
  // ТК РФ ст. 95: the working day right before a non-working holiday is one hour shorter (next year's
  // 1 January included, for 31 December).
  const holidayOrdinals = holidays.map((holiday) => ordinalOf(year, holiday.month, holiday.day));
  const nextNewYear = holidays.find((holiday) => holiday.month === 1 && holiday.day === 1);
  if (nextNewYear) holidayOrdinals.push(yearEnd + 1);
  for (const ordinal of holidayOrdinals) {
    const before = ordinal - 1;
    if (before < yearStart || before > yearEnd || isOff(days, before)) continue;
    const day = days.get(before);
    if (day?.kind === 'short') continue;
    days.set(before, {
      kind: 'short',
      reason: day?.reason.type === 'working_weekend' ? day.reason : { type: 'preholiday' },
    });
  }
}
