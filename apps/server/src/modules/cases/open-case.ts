import { formatTerm, intakeActions, stageOf } from '@uslugi/contracts';
import { todayOf } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { CommandScope } from '../../platform/commands.js';
import { scheduleTerm } from '../calendar/index.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { PinnedVersion } from '../catalog/index.js';
import { enterStage } from './advance.js';

export interface OpenCaseInput {
  municipalityId: string;
  application: { id: string; registrationNumber: string };
  /** The service's version in force at acceptance: the case follows this map to its end. */
  version: PinnedVersion;
  /** The unit responsible for the service (the card's responsible unit). */
  orgUnitId: string | null;
  acceptedAt: Date;
  actorId: string | null;
  /** Where the first stage's documents go (its intra-agency requests). */
  files: FileStore;
}

export interface OpenedCase {
  caseId: string;
  /** The last day of the whole service's term, `YYYY-MM-DD`. */
  dueDate: string;
  stageKey: string;
}

/**
 * Opens the case of an accepted application, in the accepting transaction (000 item 3.2; 004 items
 * 1–2: a service is provided only along its technological map). The case pins the version; the intake
 * stage is recorded as left by its acceptance action («Принять»), and the stage that action leads to
 * is entered. The whole service's term (card.term) and the entered stage's term are counted from the
 * registration date on the municipality's work calendar.
 */
export async function openCase(
  { tx, journal }: Pick<CommandScope, 'tx' | 'journal'>,
  input: OpenCaseInput,
): Promise<OpenedCase> {
  const { definition } = input.version;
  const intake = intakeActions(definition.techMap);
  if (!intake) {
    throw new AppError('wrong_state', `version ${input.version.id}: the start stage has no intake actions`);
  }
  const next = stageOf(definition.techMap, intake.accept.to);
  if (!next)
    throw new AppError('wrong_state', `version ${input.version.id}: stage ${intake.accept.to} missing`);
  const registrationDate = todayOf(() => input.acceptedAt);

  const { id: caseId } = await tx
    .insertInto('cases')
    .values({
      municipalityId: input.municipalityId,
      applicationId: input.application.id,
      serviceId: input.version.serviceId,
      serviceVersionId: input.version.id,
      registrationNumber: input.application.registrationNumber,
      orgUnitId: input.orgUnitId,
      stageKey: next.key,
      // Set below, once the term is counted on the calendar.
      dueDate: registrationDate,
      openedAt: input.acceptedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const term = await scheduleTerm(tx, {
    municipalityId: input.municipalityId,
    objectType: 'case',
    objectId: caseId,
    title: `Срок предоставления услуги по заявлению № ${input.application.registrationNumber}`,
    startDate: registrationDate,
    amount: definition.card.term.amount,
    unit: definition.card.term.unit,
  });
  // The term is known before the first stage is entered: its documents (an intra-agency request) name it.
  await tx
    .updateTable('cases')
    .set({ termId: term.id, dueDate: term.dueDate })
    .where('id', '=', caseId)
    .execute();
  await tx
    .insertInto('caseStages')
    .values({
      municipalityId: input.municipalityId,
      caseId,
      stageKey: intake.stage.key,
      enteredAt: input.acceptedAt,
      leftAt: input.acceptedAt,
      actionKey: intake.accept.key,
      actorId: input.actorId,
    })
    .execute();
  const stageTerm = await enterStage(tx, {
    municipalityId: input.municipalityId,
    caseId,
    registrationNumber: input.application.registrationNumber,
    executorId: null,
    stage: next,
    at: input.acceptedAt,
    files: input.files,
    actorId: input.actorId,
  });
  await tx
    .updateTable('cases')
    .set({ termId: term.id, stageTermId: stageTerm.termId, dueDate: term.dueDate })
    .where('id', '=', caseId)
    .execute();

  await journal({
    action: 'case.opened',
    objectType: 'case',
    objectId: caseId,
    payload: {
      applicationId: input.application.id,
      registrationNumber: input.application.registrationNumber,
      serviceVersionId: input.version.id,
      stage: next.key,
      term: formatTerm(definition.card.term),
      dueDate: term.dueDate,
      stageDueDate: stageTerm.dueDate,
    },
  });
  return { caseId, dueDate: term.dueDate, stageKey: next.key };
}
