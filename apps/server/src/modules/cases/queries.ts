import type { Tx } from '../../db/database.js';

export interface CaseSummary {
  id: string;
  stageKey: string;
  status: 'open' | 'closed';
  dueDate: string;
  termId: string | null;
  stageTermId: string | null;
}

/** The cases of the given applications (what their views show: the term), by application id. */
export async function caseSummary(
  tx: Tx,
  applicationIds: readonly string[],
): Promise<Map<string, CaseSummary>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('cases')
    .select(['id', 'applicationId', 'stageKey', 'status', 'dueDate', 'termId', 'stageTermId'])
    .where('applicationId', 'in', [...new Set(applicationIds)])
    .execute();
  return new Map(rows.map(({ applicationId, ...row }) => [applicationId, row]));
}
