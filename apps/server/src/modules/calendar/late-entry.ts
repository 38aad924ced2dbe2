import type { Tx } from '../../db/database.js';
import { todayOf } from '../../platform/clock.js';
import { formatDaysLeft, type DaysLeft } from '../../platform/calendar/index.js';
import { municipalCalendar } from './municipal-calendar.js';

/**
 * 004 item 7: a procedure's data are entered at once, and when that is impossible no later than one
 * working day after the procedure. True when `enteredAt` falls after the first working day that
 * follows the day of `occurredAt` (on the municipality's work calendar, Moscow time).
 */
export async function isLateEntry(
  tx: Tx,
  municipalityId: string,
  occurredAt: Date,
  enteredAt: Date,
): Promise<boolean> {
  const occurredDay = todayOf(() => occurredAt);
  const enteredDay = todayOf(() => enteredAt);
  if (enteredDay <= occurredDay) return false;
  const { calendar } = await municipalCalendar(tx, municipalityId);
  return enteredDay > calendar.addWorkingDays(occurredDay, 1);
}

/**
 * Working days from `today` to `dueDate` on the municipality's calendar: positive ahead, 0 on the due
 * day, negative when overdue; with the Russian text the workplace and the portal show
 * («осталось 3 рабочих дня», «срок истёк 2 рабочих дня назад»).
 */
export async function daysLeftTo(
  tx: Tx,
  municipalityId: string,
  today: string,
  dueDate: string,
): Promise<{ workingDays: number; text: string; left: DaysLeft }> {
  return daysLeftCounter(tx, municipalityId, today)(dueDate);
}

/**
 * `daysLeftTo` for the many due dates of one read (a list's page): the calendar is read once, at the
 * first call, not once per row.
 */
export function daysLeftCounter(
  tx: Tx,
  municipalityId: string,
  today: string,
): (dueDate: string) => Promise<{ workingDays: number; text: string; left: DaysLeft }> {
  let read: ReturnType<typeof municipalCalendar> | undefined;
  return async (dueDate) => {
    const { calendar } = await (read ??= municipalCalendar(tx, municipalityId));
    const left = calendar.workingDaysLeft(today, dueDate);
    const workingDays = left.status === 'overdue' ? -left.workingDays : left.workingDays;
    return { workingDays, text: formatDaysLeft(left), left };
  };
}
