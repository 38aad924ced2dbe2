import { groundsFor, type CaseDecision, type Ground } from '@uslugi/contracts';
import { todayOf } from '../../platform/clock.js';
import type { CommandContext } from '../../platform/commands.js';
import { recordGeneratedDocument } from '../documents/index.js';
import { employeeNames } from '../org/index.js';
import { advanceCase } from './advance.js';
import { caseActor } from './case-access.js';
import { caseResult, runCaseCommand, type CaseDeps } from './case-command.js';
import { assertOpen, lockCase } from './case-row.js';
import { checkAction } from './check-action.js';

const DECISION_TITLES = { grant: 'о предоставлении услуги', refuse: 'об отказе в предоставлении услуги' };

/** The text of the draft decision the approving official signs (000 items 3.4, 3.5). */
function draftText(input: {
  registrationNumber: string;
  serviceName: string;
  decision: 'grant' | 'refuse';
  grounds: Ground[];
  text: string;
  executor: string;
  date: string;
}): string {
  const lines = [
    `Проект решения ${DECISION_TITLES[input.decision]} по заявлению № ${input.registrationNumber}`,
    '',
    `Услуга: ${input.serviceName}`,
    `Решение: ${input.decision === 'grant' ? 'предоставить услугу' : 'отказать в предоставлении услуги'}`,
  ];
  if (input.grounds.length > 0) {
    // 210-ФЗ ст. 14: the refusal names its grounds from the regulation's list, with the clause.
    lines.push('Основания отказа:');
    for (const ground of input.grounds)
      lines.push(`  - ${ground.text}${ground.clause ? ` (${ground.clause})` : ''}`);
  }
  lines.push('', input.text, '', `Исполнитель: ${input.executor}`, `Дата: ${input.date}`);
  return `${lines.join('\n')}\n`;
}

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
    const names = await employeeNames(tx, [actor.employeeId]);
    const content = draftText({
      registrationNumber: row.registrationNumber,
      serviceName: card.name,
      decision,
      grounds: chosen,
      text: input.text.trim(),
      executor: names.get(actor.employeeId) ?? '',
      date: todayOf(() => at),
    });
    const fileNumber = row.registrationNumber.replace(/[^0-9A-Za-zА-Яа-я-]+/g, '-');
    const draft = await recordGeneratedDocument(
      tx,
      { files: deps.files, provider: deps.pki.provider },
      {
        municipalityId: row.municipalityId,
        title: `Проект решения ${DECISION_TITLES[decision]} № ${row.registrationNumber}`,
        fileName: `Проект решения ${fileNumber}.txt`,
        mediaType: 'text/plain',
        content: Buffer.from(content, 'utf8'),
        createdBy: actor.employeeId,
        orgUnitId: row.orgUnitId,
        createdAt: at,
        retentionYears: card.retentionYears,
      },
    );
    const { id: decisionId } = await tx
      .insertInto('caseDecisions')
      .values({
        municipalityId: row.municipalityId,
        caseId: row.id,
        decision,
        actionKey: allowed.action.key,
        grounds: decision === 'refuse' ? chosen.map((g) => g.key) : [],
        text: input.text.trim(),
        draftDocumentId: draft.id,
        decidedBy: actor.employeeId,
        decidedAt: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await advanceCase(scope, {
      row,
      version,
      ...allowed,
      actorId: actor.employeeId,
      at,
      details: { decisionId, decision, grounds: decision === 'refuse' ? chosen.map((g) => g.key) : [] },
    });
    return caseResult(tx, row.id, decisionId);
  });
}
