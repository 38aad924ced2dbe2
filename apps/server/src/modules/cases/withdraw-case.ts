import { OUTCOME_TITLES } from '@uslugi/contracts';
import type { CommandScope } from '../../platform/commands.js';
import { AppError } from '../../platform/errors.js';
import { closeTerm } from '../calendar/index.js';
import { notify } from '../notifications/index.js';
import { lockCase } from './case-row.js';

export interface WithdrawnCase {
  caseId: string;
  registrationNumber: string;
}

/** The stage run's action when the applicant withdraws: no action of the map, the case just ends. */
export const WITHDRAW_ACTION = 'withdraw';

/**
 * Closes the case of an application its applicant withdraws, before a decision is signed (a signed
 * decision is the result: 409 `withdrawal_too_late`). Not an action of the map: the current stage run
 * is left with `withdraw`, the stage's, the requests' and the case's terms close, open requests are
 * cancelled, a decision awaiting signature is withdrawn, the case closes with outcome `withdrawn`;
 * journaled, the executor told. The application's status is the caller's (applications).
 */
export async function withdrawCase(
  { tx, journal }: Pick<CommandScope, 'tx' | 'journal'>,
  input: { caseId: string; at: Date; reason: string | null },
): Promise<WithdrawnCase> {
  const { row } = await lockCase(tx, input.caseId);
  const signed = await tx
    .selectFrom('caseDecisions')
    .select('id')
    .where('caseId', '=', row.id)
    .where('status', '=', 'signed')
    .executeTakeFirst();
  if (row.status !== 'open' || row.resultDocumentId !== null || signed) {
    throw new AppError(
      'withdrawal_too_late',
      `case ${row.id}: ${row.status}, result ${row.resultDocumentId}`,
    );
  }
  const comment = input.reason
    ? `Заявление отозвано заявителем: ${input.reason}`
    : 'Заявление отозвано заявителем';
  const left = await tx
    .updateTable('caseStages')
    .set({ leftAt: input.at, actionKey: WITHDRAW_ACTION, actorId: null, comment })
    .where('caseId', '=', row.id)
    .where('leftAt', 'is', null)
    .returning('termId')
    .executeTakeFirst();
  const requests = await tx
    .updateTable('caseRequests')
    .set({ status: 'cancelled' })
    .where('caseId', '=', row.id)
    .where('status', 'in', ['pending', 'sent'])
    .returning('termId')
    .execute();
  await tx
    .updateTable('caseDecisions')
    .set({ status: 'withdrawn' })
    .where('caseId', '=', row.id)
    .where('status', '=', 'pending')
    .execute();
  for (const termId of [left?.termId, row.stageTermId, row.termId, ...requests.map((r) => r.termId)]) {
    if (termId) await closeTerm(tx, termId);
  }
  const closed = await tx
    .updateTable('cases')
    .set((eb) => ({
      status: 'closed',
      outcome: 'withdrawn',
      closedAt: input.at,
      updatedAt: input.at,
      rowVersion: eb('rowVersion', '+', 1),
    }))
    .where('id', '=', row.id)
    .where('rowVersion', '=', row.rowVersion)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (closed.numUpdatedRows === 0n) throw new AppError('case_changed', `case ${row.id} changed`);

  await journal({
    action: 'case.closed',
    objectType: 'case',
    objectId: row.id,
    payload: {
      registrationNumber: row.registrationNumber,
      outcome: 'withdrawn',
      outcomeTitle: OUTCOME_TITLES.withdrawn,
      stage: row.stageKey,
      action: WITHDRAW_ACTION,
      reason: input.reason,
      requestsCancelled: requests.length,
    },
  });
  if (row.executorId) {
    await notify(tx, {
      municipalityId: row.municipalityId,
      recipientId: row.executorId,
      text: `Заявитель отозвал заявление № ${row.registrationNumber}: предоставление услуги прекращено`,
      objectType: 'case',
      objectId: row.id,
    });
  }
  return { caseId: row.id, registrationNumber: row.registrationNumber };
}
