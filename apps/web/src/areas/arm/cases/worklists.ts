import { WORKLISTS, type SessionUser, type Worklist } from '@uslugi/contracts';
import { hasPermission } from '../../../lib/roles';

/**
 * The worklist opened first, before the server has said which the user may open: an executor's own
 * cases, an approving official's «На утверждение», a head's whole unit.
 */
export function firstWorklist(user: SessionUser | null): Worklist {
  if (hasPermission(user, 'cases.work')) return 'mine';
  if (hasPermission(user, 'cases.approve')) return 'approval';
  if (hasPermission(user, 'cases.assign')) return 'unit';
  // Every reader of cases has the lists of terms.
  return 'due_soon';
}

/** The worklists the server counts for the user (those they may open), in the contracts' order. */
export function openWorklists(counts: Partial<Record<Worklist, number>> | undefined): Worklist[] {
  return WORKLISTS.filter((list) => counts?.[list] !== undefined);
}
