import type { TermQuery, TermResult } from '@uslugi/contracts';
import { formatDaysLeft } from '../../platform/calendar/index.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import { runQuery, type CommandContext } from '../../platform/commands.js';
import { computeTermFor } from './compute-term.js';
import { municipalCalendar } from './municipal-calendar.js';

/** A term from a date on the municipality's calendar, without storing anything (the term calculator). */
export function calculateTerm(
  ctx: CommandContext,
  query: Omit<TermQuery, 'workingDays' | 'calendarDays'> & { workingDays?: number; calendarDays?: number },
  clock: Clock,
): Promise<TermResult> {
  return runQuery(ctx, async (tx) => {
    const { calendar } = await municipalCalendar(tx, ctx.municipalityId);
    const working = query.workingDays !== undefined;
    const amount = query.workingDays ?? query.calendarDays ?? 0;
    const unit = working ? 'working_days' : 'calendar_days';
    const rule = working ? null : (query.rule ?? 'next_working_day_if_off');
    const { dueDate, provisional } = computeTermFor(
      calendar,
      { startDate: query.from, amount, unit, rule },
      working ? 'workingDays' : 'calendarDays',
      working ? 'Количество рабочих дней' : 'Количество календарных дней',
    );
    const daysLeftText = formatDaysLeft(calendar.workingDaysLeft(todayOf(clock), dueDate));
    return { from: query.from, dueDate, provisional, rule, unit, amount, daysLeftText };
  });
}
