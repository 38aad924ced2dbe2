import { OUTCOME_TITLES, requestsToSend, type Action, type Stage } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { todayOf } from '../../platform/clock.js';
import type { CommandScope } from '../../platform/commands.js';
import { AppError } from '../../platform/errors.js';
import { setApplicationStatus } from '../applications/index.js';
import { closeTerm, scheduleTerm, termDueDates } from '../calendar/index.js';
import type { PinnedVersion } from '../catalog/index.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { CaseRow } from './case-row.js';
import { requestIntraDocument } from './result-document.js';
import { startInteragencyRequest } from './smev-requests.js';

type Scope = Pick<CommandScope, 'tx' | 'journal'>;

export interface EnteredStage {
  stageKey: string;
  termId: string | null;
  dueDate: string | null;
}

/**
 * Enters a stage (004 item 8): the stage run, its term on the municipality's work calendar counted
 * from the day it starts (the executor named, so the term's notices reach them), and the requests the
 * stage sends at once (inter-agency ones wait for the SMEV adapter or an answer recorded by hand;
 * intra-agency ones appear in the addressed unit's workplace). A final stage has no term.
 */
export async function enterStage(
  tx: Tx,
  input: {
    municipalityId: string;
    caseId: string;
    registrationNumber: string;
    executorId: string | null;
    stage: Stage;
    at: Date;
    /** Where the intra-agency requests' documents go; who sends them. */
    files: FileStore;
    actorId: string | null;
  },
): Promise<EnteredStage> {
  const { stage, at } = input;
  const startDate = todayOf(() => at);
  const term = stage.term
    ? await scheduleTerm(tx, {
        municipalityId: input.municipalityId,
        objectType: 'case_stage',
        objectId: input.caseId,
        title: `Этап «${stage.name}» по заявлению № ${input.registrationNumber}`,
        startDate,
        amount: stage.term.amount,
        unit: stage.term.unit,
        executorId: input.executorId,
      })
    : null;
  await tx
    .insertInto('caseStages')
    .values({
      municipalityId: input.municipalityId,
      caseId: input.caseId,
      stageKey: stage.key,
      enteredAt: at,
      termId: term?.id ?? null,
    })
    .execute();

  await sendStageRequests(tx, { ...input, startDate });
  return { stageKey: stage.key, termId: term?.id ?? null, dueDate: term?.dueDate ?? null };
}

/**
 * Creates the requests of the stage that are due now and not yet created (the engine's
 * `requestsToSend`): on entering the stage every parallel, blocking and intra-agency one and the first
 * sequential one; after an answer, the sequential request next in line. Their answer terms count from
 * `startDate`. Returns how many were created.
 */
export async function sendStageRequests(
  tx: Tx,
  input: {
    municipalityId: string;
    caseId: string;
    registrationNumber: string;
    executorId: string | null;
    stage: Stage;
    at: Date;
    startDate: string;
    /**
     * With it, an intra-agency request is sent with its document (000 item 2.5), asked for on behalf
     * of `actorId` (else the executor). Intra-agency requests all go out on entering the stage.
     */
    files?: FileStore;
    actorId?: string | null;
  },
): Promise<number> {
  const { stage } = input;
  let created = 0;
  // A request cancelled at once (it does not apply to this applicant) lets the sequential one after it
  // go out in the same step: repeat until nothing more is due.
  for (let round = 0; round <= stage.interagencyRequests.length; round++) {
    const due = await dueRequests(tx, input.caseId, stage);
    if (due.length === 0) break;
    created += due.length;
    await createRequests(tx, input, due);
  }
  return created;
}

async function dueRequests(tx: Tx, caseId: string, stage: Stage) {
  const existing = await tx
    .selectFrom('caseRequests')
    .select(['requestKey', 'status'])
    .where('caseId', '=', caseId)
    .where('stageKey', '=', stage.key)
    .execute();
  const sent = existing.map((r) => r.requestKey);
  const settled = existing
    .filter((r) => r.status === 'answered' || r.status === 'cancelled')
    .map((r) => r.requestKey);
  return requestsToSend(stage, sent, settled);
}

async function createRequests(
  tx: Tx,
  input: Parameters<typeof sendStageRequests>[1],
  due: ReturnType<typeof requestsToSend>,
): Promise<void> {
  const { stage, at, startDate } = input;
  for (const next of due) {
    const answerTerm = next.request.answerTerm;
    const requestId = crypto.randomUUID();
    const requestTerm = answerTerm
      ? await scheduleTerm(tx, {
          municipalityId: input.municipalityId,
          objectType: 'case_request',
          objectId: requestId,
          title: `Ответ на запрос «${next.request.name}» по заявлению № ${input.registrationNumber}`,
          startDate,
          amount: answerTerm.amount,
          unit: answerTerm.unit,
          executorId: input.executorId,
        })
      : null;
    await tx
      .insertInto('caseRequests')
      .values({
        id: requestId,
        municipalityId: input.municipalityId,
        caseId: input.caseId,
        stageKey: stage.key,
        requestKey: next.request.key,
        kind: next.kind,
        name: next.request.name,
        agency: next.kind === 'interagency' ? next.request.agency : null,
        requestKind: next.kind === 'interagency' ? next.request.requestKind : null,
        toUnitId: next.kind === 'intra' ? next.request.unitRef : null,
        mode: next.kind === 'interagency' ? next.request.mode : 'intra',
        status: next.kind === 'intra' ? 'sent' : 'pending',
        termId: requestTerm?.id ?? null,
        createdAt: at,
        sentAt: next.kind === 'intra' ? at : null,
      })
      .execute();
    if (next.kind === 'interagency') {
      const started = await startInteragencyRequest(tx, {
        municipalityId: input.municipalityId,
        caseId: input.caseId,
        caseRequestId: requestId,
        registrationNumber: input.registrationNumber,
        request: next.request,
        dueDate: requestTerm?.dueDate ?? null,
        // Whose the answer's document is: the executor, else who moved the case here (the acceptance).
        requestedBy: input.executorId ?? input.actorId ?? null,
        at,
      });
      if (started.status === 'cancelled') {
        await tx
          .updateTable('caseRequests')
          .set({ status: 'cancelled', answer: started.reason })
          .where('id', '=', requestId)
          .execute();
        if (requestTerm) await closeTerm(tx, requestTerm.id);
      }
    }
    const requester = input.actorId ?? input.executorId;
    if (next.kind === 'intra' && input.files && requester) {
      await requestIntraDocument(
        tx,
        { files: input.files },
        {
          caseId: input.caseId,
          requestId,
          name: next.request.name,
          toUnitId: next.request.unitRef,
          dueDate: requestTerm?.dueDate ?? null,
          actorId: requester,
          at,
        },
      );
    }
  }
}

