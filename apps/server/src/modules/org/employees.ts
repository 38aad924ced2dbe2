import { sql } from 'kysely';
import type { z } from 'zod';
import {
  formatSnils,
  maskSnils,
  type Employee,
  type EmployeeCreateSchema,
  type EmployeeUpdateSchema,
  type Role,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { fullNameOf } from '../../platform/auth/sessions.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';

async function selectEmployees(tx: Tx, filter: { id?: string; q?: string | undefined }): Promise<Employee[]> {
  let query = tx
    .selectFrom('employees as e')
    .leftJoin('orgUnits as u', 'u.id', 'e.orgUnitId')
    .leftJoin('positions as p', 'p.id', 'e.positionId')
    .select([
      'e.id',
      'e.lastName',
      'e.firstName',
      'e.middleName',
      'e.snils',
      'e.email',
      'e.orgUnitId',
      'u.name as orgUnitName',
      'e.positionId',
      'p.name as positionName',
      'e.blockedAt',
      'e.blockedReason',
      sql<Role[]>`coalesce((select json_agg(r.role order by r.role) from employee_roles r
        where r.employee_id = e.id), '[]'::json)`.as('roles'),
    ])
    .orderBy('e.lastName')
    .orderBy('e.firstName');
  if (filter.id) query = query.where('e.id', '=', filter.id);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = filter.q.replace(/\D/g, '');
    query = query.where((eb) =>
      eb.or([
        eb(
          sql<string>`e.last_name || ' ' || e.first_name || ' ' || coalesce(e.middle_name, '')`,
          'ilike',
          like,
        ),
        eb('e.email', 'ilike', like),
        ...(digits.length >= 3 ? [eb('e.snils', 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  const rows = await query.limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    lastName: r.lastName,
    firstName: r.firstName,
    middleName: r.middleName,
    fullName: fullNameOf(r),
    snils: formatSnils(r.snils),
    email: r.email,
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
    positionId: r.positionId,
    positionName: r.positionName,
    roles: r.roles,
    blocked: r.blockedAt !== null,
    blockedReason: r.blockedReason,
  }));
}

/**
 * СНИЛС is personal data (152-ФЗ): colleagues see each other's names, units and positions, but only
 * those who manage employees see СНИЛС, and only they may search by it.
 */
export async function listEmployees(
  ctx: CommandContext,
  options: { q?: string | undefined; revealSnils: boolean },
): Promise<Employee[]> {
  const q = options.revealSnils ? options.q : options.q?.replace(/\d/g, '').trim() || undefined;
  const rows = await runQuery(ctx, (tx) => selectEmployees(tx, { q }));
  return options.revealSnils ? rows : rows.map((e) => ({ ...e, snils: maskSnils(e.snils) }));
}

async function getEmployee(tx: Tx, id: string): Promise<Employee> {
  const [employee] = await selectEmployees(tx, { id });
  if (!employee) throw notFound(`employee ${id}`);
  return employee;
}

async function checkReferences(
  tx: Tx,
  input: { orgUnitId?: string | null | undefined; positionId?: string | null | undefined },
) {
  if (input.orgUnitId) {
    const unit = await tx
      .selectFrom('orgUnits')
      .select('id')
      .where('id', '=', input.orgUnitId)
      .executeTakeFirst();
    if (!unit) throw fieldError('orgUnitId', 'Подразделение не найдено');
  }
  if (input.positionId) {
    const position = await tx
      .selectFrom('positions')
      .select('id')
      .where('id', '=', input.positionId)
      .executeTakeFirst();
    if (!position) throw fieldError('positionId', 'Должность не найдена');
  }
}

async function checkSnilsFree(tx: Tx, snils: string, exceptId?: string) {
  let query = tx.selectFrom('employees').select('id').where('snils', '=', snils);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) {
    throw new AppError('snils_taken', undefined, [
      { path: 'snils', message: 'СНИЛС: сотрудник с таким СНИЛС уже есть' },
    ]);
  }
}

async function writeRoles(tx: Tx, municipalityId: string, employeeId: string, roles: readonly Role[]) {
  const wanted = [...new Set(roles)];
  await tx
    .deleteFrom('employeeRoles')
    .where('employeeId', '=', employeeId)
    .$if(wanted.length > 0, (q) => q.where('role', 'not in', wanted))
    .execute();
  if (wanted.length > 0) {
    await tx
      .insertInto('employeeRoles')
      .values(wanted.map((role) => ({ municipalityId, employeeId, role })))
      .onConflict((oc) => oc.columns(['employeeId', 'role']).doNothing())
      .execute();
  }
}

export function createEmployee(ctx: CommandContext, input: z.output<typeof EmployeeCreateSchema>) {
  return runCommand(ctx, async ({ tx, journal }) => {
    await checkReferences(tx, input);
    await checkSnilsFree(tx, input.snils);
    const { id } = await tx
      .insertInto('employees')
      .values({
        municipalityId: ctx.municipalityId,
        lastName: input.lastName,
        firstName: input.firstName,
        middleName: input.middleName ?? null,
        snils: input.snils,
        email: input.email,
        orgUnitId: input.orgUnitId ?? null,
        positionId: input.positionId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const roles = input.roles ?? ['employee'];
    await writeRoles(tx, ctx.municipalityId, id, roles);
    await journal({
      action: 'employee.created',
      objectType: 'employee',
      objectId: id,
      payload: { ...input, roles },
    });
    return getEmployee(tx, id);
  });
}

export function updateEmployee(
  ctx: CommandContext,
  id: string,
  input: z.output<typeof EmployeeUpdateSchema>,
) {
  return runCommand(ctx, async ({ tx, journal }) => {
    const before = await getEmployee(tx, id);
    await checkReferences(tx, input);
    if (input.snils) await checkSnilsFree(tx, input.snils, id);
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length === 0) return before;
    await tx
      .updateTable('employees')
      .set({ ...changes, updatedAt: new Date() })
      .where('id', '=', id)
      .execute();
    await journal({
      action: 'employee.updated',
      objectType: 'employee',
      objectId: id,
      payload: {
        before: Object.fromEntries(
          Object.keys(changes).map((k) => [k, (before as Record<string, unknown>)[k] ?? null]),
        ),
        after: changes,
      },
    });
    return getEmployee(tx, id);
  });
}

/** Blocking ends the employee's sessions at their next request (see resolveSession). */
export function blockEmployee(ctx: CommandContext, id: string, reason: string) {
  return runCommand(ctx, async ({ tx, journal }) => {
    if (ctx.actor.id === id) throw new AppError('self_block');
    const result = await tx
      .updateTable('employees')
      .set({ blockedAt: new Date(), blockedReason: reason, updatedAt: new Date() })
      .where('id', '=', id)
      .where('blockedAt', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      await getEmployee(tx, id); // 404 when absent
      throw new AppError('wrong_state', 'already blocked');
    }
    await journal({ action: 'employee.blocked', objectType: 'employee', objectId: id, payload: { reason } });
    return getEmployee(tx, id);
  });
}

export function unblockEmployee(ctx: CommandContext, id: string) {
  return runCommand(ctx, async ({ tx, journal }) => {
    const result = await tx
      .updateTable('employees')
      .set({ blockedAt: null, blockedReason: null, updatedAt: new Date() })
      .where('id', '=', id)
      .where('blockedAt', 'is not', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      await getEmployee(tx, id);
      throw new AppError('wrong_state', 'not blocked');
    }
    await journal({ action: 'employee.unblocked', objectType: 'employee', objectId: id, payload: {} });
    return getEmployee(tx, id);
  });
}

export function assignRoles(ctx: CommandContext, id: string, roles: Role[]) {
  return runCommand(ctx, async ({ tx, journal }) => {
    const before = await getEmployee(tx, id);
    const after = [...new Set(roles)].sort();
    await writeRoles(tx, ctx.municipalityId, id, after);
    await journal({
      action: 'employee.roles_assigned',
      objectType: 'employee',
      objectId: id,
      payload: { before: before.roles, after },
    });
    return getEmployee(tx, id);
  });
}
