import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { permissionsOf } from '../../platform/auth/permissions.js';
import { runCommand, type CommandContext, type CommandScope } from '../../platform/commands.js';
import { AppError, notFound } from '../../platform/errors.js';

/**
 * A new СНИЛС for an existing employee. СНИЛС is how ESIA finds the
 * employee, so an edit by one person must not decide who signs in as whom: the edit is recorded as
 * a pending change, in force only once a second person confirms it — the head of the employee's
 * unit or of a unit above it, or another holder of `employees.manage`; never the one who asked,
 * never the employee — or once the employee's own ESIA sign-in reports that СНИЛС (sign-in/staff.ts).
 *
 * A confirmed change keeps the record's ESIA binding. A bound record was entered by one ESIA account,
 * and ESIA keeps one account per СНИЛС, so a new СНИЛС confirmed for it is either the same person's
 * (ESIA reports it at their next sign-in and they enter as before) or another person's — and the
 * record never passes to another person that way, even with the head's confirmation: a confirmed swap
 * of two employees' СНИЛС lets neither enter the other's record (each is refused and it is journaled).
 */

/** Who looks at or decides about employees: read from the database inside the transaction. */
export interface Viewer {
  employeeId: string | null;
  manages: boolean;
  mayConfirm: boolean;
  /** Units the viewer heads, with every unit below them. */
  headedUnits: ReadonlySet<string>;
}

export async function viewerOf(tx: Tx, employeeId: string | null): Promise<Viewer> {
  if (!employeeId) return { employeeId, manages: false, mayConfirm: false, headedUnits: new Set() };
  const roles = await tx
    .selectFrom('employeeRoles')
    .select('role')
    .where('employeeId', '=', employeeId)
    .execute();
  const permissions = permissionsOf(roles.map((r) => r.role));
  const { rows } = await sql<{ id: string }>`
    with recursive headed(id) as (
      select id from org_units where head_employee_id = ${employeeId}
      union
      select u.id from org_units u join headed h on u.parent_id = h.id
    )
    select id from headed`.execute(tx);
  return {
    employeeId,
    manages: permissions.includes('employees.manage'),
    mayConfirm: permissions.includes('employees.confirm'),
    headedUnits: new Set(rows.map((r) => r.id)),
  };
}

/** The person rule: a second person with the right to confirm, over this employee. */
export function mayDecide(
  viewer: Viewer,
  employee: { id: string; orgUnitId: string | null },
  change: { requestedBy: string },
): boolean {
  if (!viewer.employeeId || !viewer.mayConfirm) return false;
  if (viewer.employeeId === change.requestedBy || viewer.employeeId === employee.id) return false;
  return viewer.manages || (employee.orgUnitId !== null && viewer.headedUnits.has(employee.orgUnitId));
}

export async function pendingChangeOf(tx: Tx, employeeId: string, lock = false) {
  let query = tx
    .selectFrom('employeeSnilsChanges')
    .select(['id', 'oldSnils', 'newSnils', 'requestedBy', 'requestedAt'])
    .where('employeeId', '=', employeeId)
    .where('status', '=', 'pending');
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function checkSnilsFree(tx: Tx, snils: string, exceptId?: string) {
  let query = tx.selectFrom('employees').select('id').where('snils', '=', snils);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) {
    throw new AppError('snils_taken', undefined, [
      { path: 'snils', message: 'СНИЛС: сотрудник с таким СНИЛС уже есть' },
    ]);
  }
}

/**
 * Records a new СНИЛС asked for an existing employee; the employee's СНИЛС stays as it is. Asking for
 * the СНИЛС already waiting changes nothing; another one while a change waits is refused.
 */
