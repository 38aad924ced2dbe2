import type { Tx } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';
import { employeesOfUnitAndBelow, ownUnitAndBelow } from '../org/index.js';
import type { CaseRow } from './case-row.js';
import type { CaseViewer } from './case-visibility.js';

/**
 * Whom a head may give the case to (004 item 3): the active employees of the case's unit and of the
 * units below it, each with how many open cases they execute now (the load to weigh).
 */
export async function assignableEmployees(tx: Tx, viewer: CaseViewer, row: CaseRow) {
  const heads =
    row.orgUnitId !== null &&
    (await tx
      .selectFrom('cases as c')
      .select('c.id')
      .where('c.id', '=', row.id)
      .where('c.orgUnitId', 'in', ownUnitAndBelow(viewer.employeeId))
      .executeTakeFirst()) !== undefined;
  if (!heads || !row.orgUnitId) {
    throw new AppError('forbidden', `case ${row.id}: not of the head's unit`);
  }
  const employees = await employeesOfUnitAndBelow(tx, row.orgUnitId);
  if (employees.length === 0) return { items: [] };
  const loads = await tx
    .selectFrom('cases')
    .select(['executorId', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '=', 'open')
    .where(
      'executorId',
      'in',
      employees.map((e) => e.id),
    )
    .groupBy('executorId')
    .execute();
  const load = new Map(loads.map((l) => [l.executorId, Number(l.n)]));
  return { items: employees.map((e) => ({ ...e, openCases: load.get(e.id) ?? 0 })) };
}
