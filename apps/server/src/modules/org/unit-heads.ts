import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { Role } from '../../db/schema.js';

/**
 * The head of each given unit: the unit's own head, or the nearest unit above it that has one (a unit
 * without a head is overseen from above). Keyed by the given unit id; a unit with no head up to the
 * root is absent. Blocked heads are skipped the same way.
 */
export async function unitHeads(tx: Tx, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const result = await sql<{ unitId: string; headId: string }>`
    with recursive up (start_id, unit_id, parent_id, head_id, depth) as (
      select u.id, u.id, u.parent_id, u.head_employee_id, 0
        from org_units u where u.id = any(${[...new Set(unitIds)]}::uuid[])
      union all
      select up.start_id, p.id, p.parent_id, p.head_employee_id, up.depth + 1
        from org_units p join up on p.id = up.parent_id
       where up.depth < 50
    )
    select distinct on (up.start_id) up.start_id as "unitId", up.head_id as "headId"
      from up join employees e on e.id = up.head_id and e.blocked_at is null
     order by up.start_id, up.depth`.execute(tx);
  return new Map(result.rows.map((r) => [r.unitId, r.headId]));
}

/** The municipality's active employees holding a role (who is told what their role answers for). */
export async function employeesWithRole(tx: Tx, role: Role): Promise<string[]> {
  const rows = await tx
    .selectFrom('employeeRoles')
    .innerJoin('employees', 'employees.id', 'employeeRoles.employeeId')
    .select('employees.id')
    .where('employeeRoles.role', '=', role)
    .where('employees.blockedAt', 'is', null)
    .orderBy('employees.id')
    .execute();
  return rows.map((r) => r.id);
}

/** E-mail addresses of the given employees, by id (an empty address is left out). */
export async function employeeEmails(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('employees')
    .select(['id', 'email'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.filter((r) => r.email.trim() !== '').map((r) => [r.id, r.email.trim()]));
}

/** The unit the employee works in now (null: none). */
export async function employeeUnit(tx: Tx, employeeId: string): Promise<string | null> {
  const row = await tx
    .selectFrom('employees')
    .select('orgUnitId')
    .where('id', '=', employeeId)
    .executeTakeFirst();
  return row?.orgUnitId ?? null;
}