export async function requestSnilsChange(
  tx: Tx,
  ctx: CommandContext,
  journal: CommandScope['journal'],
  employee: { id: string; snils: string },
  newSnils: string,
): Promise<void> {
  if (newSnils === employee.snils) return;
  const requestedBy = ctx.actor.id;
  if (!requestedBy) throw new AppError('forbidden', 'only an employee asks for a change');
  const pending = await pendingChangeOf(tx, employee.id, true);
  if (pending) {
    if (pending.newSnils === newSnils) return;
    throw new AppError('snils_change_pending', undefined, [
      {
        path: 'snils',
        message: 'СНИЛС: изменение СНИЛС уже ожидает подтверждения, сначала подтвердите или отклоните его',
      },
    ]);
  }
  await checkSnilsFree(tx, newSnils, employee.id);
  const { id } = await tx
    .insertInto('employeeSnilsChanges')
    .values({
      municipalityId: ctx.municipalityId,
      employeeId: employee.id,
      oldSnils: employee.snils,
      newSnils,
      requestedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await journal({
    action: 'employee.snils_change_requested',
    objectType: 'employee',
    objectId: employee.id,
    payload: { changeId: id, before: { snils: employee.snils }, after: { snils: newSnils } },
  });
}

export type SnilsDecision = 'confirm' | 'reject';

/** Gives the employee the change's new СНИЛС, guarded by the old one still being theirs. */
export async function applySnils(
  tx: Tx,
  employeeId: string,
  change: { oldSnils: string; newSnils: string },
  whenMoved: 'wrong_state' | 'internal',
): Promise<void> {
  const moved = await tx
    .updateTable('employees')
    .set({ snils: change.newSnils, updatedAt: new Date() })
    .where('id', '=', employeeId)
    .where('snils', '=', change.oldSnils)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw new AppError(whenMoved, 'СНИЛС moved meanwhile');
}

/** What the journal says of a decided change: the СНИЛС before and after, who asked, how it was confirmed. */
export function snilsChangePayload(
  changeId: string,
  change: { oldSnils: string; newSnils: string; requestedBy: string },
  via?: 'employee' | 'esia',
) {
  return {
    changeId,
    before: { snils: change.oldSnils },
    after: { snils: change.newSnils },
    requestedBy: change.requestedBy,
    ...(via && { via }),
  };
}

/**
 * Confirms or rejects the change waiting for an employee. The one who asked may only withdraw it
 * («отозвано»); the employee may do neither. The route needs `employees.confirm`; who of its holders
 * may decide about this employee is checked here, on the database's current roles and units.
 */
export function decideSnilsChange<T>(
  ctx: CommandContext,
  employeeId: string,
  decision: SnilsDecision,
  reread: (tx: Tx, viewer: Viewer) => Promise<T>,
): Promise<T> {
  return runCommand(ctx, async ({ tx, journal }) => {
    const employee = await tx
      .selectFrom('employees')
      .select(['id', 'snils', 'orgUnitId'])
      .where('id', '=', employeeId)
      .forUpdate()
      .executeTakeFirst();
    if (!employee) throw notFound(`employee ${employeeId}`);
    const change = await pendingChangeOf(tx, employeeId, true);
    if (!change) throw new AppError('snils_change_not_pending');
    const viewer = await viewerOf(tx, ctx.actor.id);
    const actorId = viewer.employeeId;
    if (!actorId) throw new AppError('forbidden', 'only an employee decides');
    const withdraw = decision === 'reject' && actorId === change.requestedBy;
    if (!withdraw) {
      if (actorId === change.requestedBy || actorId === employeeId) throw new AppError('snils_change_own');
      if (!mayDecide(viewer, employee, change)) throw new AppError('snils_change_not_allowed');
    }
    const status = decision === 'confirm' ? 'confirmed' : withdraw ? 'cancelled' : 'rejected';
    if (status === 'confirmed') {
      await checkSnilsFree(tx, change.newSnils, employeeId);
      await applySnils(tx, employeeId, change, 'wrong_state');
    }
    await tx
      .updateTable('employeeSnilsChanges')
      .set({
        status,
        decidedBy: actorId,
        decidedAt: new Date(),
        decidedVia: status === 'confirmed' ? 'employee' : null,
      })
      .where('id', '=', change.id)
      .where('status', '=', 'pending')
      .execute();
    await journal({
      action: `employee.snils_change_${status}`,
      objectType: 'employee',
      objectId: employeeId,
      payload: snilsChangePayload(change.id, change, status === 'confirmed' ? 'employee' : undefined),
    });
    return reread(tx, viewer);
  });
}
