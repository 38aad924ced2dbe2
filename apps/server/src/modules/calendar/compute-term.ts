import type { Selectable } from 'kysely';
import type { TermsTable } from '../../db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import type { WorkCalendar } from '../../platform/calendar/index.js';
import { isProvisionalYear } from './days.js';

/** How a term is set: the rule that produces its due date, which is stored with it. */
/** `rule` only for calendar days. */
export type TermRuleInput = Pick<Selectable<TermsTable>, 'startDate' | 'amount' | 'unit' | 'rule'>;

/** `provisional`: some day the due date depends on lies in a year without a confirmed calendar. */
export type ComputedTerm = Pick<Selectable<TermsTable>, 'dueDate' | 'provisional'>;

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function spansProvisional(calendar: WorkCalendar, first: string, last: string): boolean {
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
    if (isProvisionalYear(calendar, year)) return true;
  }
  return false;
}

/**
 * The due date of a term on the municipality's calendar (DOMAIN: N working days from D end on the N-th
 * working day after D, D not counted). A term past the loaded years is computed on the fallback week and
 * marked provisional rather than guessed silently.
 */
export function computeTerm(calendar: WorkCalendar, term: TermRuleInput): ComputedTerm {
  const { startDate, amount } = term;
  if (term.unit === 'working_days') {
    const dueDate = calendar.addWorkingDays(startDate, amount);
    return { dueDate, provisional: spansProvisional(calendar, nextDay(startDate), dueDate) };
  }
  const rule = term.rule ?? 'next_working_day_if_off';
  const dueDate = calendar.addCalendarDays(startDate, amount, rule);
  if (rule === 'exact') return { dueDate, provisional: false };
  // Only the days from the plain end date on decide whether it moves.
  const plainEnd = calendar.addCalendarDays(startDate, amount, 'exact');
  return { dueDate, provisional: spansProvisional(calendar, plainEnd, dueDate) };
}

/** The work calendar names the term field `n`; the API names it after the unit. */
export function computeTermFor(
  calendar: WorkCalendar,
  term: TermRuleInput,
  field: 'workingDays' | 'calendarDays',
  label: string,
): ComputedTerm {
  try {
    return computeTerm(calendar, term);
  } catch (error) {
    const problem = error instanceof AppError && error.code === 'validation' ? error.fields?.[0] : undefined;
    if (problem?.path === 'n') throw fieldError(field, `${label}: ${problem.message}`);
    throw error;
  }
}
