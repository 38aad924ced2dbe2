import type { CaseCommandResult } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { runCommand, type CommandContext, type CommandScope } from '../../platform/commands.js';
import { AppError, notFound } from '../../platform/errors.js';
import { setApplicationStatus } from '../applications/index.js';
import { setTermsExecutor } from '../calendar/index.js';
import { notify } from '../notifications/index.js';
import { employeeCard, ownUnitAndBelow } from '../org/index.js';
import { caseActor, holds, worksInUnit } from './case-access.js';
import { caseResult, type CaseDeps } from './case-command.js';
import { assertOpen, lockCase, type CaseRow } from './case-row.js';

/**
 * Hands the case's open terms (the whole service's, the stage's, the open requests') to the executor:
 * their warnings and violations reach that person (004 items 10, 11).
 */
async function handTerms(tx: Tx, row: Pick<CaseRow, 'id' | 'termId' | 'stageTermId'>, executorId: string) {
  const requests = await tx
    .selectFrom('caseRequests')
    .select('termId')
    .where('caseId', '=', row.id)
    .where('status', 'in', ['pending', 'sent'])
    .where('termId', 'is not', null)
    .execute();
  const ids = [row.termId, row.stageTermId, ...requests.map((r) => r.termId)].filter(
    (id): id is string => id !== null,
  );
  await setTermsExecutor(tx, ids, executorId);
}

/** What follows an assignment in its transaction: the terms, the application's status, the journal. */
async function recordAssignment(
  { tx, journal }: Pick<CommandScope, 'tx' | 'journal'>,
  input: { row: CaseRow; executorId: string; by: string; reason: string | null; at: Date },
) {
  const { row, executorId, at } = input;
  await handTerms(tx, row, executorId);
  if (row.assignedAt === null) {
    // 000 item 3.4: the applicant sees the application taken into work.
    await setApplicationStatus(tx, {
      municipalityId: row.municipalityId,
      applicationId: row.applicationId,
      status: 'in_progress',
      employeeId: input.by,
      at,
    });
  }
  await journal({
    action: 'case.assigned',
    objectType: 'case',
    objectId: row.id,
    payload: {
      registrationNumber: row.registrationNumber,
      executorId,
      by: input.by,
      reason: input.reason,
      previous: row.executorId,
    },
  });
}

/**
 * «Назначить мне»: an employee of the case's unit (or a unit below it) takes a case nobody has taken.
 * A guarded update: of two employees pressing at once, exactly one gets the case, the other
 * `case_taken`.
 */
export function assignToMe(ctx: CommandContext, deps: Pick<CaseDeps, 'clock'>, caseId: string) {
  const actor = caseActor(ctx);
  return runCommand(ctx, async (scope): Promise<CaseCommandResult> => {
    const { tx } = scope;
    const current = await tx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
    if (!current) throw notFound(`case ${caseId}`);
    if (!(await worksInUnit(tx, actor.employeeId, current.orgUnitId))) {
      throw new AppError('assignee_not_in_unit', `case ${caseId}: ${actor.employeeId} outside its unit`);
    }
    assertOpen(current);
    const at = deps.clock();
    const taken = await tx
      .updateTable('cases')
      .set((eb) => ({
        executorId: actor.employeeId,
        assignedAt: at,
        updatedAt: at,
        rowVersion: eb('rowVersion', '+', 1),
      }))
      .where('id', '=', caseId)
      .where('executorId', 'is', null)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    if (!taken) throw new AppError('case_taken', `case ${caseId} already has an executor or is closed`);
    await recordAssignment(scope, {
      // What the case was before the update: the first assignment, the previous executor (none).
      row: { ...taken, assignedAt: current.assignedAt, executorId: null },
      executorId: actor.employeeId,
      by: actor.employeeId,
      reason: null,
      at,
    });
    return caseResult(tx, caseId);
  });
}

/**
 * The head assigns or reassigns the case (000 item 3.4) to an employee of the case's unit or a unit
 * below it, with a reason; the new executor is told, and the previous one.
 */
export function assignCase(
  ctx: CommandContext,
  deps: Pick<CaseDeps, 'clock'>,
  input: { caseId: string; employeeId: string; reason: string },
) {
  const actor = caseActor(ctx);
  return runCommand(ctx, async (scope): Promise<CaseCommandResult> => {
    const { tx } = scope;
    const { row } = await lockCase(tx, input.caseId);
    const oversees = await tx
      .selectFrom('cases')
      .select('id')
      .where('id', '=', row.id)
      .where('orgUnitId', 'in', ownUnitAndBelow(actor.employeeId))
      .executeTakeFirst();
    if (!holds(actor, 'cases.assign') || !oversees) {
      throw new AppError('forbidden', `case ${row.id}: not under head ${actor.employeeId}`);
    }
    assertOpen(row);
    const assignee = await employeeCard(tx, input.employeeId);
    if (
      !assignee ||
      assignee.blockedAt !== null ||
      !assignee.roles.includes('employee') ||
      !(await worksInUnit(tx, assignee.id, row.orgUnitId))
    ) {
      throw new AppError(
        'assignee_not_in_unit',
        `case ${row.id}: ${input.employeeId} cannot be its executor`,
      );
    }
    const at = deps.clock();
    const updated = await tx
      .updateTable('cases')
      .set((eb) => ({
        executorId: assignee.id,
        assignedAt: at,
        updatedAt: at,
        rowVersion: eb('rowVersion', '+', 1),
      }))
      .where('id', '=', row.id)
      .where('rowVersion', '=', row.rowVersion)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new AppError('case_changed', `case ${row.id} changed`);
    await recordAssignment(scope, {
      row,
      executorId: assignee.id,
      by: actor.employeeId,
      reason: input.reason,
      at,
    });
    const label = `по заявлению № ${row.registrationNumber}`;
    await notify(tx, {
      municipalityId: row.municipalityId,
      recipientId: assignee.id,
      text: `Вам назначено дело ${label}. Причина: ${input.reason}`,
      objectType: 'case',
      objectId: row.id,
    });
    if (row.executorId && row.executorId !== assignee.id) {
      await notify(tx, {
        municipalityId: row.municipalityId,
        recipientId: row.executorId,
        text: `Дело ${label} передано другому исполнителю (${assignee.fullName}). Причина: ${input.reason}`,
        objectType: 'case',
        objectId: row.id,
      });
    }
    return caseResult(tx, row.id);
  });
}
