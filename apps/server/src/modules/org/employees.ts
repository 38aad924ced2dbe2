import { sql } from 'kysely';
import type { z } from 'zod';
import {
  formatSnils,
  maskSnils,
  type Employee,
  type PendingSnilsChange,
  type EmployeeCreateSchema,
  type EmployeeUpdateSchema,
  type Role,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { checkRoleChange, journalInstallationRoles } from './installation-admins.js';
import type { Permission } from '../../platform/auth/permissions.js';
import { fullNameOf } from '../../platform/names.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import {
  checkSnilsFree,
  decideSnilsChange,
  mayDecide,
  requestSnilsChange,
  viewerOf,
  type SnilsDecision,
  type Viewer,
} from './snils-changes.js';

async function selectEmployees(
  tx: Tx,
  viewer: Viewer,
  filter: { id?: string; q?: string | undefined },
): Promise<Employee[]> {
  let query = tx
    .selectFrom('employees as e')
    .leftJoin('orgUnits as u', 'u.id', 'e.orgUnitId')
    .leftJoin('positions as p', 'p.id', 'e.positionId')
    .leftJoin('employeeSnilsChanges as c', (join) =>
      join.onRef('c.employeeId', '=', 'e.id').on('c.status', '=', 'pending'),
    )
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
      'e.esiaOid',
      'c.id as changeId',
      'c.newSnils',
      'c.requestedBy',
      'c.requestedAt',
      sql<string | null>`(select concat_ws(' ', q.last_name, q.first_name, q.middle_name)
        from employees q where q.id = c.requested_by)`.as('requestedByName'),
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
    esiaBound: r.esiaOid !== null,
    pendingSnilsChange:
      r.changeId && r.newSnils && r.requestedBy && r.requestedAt
        ? pendingView(viewer, r, {
            id: r.changeId,
            newSnils: r.newSnils,
            requestedBy: r.requestedBy,
            requestedByName: r.requestedByName ?? '',
            requestedAt: r.requestedAt,
          })
        : null,
  }));
}

/**
 * The change as this viewer sees it: its СНИЛС in full only to those who manage employees or may
 * decide about it (152-ФЗ: personal data to those who need it), masked to everyone else.
 */
function pendingView(
  viewer: Viewer,
  employee: { id: string; orgUnitId: string | null },
  change: { id: string; newSnils: string; requestedBy: string; requestedByName: string; requestedAt: Date },
): PendingSnilsChange {
  const canConfirm = mayDecide(viewer, employee, change);
  const snils = formatSnils(change.newSnils);
  return {
    id: change.id,
    snils: viewer.manages || canConfirm ? snils : maskSnils(snils),
    requestedById: change.requestedBy,
    requestedByName: change.requestedByName,
    requestedAt: change.requestedAt.toISOString(),
    canConfirm,
    canCancel: viewer.employeeId === change.requestedBy,
  };
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
  const rows = await runQuery(ctx, async (tx) =>
    selectEmployees(tx, await viewerOf(tx, ctx.actor.id), { q }),
  );
  return options.revealSnils ? rows : rows.map((e) => ({ ...e, snils: maskSnils(e.snils) }));
}

async function getEmployee(tx: Tx, id: string, viewer: Viewer): Promise<Employee> {
  const [employee] = await selectEmployees(tx, viewer, { id });
  if (!employee) throw notFound(`employee ${id}`);
  return employee;
}

/** The employee as the acting person sees them, at the end of a command. */
async function employeeFor(tx: Tx, ctx: CommandContext, id: string): Promise<Employee> {
  return getEmployee(tx, id, await viewerOf(tx, ctx.actor.id));
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

/** `permissions`: the acting employee's; an installation role needs `installation.manage`. */
export function createEmployee(
  ctx: CommandContext,
  input: z.output<typeof EmployeeCreateSchema>,
  permissions: readonly Permission[],
) {
  const roles = input.roles ?? ['employee'];
  checkRoleChange([], roles, permissions, { municipalRoles: false });
  return runCommand(ctx, async ({ tx, journal, journalInstallationWide }) => {
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
    await writeRoles(tx, ctx.municipalityId, id, roles);
    await journal({
      action: 'employee.created',
      objectType: 'employee',
      objectId: id,
      payload: { ...input, roles },
    });
    const created = await employeeFor(tx, ctx, id);
    await journalInstallationRoles(
      journalInstallationWide,
      tx,
      { ...created, municipalityId: ctx.municipalityId },
      [],
      roles,
    );
    return created;
  });
}

export function updateEmployee(
  ctx: CommandContext,
  id: string,
  input: z.output<typeof EmployeeUpdateSchema>,
) {
  return runCommand(ctx, async ({ tx, journal }) => {
    const before = await employeeFor(tx, ctx, id);
    await checkReferences(tx, input);
    // A new СНИЛС decides who signs in as this employee: it waits for a second person (snils-changes.ts).
    const { snils, ...rest } = input;
    if (snils !== undefined) {
      const current = await tx
        .selectFrom('employees')
        .select(['id', 'snils'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await requestSnilsChange(tx, ctx, journal, current, snils);
    }
    const changes = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length === 0) return employeeFor(tx, ctx, id);
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
    return employeeFor(tx, ctx, id);
  });
}

/** «Подтвердить» / «Отклонить» a pending СНИЛС change (snils-changes.ts has the person rule). */
export function decideEmployeeSnils(ctx: CommandContext, id: string, decision: SnilsDecision) {
  return decideSnilsChange(ctx, id, decision, (tx, viewer) => getEmployee(tx, id, viewer));
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
      await employeeFor(tx, ctx, id); // 404 when absent
      throw new AppError('wrong_state', 'already blocked');
    }
    await journal({ action: 'employee.blocked', objectType: 'employee', objectId: id, payload: { reason } });
    return employeeFor(tx, ctx, id);
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
      await employeeFor(tx, ctx, id);
      throw new AppError('wrong_state', 'not blocked');
    }
    await journal({ action: 'employee.unblocked', objectType: 'employee', objectId: id, payload: {} });
    return employeeFor(tx, ctx, id);
  });
}

/**
 * Sets an employee's roles. `permissions` are the acting employee's: a municipality's roles need
 * `roles.assign`, the installation administrator role `installation.manage` (checkRoleChange).
 */
export function assignRoles(
  ctx: CommandContext,
  id: string,
  roles: Role[],
  permissions: readonly Permission[],
) {
  return runCommand(ctx, async ({ tx, journal, journalInstallationWide }) => {
    // Role changes of one employee run one after another: the roles checked are the roles replaced
    // (else an operator's concurrent edit could drop a just-granted installation role unchecked).
    await tx.selectFrom('employees').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const before = await employeeFor(tx, ctx, id);
    const after = [...new Set(roles)].sort();
    checkRoleChange(before.roles, after, permissions);
    await writeRoles(tx, ctx.municipalityId, id, after);
    await journal({
      action: 'employee.roles_assigned',
      objectType: 'employee',
      objectId: id,
      payload: { before: before.roles, after },
    });
    await journalInstallationRoles(
      journalInstallationWide,
      tx,
      { ...before, municipalityId: ctx.municipalityId },
      before.roles,
      after,
    );
    return employeeFor(tx, ctx, id);
  });
}
