import { todayOf } from '../../platform/clock.js';
import type { CaseAction } from '@uslugi/contracts';
import type { CommandContext } from '../../platform/commands.js';
import { advanceCase } from './advance.js';
import { caseActor } from './case-access.js';
import { caseResult, runCaseCommand, type CaseDeps } from './case-command.js';
import { assertOpen, lockCase } from './case-row.js';
import { checkAction } from './check-action.js';

/**
 * A plain action of the current stage (004 item 8): «Сведения получены» (refused while a blocking
 * request is unanswered), «Рассмотрение завершено», «Результат выдан (направлен)». A decision, a
 * signature and a return for revision are their own commands and are refused here.
 */
export function takeCaseAction(
  ctx: CommandContext,
  deps: Pick<CaseDeps, 'clock' | 'files'>,
  input: CaseAction & { caseId: string },
) {
  const actor = caseActor(ctx);
  return runCaseCommand(ctx, async (scope) => {
    const { row, version } = await lockCase(scope.tx, input.caseId);
    assertOpen(row);
    const allowed = await checkAction(scope, {
      actor,
      row,
      version,
      actionKey: input.actionKey,
      today: todayOf(deps.clock),
      // A signature and a reason the engine itself asks for; a grant asks for nothing but is a decision.
      fits: (action) => (action.decision ? `Действие «${action.label}»: оформите решение` : null),
    });
    if ('refused' in allowed) return allowed;
    const comment = input.comment?.trim() || null;
    await advanceCase(scope, {
      row,
      version,
      ...allowed,
      actorId: actor.employeeId,
      comment,
      at: deps.clock(),
      files: deps.files,
    });
    return caseResult(scope.tx, row.id);
  });
}
