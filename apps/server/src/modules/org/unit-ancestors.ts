import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { fullNameOf } from '../../platform/names.js';

/**
 * The unit the employee works in and every unit above it, as a subquery of unit ids: the units whose
 * work the employee shares (a case of a unit is worked in that unit and in the units below it).
 * UNION, not UNION ALL: a cycle in parent_id could not make it loop.
 */
export function ownUnitAndAbove(employeeId: string) {
  return sql<string>`(with recursive above (id) as (
      select e.org_unit_id from employees e where e.id = ${employeeId} and e.org_unit_id is not null
      union
      select u.parent_id from org_units u join above a on u.id = a.id where u.parent_id is not null
    ) select id from above)`;
}

/** The given unit and every unit below it, as a subquery of unit ids. */
export function unitAndBelow(unitId: string) {
  return sql<string>`(with recursive below (id) as (
      select u.id from org_units u where u.id = ${unitId}
      union
      select u.id from org_units u join below b on u.parent_id = b.id
    ) select id from below)`;
}

/** True when the employee works in the given unit or in a unit below it. */
export async function worksInUnitOrBelow(tx: Tx, employeeId: string, unitId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('employees')
    .select('id')
    .where('id', '=', employeeId)
    .where('orgUnitId', 'in', unitAndBelow(unitId))
    .executeTakeFirst();
  return row !== undefined;
}

/** The active employees of a unit and of every unit below it, with their unit's name, by name. */
export async function employeesOfUnitAndBelow(
  tx: Tx,
  unitId: string,
): Promise<Array<{ id: string; name: string; unit: string }>> {
  const rows = await tx
    .selectFrom('employees as e')
    .innerJoin('orgUnits as u', 'u.id', 'e.orgUnitId')
    .select(['e.id', 'e.lastName', 'e.firstName', 'e.middleName', 'u.name as unit'])
    .where('e.orgUnitId', 'in', unitAndBelow(unitId))
    .where('e.blockedAt', 'is', null)
    .orderBy('e.lastName')
    .orderBy('e.firstName')
    .execute();
  return rows.map((r) => ({ id: r.id, name: fullNameOf(r), unit: r.unit }));
}
