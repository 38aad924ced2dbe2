import { groundsFor, stageOf, takeAction, type ApproveCase } from '@uslugi/contracts';
import type { CommandContext, CommandScope } from '../../platform/commands.js';
import { AppError } from '../../platform/errors.js';
import { applicationChannel, setApplicationStatus } from '../applications/index.js';
import { latestRender, signDocumentIn } from '../documents/index.js';
import { verificationContext } from '../signing/index.js';
import { resultTitle } from './document-facts.js';
import { RESULT_KINDS, requestApplicantNotice, stampedResult } from './result-document.js';
import { advanceCase } from './advance.js';
import { caseActor } from './case-access.js';
import { caseResult, refuseAction, runCaseCommand, type CaseDeps } from './case-command.js';
import { assertOpen, lockCase } from './case-row.js';
import { checkAction } from './check-action.js';

/** What the applicant of a portal application is told the result is (the issue stage taken by the system). */
export const PORTAL_ISSUE_COMMENT = 'Результат направлен в личный кабинет заявителя на портале';

/**
 * Issues the result of a portal application at once (000 item 3.5: the result reaches the applicant's
 * account on the portal): the system takes the issue stage's action, which closes the case.
 */
async function issueToPortal(
  scope: CommandScope,
  deps: Pick<CaseDeps, 'files'>,
  caseId: string,
  at: Date,
): Promise<void> {
  const { row, version } = await lockCase(scope.tx, caseId);
  const stage = stageOf(version.definition.techMap, row.stageKey);
  const action = stage?.kind === 'issue' ? stage.actions[0] : undefined;
  if (!stage || !action) return;
  const outcome = takeAction(version.definition.techMap, stage.key, action.key, [stage.responsible!.role]);
  if (!outcome.ok) throw new AppError('internal', `case ${caseId}: issue refused: ${outcome.message}`);
  await advanceCase(scope, {
    row,
    version,
    ...outcome,
    actorId: null,
    comment: PORTAL_ISSUE_COMMENT,
    at,
    files: deps.files,
  });
}

/**
 * «Подписать» (000 item 3.5): the approving official signs the pending decision's draft with their
 * qualified signature, in the same transaction as the case moves: the decision signed, the draft
 * becomes the case's result, the application granted or refused (the applicant told), the case at
 * the issue stage — closed at once for a portal application. A wrong PIN commits only the attempt.
 */
export async function approveCase(
  ctx: CommandContext,
  deps: CaseDeps,
  input: ApproveCase & { caseId: string },
) {
  const actor = caseActor(ctx);
  // Read before the transaction: the PKI's keys and trust store are the installation's, not the case's.
  const installation = await deps.pki.ready();
  const context = await verificationContext(deps.pki);
  return runCaseCommand(ctx, async (scope) => {
    const { tx } = scope;
    const { row, version } = await lockCase(tx, input.caseId);
    assertOpen(row);
    const stage = stageOf(version.definition.techMap, row.stageKey);
    const sign = stage?.actions.find((a) => a.signature);
    if (!stage || !sign) {
      return refuseAction(scope, row, {
        actionKey: 'sign',
        code: 'not_this_command',
        message: `Этап «${stage?.name ?? row.stageKey}»: решение на этом этапе не подписывается`,
      });
    }
    const allowed = await checkAction(scope, {
      actor,
      row,
      version,
      actionKey: sign.key,
      given: { signed: true },
      fits: () => null,
    });
    if ('refused' in allowed) return allowed;
    const decision = await tx
      .selectFrom('caseDecisions')
      .selectAll()
      .where('caseId', '=', row.id)
      .where('status', '=', 'pending')
      .forUpdate()
      .executeTakeFirst();
    if (!decision) {
      return refuseAction(scope, row, {
        actionKey: sign.key,
        code: 'not_this_command',
        message: 'Решение для подписания не найдено: исполнитель его ещё не подготовил',
      });
    }
    // The result draft is made after the decision commits: the official signs only a made one.
    const draft = await latestRender(tx, { subjectId: decision.id, kinds: RESULT_KINDS });
    if (!draft || draft.status === 'pending') {
      throw new AppError('render_pending', `decision ${decision.id}: result draft not ready`);
    }
    if (draft.status === 'failed' || !draft.docxDocumentId || !draft.pdfDocumentId) {
      throw new AppError('render_failed', `decision ${decision.id}: ${draft.error ?? 'no draft'}`);
    }
    const at = deps.clock();
    const signedPdf = await stampedResult(scope, deps, {
      row,
      draft: { pdfDocumentId: draft.pdfDocumentId, docxDocumentId: draft.docxDocumentId },
      title: resultTitle(version.definition, decision.decision, row.registrationNumber),
      signerId: actor.employeeId,
      at,
    });
    const signed = await signDocumentIn(scope, ctx, deps, {
      documentId: signedPdf.id,
      content: signedPdf.content,
      pin: input.pin,
      installation,
      context,
      // The approver signs the executor's draft: this module has checked who may (above).
      vouched: true,
    });
    if (!signed.ok) return { refused: signed.error };
    const reviewed = await tx
      .updateTable('caseDecisions')
      .set({
        status: 'signed',
        reviewedBy: actor.employeeId,
        reviewedAt: at,
        signatureId: signed.signature.id,
      })
      .where('id', '=', decision.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (reviewed.numUpdatedRows === 0n) throw new AppError('case_changed', `decision ${decision.id} changed`);
    await tx.updateTable('cases').set({ resultDocumentId: signedPdf.id }).where('id', '=', row.id).execute();
    await setApplicationStatus(tx, {
      municipalityId: row.municipalityId,
      applicationId: row.applicationId,
      status: decision.decision === 'grant' ? 'granted' : 'refused',
      employeeId: actor.employeeId,
      at,
    });
    await advanceCase(scope, {
      row,
      version,
      ...allowed,
      actorId: actor.employeeId,
      at,
      details: { decisionId: decision.id, signatureId: signed.signature.id },
      files: deps.files,
    });
    if ((await applicationChannel(tx, row.applicationId)) === 'portal') {
      await issueToPortal(scope, deps, row.id, at);
    }
    // The refusal's grounds as the card names them, for the applicant's notice.
    const action = version.definition.techMap.stages
      .flatMap((s) => s.actions)
      .find((a) => a.key === decision.actionKey && a.decision === decision.decision);
    await requestApplicantNotice(tx, deps, {
      row,
      decision,
      grounds: action
        ? groundsFor(version.definition.card, action).filter((g) => decision.grounds.includes(g.key))
        : [],
      actorId: actor.employeeId,
      at,
    });
    return caseResult(tx, row.id, decision.id);
  });
}
