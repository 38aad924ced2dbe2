import type { TermStanding } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { daysLeftCounter } from '../calendar/index.js';

/** How many working days ahead a term counts as running out (004 item 11); 2 unless the municipality set it. */
export async function warnWorkingDays(tx: Tx): Promise<number> {
  const row = await tx.selectFrom('caseSettings').select('warnWorkingDays').executeTakeFirst();
  return row?.warnWorkingDays ?? 2;
}

/** Reads terms' standings for one request: the calendar and the warning days once. */
export function termStandings(tx: Tx, municipalityId: string, today: string, warnDays: number) {
  const daysLeft = daysLeftCounter(tx, municipalityId, today);
  return async (dueDate: string, closed: boolean): Promise<TermStanding> => {
    const left = await daysLeft(dueDate);
    if (closed) return { dueDate, workingDaysLeft: left.workingDays, text: 'срок закрыт', state: 'closed' };
    const state =
      left.left.status === 'overdue' ? 'overdue' : left.workingDays <= warnDays ? 'due_soon' : 'ok';
    return { dueDate, workingDaysLeft: left.workingDays, text: left.text, state };
  };
}
