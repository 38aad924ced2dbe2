import type { Tx } from '../../db/database.js';

/** The last days (`YYYY-MM-DD`) of the given terms, by term id: what lists of requests show. */
export async function termDueDates(tx: Tx, termIds: readonly string[]): Promise<Map<string, string>> {
  if (termIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('terms')
    .select(['id', 'dueDate'])
    .where('id', 'in', [...new Set(termIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.dueDate]));
}
