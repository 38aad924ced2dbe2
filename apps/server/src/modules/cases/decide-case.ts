import { todayOf } from '../../platform/clock.js';
import { groundsFor, type CaseDecision, type Ground } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { CommandContext } from '../../platform/commands.js';
import { requestRender, whenRendered } from '../documents/index.js';
import { decisionFacts, resultTitle } from './document-facts.js';
import { advanceCase } from './advance.js';
import { caseActor } from './case-access.js';
import { caseResult, runCaseCommand, type CaseDeps } from './case-command.js';
import { assertOpen, lockCase, type CaseRow } from './case-row.js';
import { checkAction } from './check-action.js';

const DECISION_TITLES = { grant: 'о предоставлении услуги', refuse: 'об отказе в предоставлении услуги' };

/**
 * The documents of a decision (000 items 2.5, 3.4): the draft decision and the result draft the
 * official will sign — `result` for a grant, `service_refusal` for a refusal, the approval stage's
 * document — both made from templates after the decision commits, editable (DOCX kept).
 */
async function requestDecisionDocuments(
  tx: Tx,
  deps: Pick<CaseDeps, 'files'>,
  input: {
    row: CaseRow;
    decisionId: string;
    decision: 'grant' | 'refuse';
    grounds: Ground[];
    text: string;
    actorId: string;
    at: Date;
  },
): Promise<void> {
  const { row } = input;
  const { facts, definition, documentKey } = await decisionFacts(tx, {
    row,
    decision: input.decision,
    grounds: input.grounds,
    text: input.text,
    employeeId: input.actorId,
    at: input.at,
  });
  const common = {
    municipalityId: row.municipalityId,
    applicationId: row.applicationId,
    caseId: row.id,
    subjectId: input.decisionId,
    serviceId: row.serviceId,
    serviceVersionId: row.serviceVersionId,
    facts,
    requestedBy: input.actorId,
    requestedAt: input.at,
    orgUnitId: row.orgUnitId,
    retentionYears: definition.card.retentionYears,
  };
  await requestRender(tx, deps, {
    ...common,
    kind: 'decision_draft',
    title: `Проект решения ${DECISION_TITLES[input.decision]} № ${row.registrationNumber}`,
  });
  const kind = input.decision === 'grant' ? 'result' : 'service_refusal';
  await requestRender(tx, deps, {
    ...common,
    kind,
    documentKey,
    title: `${resultTitle(definition, input.decision, row.registrationNumber)} (проект)`,
  });
}

// The pending decision names its result draft's current PDF (the card and the approver read it):
// the first render, then each edited version.
whenRendered(['result', 'service_refusal'], async (tx, render) => {
  if (!render.subjectId) return;
  await tx
    .updateTable('caseDecisions')
    .set({ draftDocumentId: render.pdfDocumentId })
    .where('id', '=', render.subjectId)
    .where('status', '=', 'pending')
    .execute();
});

/**
 * The executor's decision (000 item 3.4): at a decision stage, grant or refuse (a refusal on grounds
 * of the card's list, with the text); the draft document is made and the case goes to approval.
 */
export function decideCase(ctx: CommandContext, deps: CaseDeps, input: CaseDecision & { caseId: string }) {
  const actor = caseActor(ctx);
  return runCaseCommand(ctx, async (scope) => {
    const { tx } = scope;
    const { row, version } = await lockCase(tx, input.caseId);
    assertOpen(row);
    const grounds = [...new Set(input.grounds)];
    const allowed = await checkAction(scope, {
      actor,
      row,
      version,
      actionKey: input.actionKey,
      today: todayOf(deps.clock),
      given: { grounds },
      fits: (action, stage) =>
        stage.kind === 'decision' && action.decision
          ? null
          : `Действие «${action.label}» — не решение по делу`,
    });
    if ('refused' in allowed) return allowed;
    const decision = allowed.action.decision!;
    const { card } = version.definition;
    const chosen = groundsFor(card, allowed.action).filter((g) => grounds.includes(g.key));
    const at = deps.clock();
    const { id: decisionId } = await tx
      .insertInto('caseDecisions')
      .values({
        municipalityId: row.municipalityId,
        caseId: row.id,
        decision,
        actionKey: allowed.action.key,
        grounds: decision === 'refuse' ? chosen.map((g) => g.key) : [],
        text: input.text.trim(),
        // The result draft's PDF, once made (the render's hook below sets it).
        draftDocumentId: null,
        decidedBy: actor.employeeId,
        decidedAt: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await requestDecisionDocuments(tx, deps, {
      row,
      decisionId,
      decision,
      grounds: chosen,
      text: input.text.trim(),
      actorId: actor.employeeId,
      at,
    });
    await advanceCase(scope, {
      row,
      version,
      ...allowed,
      actorId: actor.employeeId,
      at,
      details: { decisionId, decision, grounds: decision === 'refuse' ? chosen.map((g) => g.key) : [] },
      files: deps.files,
    });
    return caseResult(tx, row.id, decisionId);
  });
}