/**
 * Keys of the requests of a stage that no longer hold it (what `takeAction` needs): answered, cancelled
 * (they did not apply), or past their answer term.
 */
export async function answeredRequests(
  tx: Tx,
  caseId: string,
  stageKey: string,
  /** With it, a request whose answer term ended before this day no longer holds the stage. */
  today?: string,
): Promise<string[]> {
  const rows = await tx
    .selectFrom('caseRequests')
    .select(['requestKey', 'status', 'termId'])
    .where('caseId', '=', caseId)
    .where('stageKey', '=', stageKey)
    .execute();
  // 210-ФЗ ст. 7.2 ч. 3: an answer late past its term is no ground to hold the applicant's case — the
  // executor goes on with what they have (and the head has been told of the broken term).
  const terms = today
    ? await termDueDates(
        tx,
        rows.map((r) => r.termId),
      )
    : new Map<string, { dueDate: string }>();
  return rows
    .filter(
      (r) =>
        r.status === 'answered' ||
        r.status === 'cancelled' ||
        (today !== undefined && r.termId !== null && (terms.get(r.termId)?.dueDate ?? today) < today),
    )
    .map((r) => r.requestKey);
}

export interface AdvanceInput {
  row: CaseRow;
  version: PinnedVersion;
  from: Stage;
  action: Action;
  to: Stage;
  actorId: string | null;
  comment?: string | null;
  at: Date;
  /** What the journal entry adds (a decision's id, a signature's id). */
  details?: Record<string, unknown>;
  /** Where the documents of the stage entered go (its intra-agency requests). */
  files: FileStore;
}

export interface Advanced {
  stageKey: string;
  closed: boolean;
}

/**
 * Moves the case by an action the engine allowed (the caller ran `takeAction` on the locked case):
 * leaves the current stage (its run records the action, actor and comment; its term closes), enters
 * the next one, and at a final stage closes the case with the stage's outcome, its term and the
 * application's status. The update is guarded by the row version the caller read, journaled in the
 * same transaction.
 */
export async function advanceCase({ tx, journal }: Scope, input: AdvanceInput): Promise<Advanced> {
  const { row, from, action, to, at } = input;
  const left = await tx
    .updateTable('caseStages')
    .set({ leftAt: at, actionKey: action.key, actorId: input.actorId, comment: input.comment ?? null })
    .where('caseId', '=', row.id)
    .where('stageKey', '=', from.key)
    .where('leftAt', 'is', null)
    .returning('termId')
    .executeTakeFirst();
  if (!left) throw new AppError('case_changed', `case ${row.id} is not at ${from.key}`);
  if (left.termId) await closeTerm(tx, left.termId);

  const entered = await enterStage(tx, {
    municipalityId: row.municipalityId,
    caseId: row.id,
    registrationNumber: row.registrationNumber,
    executorId: row.executorId,
    stage: to,
    at,
    files: input.files,
    actorId: input.actorId,
  });
  const final = to.kind === 'final';
  const outcome = final ? to.outcome : null;
  const updated = await tx
    .updateTable('cases')
    .set((eb) => ({
      stageKey: to.key,
      stageTermId: entered.termId,
      updatedAt: at,
      rowVersion: eb('rowVersion', '+', 1),
      ...(final ? { status: 'closed' as const, outcome, closedAt: at } : {}),
    }))
    .where('id', '=', row.id)
    .where('rowVersion', '=', row.rowVersion)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw new AppError('case_changed', `case ${row.id} changed`);

  await journal({
    action: 'case.action_taken',
    objectType: 'case',
    objectId: row.id,
    payload: {
      registrationNumber: row.registrationNumber,
      from: from.key,
      to: to.key,
      action: action.key,
      label: action.label,
      comment: input.comment ?? null,
      stageDueDate: entered.dueDate,
      ...input.details,
    },
  });
  if (final) {
    if (row.termId) await closeTerm(tx, row.termId);
    if (outcome === 'granted' || outcome === 'refused' || outcome === 'withdrawn') {
      await setApplicationStatus(tx, {
        municipalityId: row.municipalityId,
        applicationId: row.applicationId,
        status: outcome,
        employeeId: input.actorId,
        at,
      });
    }
    await journal({
      action: 'case.closed',
      objectType: 'case',
      objectId: row.id,
      payload: {
        registrationNumber: row.registrationNumber,
        outcome,
        outcomeTitle: outcome ? OUTCOME_TITLES[outcome] : null,
      },
    });
  }
  return { stageKey: to.key, closed: final };
}
