import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Worklist } from '@uslugi/contracts';
import type { CasesTable, DB } from '../../db/schema.js';
import { openTermsDue } from '../calendar/index.js';
import { ownUnitAndAbove, ownUnitAndBelow } from '../org/index.js';
import { atStages, visibleCases, type CaseViewer } from './case-visibility.js';

type OverCases = ExpressionBuilder<DB & { c: CasesTable }, 'c'>;

/** The days a worklist of terms is read against: today and the last day of «срок истекает». */
export interface TermDays {
  today: string;
  /** `today` plus the municipality's warning days, on its work calendar. */
  horizon: string;
}

/** Which worklists the viewer may open (000 item 3.4, 3.5; 004 items 3, 10, 11). */
export function worklistsOf(viewer: CaseViewer): Worklist[] {
  const lists: Worklist[] = [];
  if (viewer.can('cases.work')) lists.push('new', 'mine');
  if (viewer.can('cases.approve')) lists.push('approval');
  lists.push('due_soon', 'overdue');
  if (viewer.can('cases.assign')) lists.push('unit');
  lists.push('closed');
  return lists;
}

/**
 * A worklist's condition over `cases as c`. Each selects open cases by the columns of an index of
 * 0015 (unit and no executor; executor; stage) where it can; the lists of terms read the visible
 * cases by the service's term or the stage's (a term of the calendar's open terms).
 */
export function worklistCondition(list: Worklist, viewer: CaseViewer, days: TermDays) {
  return (eb: OverCases): Expression<SqlBool> => {
    const open = eb('c.status', '=', 'open');
    const me = viewer.employeeId;
    switch (list) {
      case 'new':
        // «Назначить мне» takes these: my unit is the case's unit or below it.
        return eb.and([open, eb('c.executorId', 'is', null), eb('c.orgUnitId', 'in', ownUnitAndAbove(me))]);
      case 'mine':
        return eb.and([open, eb('c.executorId', '=', me)]);
      case 'approval':
        return eb.and([open, atStages(viewer.approvalStages)(eb)]);
      case 'due_soon':
        return eb.and([
          open,
          visibleCases(viewer)(eb),
          eb.or([
            eb.and([eb('c.dueDate', '>=', days.today), eb('c.dueDate', '<=', days.horizon)]),
            eb('c.stageTermId', 'in', openTermsDue({ from: days.today, through: days.horizon })),
          ]),
        ]);
      case 'overdue':
        return eb.and([
          open,
          visibleCases(viewer)(eb),
          eb.or([
            eb('c.dueDate', '<', days.today),
            eb('c.stageTermId', 'in', openTermsDue({ before: days.today })),
          ]),
        ]);
      case 'unit':
        return eb.and([open, eb('c.orgUnitId', 'in', ownUnitAndBelow(me))]);
      case 'closed':
        return eb.and([eb('c.status', '=', 'closed'), visibleCases(viewer)(eb)]);
    }
  };
}

/** The registration period, in the municipality's days (Moscow time until tenants carry their own zone). */
export function openedWithin(from: string | undefined, to: string | undefined) {
  return (eb: OverCases): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [];
    if (from) {
      parts.push(eb('c.openedAt', '>=', sql<Date>`(${from}::date)::timestamp at time zone 'Europe/Moscow'`));
    }
    if (to) {
      parts.push(eb('c.openedAt', '<', sql<Date>`(${to}::date + 1)::timestamp at time zone 'Europe/Moscow'`));
    }
    return eb.and(parts);
  };
}
