import type { RawBuilder } from 'kysely';
import type { Tx } from '../../db/database.js';

export interface LateApplicationEntry {
  id: string;
  registrationNumber: string | null;
  employeeId: string;
  receivedAt: Date;
  enteredAt: Date;
}

/**
 * Applications entered later than one working day after the documents were handed in (004 item 7),
 * newest first: of the given employees (a subquery of ids), or of everyone; entered since `since`.
 */
export async function lateApplications(
  tx: Tx,
  input: { employees: RawBuilder<string> | null; since: Date; limit: number },
): Promise<LateApplicationEntry[]> {
  let query = tx
    .selectFrom('applications')
    .select(['id', 'registrationNumber', 'acceptedBy', 'receivedAt', 'enteredAt'])
    .where('lateEntry', '=', true)
    .where('enteredAt', '>=', input.since)
    .where('acceptedBy', 'is not', null);
  if (input.employees) query = query.where('acceptedBy', 'in', input.employees);
  const rows = await query.orderBy('enteredAt', 'desc').limit(input.limit).execute();
  return rows.flatMap((r) =>
    r.acceptedBy && r.receivedAt && r.enteredAt
      ? [
          {
            id: r.id,
            registrationNumber: r.registrationNumber,
            employeeId: r.acceptedBy,
            receivedAt: r.receivedAt,
            enteredAt: r.enteredAt,
          },
        ]
      : [],
  );
}
