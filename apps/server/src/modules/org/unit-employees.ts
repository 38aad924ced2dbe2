import { sql } from 'kysely';
import { ownUnitAndBelow } from './employee-card.js';

/**
 * The employees of the unit the given employee works in and of every unit below it, as a subquery of
 * employee ids: whose work a head oversees (004 items 7, 10: consultations, late entries).
 */
export function employeesOfOwnUnitAndBelow(employeeId: string) {
  return sql<string>`(select ue.id from employees ue where ue.org_unit_id in ${ownUnitAndBelow(employeeId)})`;
}
