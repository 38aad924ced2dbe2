import type { Tx } from '../../db/database.js';

export interface CaseTerm {
  caseId: string;
  /** The last day of the service's term, `YYYY-MM-DD`. */
  dueDate: string;
  status: 'open' | 'closed';
}

/** The case of an application and its term, in the caller's transaction; undefined before acceptance. */
export async function caseTermOf(tx: Tx, applicationId: string): Promise<CaseTerm | undefined> {
  return tx
    .selectFrom('cases')
    .select(['id as caseId', 'dueDate', 'status'])
    .where('applicationId', '=', applicationId)
    .executeTakeFirst();
}
