import { sql } from 'kysely';
import type { Role } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { fullNameOf } from '../../platform/names.js';

/**
 * The employee as other modules see them (the session, a certificate's subject): the record with
 * their unit's and position's names and their roles. Read in the caller's transaction, so in the
 * caller's tenant.
 */
export async function employeeCard(tx: Tx, employeeId: string) {
  const row = await tx
    .selectFrom('employees as e')
    .leftJoin('orgUnits as u', 'u.id', 'e.orgUnitId')
    .leftJoin('positions as p', 'p.id', 'e.positionId')
    .select([
      'e.id',
      'e.municipalityId',
      'e.lastName',
      'e.firstName',
      'e.middleName',
      'e.snils',
      'e.blockedAt',
      'e.orgUnitId',
      'u.name as orgUnitName',
      'p.name as positionName',
    ])
    .where('e.id', '=', employeeId)
    .executeTakeFirst();
  if (!row) return undefined;
  const roles = await tx
    .selectFrom('employeeRoles')
    .select('role')
    .where('employeeId', '=', employeeId)
    .execute();
  return { ...row, fullName: fullNameOf(row), roles: roles.map((r): Role => r.role) };
}

export type EmployeeCard = NonNullable<Awaited<ReturnType<typeof employeeCard>>>;

/** Full names of the given employees (lists that show who did something), by id. */
export async function employeeNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('employees')
    .select(['id', 'lastName', 'firstName', 'middleName'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, fullNameOf(r)]));
}

/** The current position and unit names of the given employees (either null when none), by id. */
export async function employeePlaces(
  tx: Tx,
  ids: readonly string[],
): Promise<Map<string, { positionName: string | null; orgUnitName: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('employees as e')
    .leftJoin('orgUnits as u', 'u.id', 'e.orgUnitId')
    .leftJoin('positions as p', 'p.id', 'e.positionId')
    .select(['e.id', 'p.name as positionName', 'u.name as orgUnitName'])
    .where('e.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { positionName: r.positionName, orgUnitName: r.orgUnitName }]));
}

/** Names of the given units, by id. */
export async function orgUnitNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('orgUnits')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The unit the employee works in now and every unit below it in the org tree, as a subquery of unit
 * ids: what a head oversees (the documents a head sees). UNION, not UNION ALL: a cycle in parent_id
 * (which the org module refuses) could not make it loop.
 */
export function ownUnitAndBelow(employeeId: string) {
  return sql<string>`(with recursive below (id) as (
      select e.org_unit_id from employees e where e.id = ${employeeId} and e.org_unit_id is not null
      union
      select u.id from org_units u join below b on u.parent_id = b.id
    ) select id from below)`;
}

/**
 * Every unit of the caller's municipality with its names: what a definition naming units by id is
 * checked against, and what an import suggests a file's unit be mapped to.
 */
export async function orgUnitDirectory(
  tx: Tx,
): Promise<Array<{ id: string; name: string; shortName: string | null }>> {
  return tx.selectFrom('orgUnits').select(['id', 'name', 'shortName']).orderBy('name').execute();
}
