import { stageOf, type ReturnForRevision } from '@uslugi/contracts';
import type { CommandContext } from '../../platform/commands.js';
import { AppError } from '../../platform/errors.js';
import { notify } from '../notifications/index.js';
import { advanceCase } from './advance.js';
import { caseActor } from './case-access.js';
import { caseResult, refuseAction, runCaseCommand, type CaseDeps } from './case-command.js';
import { assertOpen, lockCase } from './case-row.js';
import { checkAction } from './check-action.js';

/**
 * «Отправить на доработку» (000 item 3.5): the approving official returns the pending decision with a
 * reason; the decision is kept as returned, the case goes back to the decision stage and the
 * executor is told why.
 */
export function returnForRevision(
  ctx: CommandContext,
  deps: Pick<CaseDeps, 'clock' | 'files'>,
  input: ReturnForRevision & { caseId: string },
) {
  const actor = caseActor(ctx);
  return runCaseCommand(ctx, async (scope) => {
    const { tx } = scope;
    const { row, version } = await lockCase(tx, input.caseId);
    assertOpen(row);
    const stage = stageOf(version.definition.techMap, row.stageKey);
    const back = stage?.kind === 'approval' ? stage.actions.find((a) => a.reason) : undefined;
    if (!stage || !back) {
      return refuseAction(scope, row, {
        actionKey: 'return',
        code: 'not_this_command',
        message: `Этап «${stage?.name ?? row.stageKey}»: возврат на доработку не предусмотрен`,
      });
    }
    const reason = input.reason.trim();
    const allowed = await checkAction(scope, {
      actor,
      row,
      version,
      actionKey: back.key,
      given: { reason },
      fits: () => null,
    });
    if ('refused' in allowed) return allowed;
    const at = deps.clock();
    const returned = await tx
      .updateTable('caseDecisions')
      .set({ status: 'returned', reviewedBy: actor.employeeId, reviewedAt: at, returnReason: reason })
      .where('caseId', '=', row.id)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    if (!returned) throw new AppError('case_changed', `case ${row.id}: no pending decision`);
    await advanceCase(scope, {
      row,
      version,
      ...allowed,
      actorId: actor.employeeId,
      comment: reason,
      at,
      details: { decisionId: returned.id, reason },
      files: deps.files,
    });
    if (row.executorId) {
      await notify(tx, {
        municipalityId: row.municipalityId,
        recipientId: row.executorId,
        text: `Решение по заявлению № ${row.registrationNumber} отправлено на доработку. Причина: ${reason}`,
        objectType: 'case',
        objectId: row.id,
      });
    }
    return caseResult(tx, row.id, returned.id);
  });
}
