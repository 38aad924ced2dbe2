import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { CasesTable, DB, Role } from '../../db/schema.js';
import { permissionsOf, type Permission } from '../../platform/auth/permissions.js';
import type { CommandContext } from '../../platform/commands.js';
import { AppError } from '../../platform/errors.js';
import { stagesOfKind } from '../catalog/index.js';
import { worksInUnitOrBelow } from '../org/index.js';
import { caseVisibility } from './case-access.js';

/** Who looks at cases: the employee, their permissions, and the approval stages of the municipality's maps. */
export interface CaseViewer {
  employeeId: string;
  roles: readonly Role[];
  can: (permission: Permission) => boolean;
  /** (version, stage key) of every approval stage: where an approver's cases wait (000 item 3.5). */
  approvalStages: ReadonlyArray<{ versionId: string; stageKey: string }>;
}

export async function caseViewer(tx: Tx, ctx: CommandContext): Promise<CaseViewer> {
  if (ctx.actor.type !== 'employee' || !ctx.actor.id) {
    throw new AppError('forbidden', 'cases are seen by employees');
  }
  const roles = ctx.roles ?? [];
  const permissions = new Set(permissionsOf(roles));
  const can = (p: Permission) => permissions.has(p);
  return {
    employeeId: ctx.actor.id,
    roles,
    can,
    approvalStages: can('cases.approve') ? await approvalStagesOf(tx, ctx.actor.id) : [],
  };
}

/**
 * The approval stages an approver answers for: those with no responsible unit (any approver of the
 * municipality) and those of a unit the approver works in or above.
 */
async function approvalStagesOf(tx: Tx, employeeId: string) {
  const stages = await stagesOfKind(tx, 'approval');
  const units = new Map<string, boolean>();
  const out: Array<{ versionId: string; stageKey: string }> = [];
  for (const stage of stages) {
    if (stage.unitRef !== null && !units.has(stage.unitRef)) {
      units.set(stage.unitRef, await worksInUnitOrBelow(tx, employeeId, stage.unitRef));
    }
    if (stage.unitRef === null || units.get(stage.unitRef)) {
      out.push({ versionId: stage.versionId, stageKey: stage.stageKey });
    }
  }
  return out;
}

type OverCases = ExpressionBuilder<DB & { c: CasesTable }, 'c'>;

/** The case stands at one of the given (version, stage) pairs. */
export function atStages(pairs: ReadonlyArray<{ versionId: string; stageKey: string }>) {
  return (eb: OverCases): Expression<SqlBool> => {
    if (pairs.length === 0) return sql<SqlBool>`false`;
    return eb.or(
      pairs.map((p) =>
        eb.and([eb('c.serviceVersionId', '=', p.versionId), eb('c.stageKey', '=', p.stageKey)]),
      ),
    );
  };
}

/**
 * Which cases an employee sees (`cases as c`): the one rule of every list, card and command
 * (`caseVisibility` of case-access.ts).
 */
export function visibleCases(viewer: CaseViewer) {
  return caseVisibility({ employeeId: viewer.employeeId, roles: viewer.roles });
}
