import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { municipalCalendar } from './municipal-calendar.js';

/** The due dates and states of the given terms, by id. */
export async function termDueDates(
  tx: Tx,
  ids: readonly (string | null)[],
): Promise<Map<string, { dueDate: string; status: 'open' | 'closed' }>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .selectFrom('terms')
    .select(['id', 'dueDate', 'status'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, { dueDate: r.dueDate, status: r.status }]));
}

/**
 * Open terms due within a range of days, as a subquery of term ids (on the index of open terms):
 * `before` — due before that day (overdue); `through` — due on or before it.
 */
export function openTermsDue(range: { from?: string; before?: string; through?: string }) {
  return sql<string>`(select t.id from terms t where t.status = 'open'
    ${range.from ? sql`and t.due_date >= ${range.from}::date` : sql``}
    ${range.before ? sql`and t.due_date < ${range.before}::date` : sql``}
    ${range.through ? sql`and t.due_date <= ${range.through}::date` : sql``})`;
}

/** The day `days` working days after `today` on the municipality's work calendar (`today` for 0). */
export async function workingDaysAhead(
  tx: Tx,
  municipalityId: string,
  today: string,
  days: number,
): Promise<string> {
  if (days <= 0) return today;
  const { calendar } = await municipalCalendar(tx, municipalityId);
  return calendar.addWorkingDays(today, days);
}
