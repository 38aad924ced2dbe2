import { ROLE_PERMISSIONS, type Permission, type Stage } from '@uslugi/contracts';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { CasesTable, DB, Role } from '../../db/schema.js';
import type { CommandContext } from '../../platform/commands.js';
import { AppError } from '../../platform/errors.js';
import { ownUnitAndAbove, ownUnitAndBelow } from '../org/index.js';
import type { CaseRow } from './case-row.js';

/** Who works with cases: an employee and the roles the session resolved for this request. */
export interface CaseActor {
  employeeId: string;
  roles: readonly Role[];
}

/** Whether one of the actor's roles grants the permission (the roles' table of contracts/roles.ts). */
export function holds(actor: CaseActor, permission: Permission): boolean {
  return actor.roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}

export function caseActor(ctx: CommandContext): CaseActor {
  if (ctx.actor.type !== 'employee' || !ctx.actor.id) {
    throw new AppError('forbidden', 'only an employee works with cases');
  }
  return { employeeId: ctx.actor.id, roles: ctx.roles ?? [] };
}

/** A query over `cases as c` (alone or joined with other tables). */
type OverCases = ExpressionBuilder<DB & { c: CasesTable }, 'c'>;

/**
 * Which cases an employee sees (000 items 3.4, 3.5; 004 item 8: the workplace shows each person the
 * cases their work needs), the one rule of every list, card and command:
 *
 * - the case's executor sees it;
 * - an employee of the case's unit or of a unit below it (the unit's work, «Назначить мне»);
 * - a head: every case of their unit and the units below (`cases.assign`, `cases.supervise`);
 * - an approving official (`cases.approve`): a case whose decision awaits approval, and the cases
 *   whose decisions they signed or returned;
 * - leadership (`cases.lead`): every case of the municipality.
 *
 * Row-level security has already hidden every other municipality's cases.
 */
export function caseVisibility(actor: CaseActor) {
  return (eb: OverCases): Expression<SqlBool> => {
    const { employeeId } = actor;
    if (holds(actor, 'cases.lead')) return eb.lit(true);
    const grants: Expression<SqlBool>[] = [eb('c.executorId', '=', employeeId)];
    if (holds(actor, 'cases.work')) grants.push(eb('c.orgUnitId', 'in', ownUnitAndAbove(employeeId)));
    if (holds(actor, 'cases.assign') || holds(actor, 'cases.supervise')) {
      grants.push(eb('c.orgUnitId', 'in', ownUnitAndBelow(employeeId)));
    }
    if (holds(actor, 'cases.approve')) {
      grants.push(
        eb.exists(
          eb
            .selectFrom('caseDecisions as cd')
            .select('cd.id')
            .whereRef('cd.caseId', '=', 'c.id')
            .where((d) => d.or([d('cd.status', '=', 'pending'), d('cd.reviewedBy', '=', employeeId)])),
        ),
      );
    }
    return eb.or(grants);
  };
}

/** Whether the employee may see the case (the rule of `caseVisibility`, for one case). */
export async function canSeeCase(tx: Tx, actor: CaseActor, caseId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('cases as c')
    .select('c.id')
    .where('c.id', '=', caseId)
    .where(caseVisibility(actor))
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the employee works in the unit or below it (the units a case of `unitId` is the work of). */
export async function worksInUnit(tx: Tx, employeeId: string, unitId: string | null): Promise<boolean> {
  if (unitId === null) return true;
  const { rows } = await sql<{
    ok: boolean;
  }>`select ${unitId}::uuid in ${ownUnitAndAbove(employeeId)} as ok`.execute(tx);
  return rows[0]?.ok === true;
}

/** The unit of a stage: its own responsible unit, else the case's (the service's responsible unit). */
export function stageUnit(stage: Stage, row: Pick<CaseRow, 'orgUnitId'>): string | null {
  return stage.responsible?.unitRef ?? row.orgUnitId;
}

/**
 * Beyond the map's roles (which the engine checks), who acts at the case's current stage (004 item 8;
 * 000 items 3.4, 3.5): at a stage of the employee, only the case's executor; at an approval stage,
 * an approving official of the stage's unit or below it (any of the municipality when the stage names
 * no unit). The refusal, or null.
 */
export async function actingRefusal(
  tx: Tx,
  actor: CaseActor,
  row: CaseRow,
  stage: Stage,
): Promise<AppError | null> {
  const role = stage.responsible?.role;
  if (role === 'employee' && row.executorId !== actor.employeeId) {
    return new AppError('case_not_executor', `case ${row.id}: executor is ${row.executorId ?? 'none'}`);
  }
  const unitRef = stage.responsible?.unitRef;
  if (role === 'approver' && unitRef && !(await worksInUnit(tx, actor.employeeId, unitRef))) {
    return new AppError('forbidden', `case ${row.id}: approver outside unit ${unitRef}`);
  }
  return null;
}
