import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { TermRule, TermsTable } from '../../db/schema.js';
import { fieldError } from '../../platform/errors.js';
import { computeTerm } from './compute-term.js';
import { lockCalendarForTerms, municipalCalendar } from './municipal-calendar.js';

export type Term = Selectable<TermsTable>;

/**
 * A term to schedule: what it belongs to (`objectType` and id, e.g. `case`, or `smev_request`); its `title` in
 * Russian, as the executor's notification will name it («Ответ на межведомственный запрос»); the rule; and
 * `rule` for calendar days, ГК РФ ст. 193 (`next_working_day_if_off`) unless the regulation says otherwise.
 */
export type ScheduleTermInput = Pick<
  Insertable<TermsTable>,
  'municipalityId' | 'objectType' | 'objectId' | 'title' | 'startDate' | 'amount' | 'unit' | 'executorId'
> & { rule?: TermRule };

/**
 * Creates a term in the caller's (tenant) transaction: its due date on the municipality's work calendar
 * and the rule that produced it, so a later calendar change recomputes it. The caller's command journals
 * the step the term belongs to.
 */
export async function scheduleTerm(tx: Tx, input: ScheduleTermInput): Promise<Term> {
  if (input.unit === 'working_days' && input.rule !== undefined) {
    throw fieldError('rule', 'Правило окончания применяется только к срокам в календарных днях');
  }
  const rule = input.unit === 'calendar_days' ? (input.rule ?? 'next_working_day_if_off') : null;
  await lockCalendarForTerms(tx, input.municipalityId);
  const { calendar } = await municipalCalendar(tx, input.municipalityId);
  const { dueDate, provisional } = computeTerm(calendar, {
    startDate: input.startDate,
    amount: input.amount,
    unit: input.unit,
    rule,
  });
  return tx
    .insertInto('terms')
    .values({
      municipalityId: input.municipalityId,
      objectType: input.objectType,
      objectId: input.objectId,
      title: input.title,
      startDate: input.startDate,
      amount: input.amount,
      unit: input.unit,
      rule,
      dueDate,
      provisional,
      executorId: input.executorId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Closes an open term (the step it guarded is done); a closed one is never recomputed. */
export async function closeTerm(tx: Tx, id: string): Promise<boolean> {
  const result = await tx
    .updateTable('terms')
    .set({ status: 'closed', updatedAt: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Names the employee an open term's notifications go to (the case's executor, once assigned or
 * reassigned). Closed terms keep whoever they had.
 */
export async function setTermsExecutor(tx: Tx, termIds: readonly string[], executorId: string | null) {
  if (termIds.length === 0) return;
  await tx
    .updateTable('terms')
    .set({ executorId, updatedAt: new Date() })
    .where('id', 'in', [...termIds])
    .where('status', '=', 'open')
    .execute();
}
