import { stageOf, type CaseCommandResult } from '@uslugi/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { todayOf } from '../../platform/clock.js';
import { runCommand, type CommandContext } from '../../platform/commands.js';
import { AppError, notFound } from '../../platform/errors.js';
import { closeTerm } from '../calendar/index.js';
import { notify } from '../notifications/index.js';
import { ownUnitAndAbove, ownUnitAndBelow } from '../org/index.js';
import { sendStageRequests } from './advance.js';
import { assertOpen, lockCase } from './case-row.js';

export interface AnswerRequestInput {
  caseId: string;
  requestId: string;
  answer: string;
  at: Date;
}

/**
 * Whether the employee answers for the addressed unit: they work in it or in a unit below it, or the
 * unit is below theirs (a head of the department answers for its sections). The list of open intra
 * requests shows the same set.
 */
export function answersForUnit(employeeId: string) {
  return sql<string>`(select id from ${ownUnitAndAbove(employeeId)} as a union select id from ${ownUnitAndBelow(employeeId)} as b)`;
}

async function mayAnswerFor(tx: Tx, employeeId: string, unitId: string): Promise<boolean> {
  const row = await sql<{
    ok: boolean;
  }>`select ${unitId}::uuid in ${answersForUnit(employeeId)} as ok`.execute(tx);
  return row.rows[0]?.ok === true;
}

/**
 * The answer to a request of a case (004 item 8): an inter-agency answer received otherwise than
 * through SMEV (paper, SMEV down), recorded by the case's executor (channel `manual`); or an
 * intra-agency answer given by the addressed unit (channel `intra`), told to the executor. The request
 * must still await its answer (a guarded update); its answer term closes; a sequential request next in
 * line at the current stage is then created.
 */
export function answerRequest(ctx: CommandContext, input: AnswerRequestInput): Promise<CaseCommandResult> {
  return runCommand(ctx, async ({ tx, journal }) => {
    const actorId = ctx.actor.id ?? '';
    const { row, version } = await lockCase(tx, input.caseId);
    const request = await tx
      .selectFrom('caseRequests')
      .selectAll()
      .where('id', '=', input.requestId)
      .where('caseId', '=', row.id)
      .executeTakeFirst();
    if (!request) throw notFound(`request ${input.requestId} of case ${row.id}`);
    assertOpen(row);

    const channel = request.kind === 'intra' ? 'intra' : 'manual';
    if (request.kind === 'interagency' && row.executorId !== actorId) {
      throw new AppError('case_not_executor', `${actorId} is not the executor of case ${row.id}`);
    }
    if (request.kind === 'intra' && !(await mayAnswerFor(tx, actorId, request.toUnitId ?? ''))) {
      throw new AppError('intra_request_not_yours', `${actorId} answers not for unit ${request.toUnitId}`);
    }

    const answered = await tx
      .updateTable('caseRequests')
      .set({
        status: 'answered',
        answer: input.answer,
        answerChannel: channel,
        answeredAt: input.at,
        answeredBy: actorId,
      })
      .where('id', '=', request.id)
      .where('status', 'in', ['pending', 'sent'])
      .executeTakeFirst();
    if (answered.numUpdatedRows === 0n) {
      throw new AppError('case_request_not_open', `request ${request.id} is ${request.status}`);
    }
    if (request.termId) await closeTerm(tx, request.termId);

    // The next sequential request of the stage the case is at goes out once this one is answered.
    const stage =
      request.stageKey === row.stageKey ? stageOf(version.definition.techMap, row.stageKey) : null;
    const sent = stage
      ? await sendStageRequests(tx, {
          municipalityId: row.municipalityId,
          caseId: row.id,
          registrationNumber: row.registrationNumber,
          executorId: row.executorId,
          stage,
          at: input.at,
          startDate: todayOf(() => input.at),
        })
      : 0;
    await tx
      .updateTable('cases')
      .set((eb) => ({ updatedAt: input.at, rowVersion: eb('rowVersion', '+', 1) }))
      .where('id', '=', row.id)
      .execute();

    await journal({
      action: 'case.request_answered',
      objectType: 'case',
      objectId: row.id,
      payload: {
        registrationNumber: row.registrationNumber,
        requestId: request.id,
        requestKey: request.requestKey,
        name: request.name,
        kind: request.kind,
        channel,
        stage: request.stageKey,
        nextRequestsSent: sent,
      },
    });
    if (request.kind === 'intra' && row.executorId && row.executorId !== actorId) {
      await notify(tx, {
        municipalityId: row.municipalityId,
        recipientId: row.executorId,
        text: `Получен ответ на внутриведомственный запрос «${request.name}» по заявлению № ${row.registrationNumber}`,
        objectType: 'case',
        objectId: row.id,
      });
    }
    return {
      caseId: row.id,
      stageKey: row.stageKey,
      status: row.status,
      executorId: row.executorId,
      decisionId: null,
    };
  });
}
