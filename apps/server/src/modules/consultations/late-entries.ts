import type { RawBuilder } from 'kysely';
import type { Tx } from '../../db/database.js';

export interface LateConsultationEntry {
  id: string;
  employeeId: string;
  startedAt: Date;
  enteredAt: Date;
}

/**
 * Consultations entered (registered or finished) later than one working day after the fact (004 item
 * 7), newest first: of the given employees (a subquery of ids), or of everyone; entered since `since`.
 */
export async function lateConsultations(
  tx: Tx,
  input: { employees: RawBuilder<string> | null; since: Date; limit: number },
): Promise<LateConsultationEntry[]> {
  let query = tx
    .selectFrom('consultations')
    .select(['id', 'employeeId', 'startedAt', 'enteredAt', 'finishEnteredAt'])
    .where('lateEntry', '=', true)
    .where('enteredAt', '>=', input.since);
  if (input.employees) query = query.where('employeeId', 'in', input.employees);
  const rows = await query.orderBy('enteredAt', 'desc').limit(input.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    employeeId: r.employeeId,
    startedAt: r.startedAt,
    enteredAt: r.finishEnteredAt ?? r.enteredAt,
  }));
}
