import type { Tx } from '../../db/database.js';
import type { Term } from './terms.js';

export interface TermsDueQuery {
  /** The kinds of terms asked about (`case`, `case_stage`, …). */
  objectTypes: readonly string[];
  /** Due dates after this one (exclusive) are read by range; null: from the earliest. */
  after: string | null;
  /** The last due date of interest (inclusive). */
  through: string;
  /** The first due date of interest (inclusive), for the terms read as changed; null: any. */
  notBefore: string | null;
  /**
   * Open terms created or changed (recomputed, reassigned) since this instant are read too, whatever
   * their due date within [notBefore, through]: a term entered late, or moved earlier by a calendar
   * change, may fall due before `after`. Null: no such part (the range covers everything).
   */
  changedSince: Date | null;
}

/**
 * The open terms that fell due in a window, for term control (004 items 10, 11). Two parts, each on
 * its own index, so the cost is the new work, not the municipality's open terms:
 * - the range `after < due_date ≤ through` is a range scan of `terms_open_due (municipality_id, due_date)
 *   WHERE status = 'open'` (the tenant's RLS adds municipality_id = …), which reads only the days
 *   passed since the previous scan;
 * - terms changed since the previous scan are read by `updated_at` (an index on
 *   `(municipality_id, updated_at) WHERE status = 'open'` keeps this part small at scale; without it
 *   the planner filters the partial index's rows with due_date ≤ through).
 * The caller drops the terms it already alerted (term_alerts' UNIQUE (term_id, kind)), so the overlap
 * of the two parts and of consecutive scans costs nothing but a few rows.
 */
export async function termsFallingDue(tx: Tx, query: TermsDueQuery): Promise<Term[]> {
  if (query.objectTypes.length === 0) return [];
  let range = tx
    .selectFrom('terms')
    .selectAll()
    .where('status', '=', 'open')
    .where('objectType', 'in', [...query.objectTypes])
    .where('dueDate', '<=', query.through);
  if (query.after !== null) range = range.where('dueDate', '>', query.after);
  if (query.notBefore !== null) range = range.where('dueDate', '>=', query.notBefore);
  const rows = await range.orderBy('dueDate').orderBy('id').execute();
  if (query.changedSince === null || query.after === null) return rows;
  let changed = tx
    .selectFrom('terms')
    .selectAll()
    .where('status', '=', 'open')
    .where('objectType', 'in', [...query.objectTypes])
    .where('updatedAt', '>', query.changedSince)
    .where('dueDate', '<=', query.after);
  if (query.notBefore !== null) changed = changed.where('dueDate', '>=', query.notBefore);
  const late = await changed.orderBy('dueDate').orderBy('id').execute();
  return [...late, ...rows];
}

/** Due dates of the given terms, by id (the dashboards' stage terms), in the caller's transaction. */
export async function termDueDates(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('terms')
    .select(['id', 'dueDate'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.dueDate]));
}
