import type { z } from 'zod';
import {
  validateSubmission,
  type Acceptance,
  type ChecklistItem,
  type PaperAcceptSchema,
} from '@uslugi/contracts';
import { todayOf, type Clock } from '../../platform/clock.js';
import { runCommand, type CommandContext, type CommandScope } from '../../platform/commands.js';
import type { GostProvider } from '../../platform/crypto/provider.js';
import { AppError, fieldError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/file-store.js';
import {
  assertAuthority,
  getApplicantRecord,
  heldDocumentsOf,
  recordForEsiaApplicant,
} from '../applicant-registry/index.js';
import { isLateEntry } from '../calendar/index.js';
import { openCase } from '../cases/index.js';
import { serviceVersion, type PinnedVersion } from '../catalog/index.js';
import {
  actingEmployee,
  attachFiles,
  checklistProblems,
  fileIdsOf,
  heldKeysFor,
  holdApplicantDocuments,
  offeredVersion,
  responsibleUnit,
} from './intake-rules.js';
import { lockApplication, type ApplicationRow } from './queries.js';
import { receiptFacts, requestIntakeDocument } from './document-facts.js';
import { takeRegistrationNumber } from './registration-number.js';
import { recordStatus } from './statuses.js';

/** What intake needs of the application's infrastructure: where documents' bytes go, and "now". */
export interface IntakeDeps {
  files: FileStore;
  provider: GostProvider;
  clock: Clock;
}

export interface IntakeScope extends Pick<CommandScope, 'tx' | 'journal'> {
  municipalityId: string;
}

/**
 * The part of «Принять» after the application carries its number: the case, the receipt, the status
 * the applicant sees, the files, the journal. In the accepting transaction: all of it or nothing.
 */
async function completeAcceptance(
  scope: IntakeScope,
  deps: IntakeDeps,
  input: {
    row: ApplicationRow;
    /** The form's values with their field keys as given. */
    values: Record<string, unknown>;
    version: PinnedVersion;
    actorId: string;
    now: Date;
  },
): Promise<Acceptance> {
  const { tx, journal, municipalityId } = scope;
  const { row, values, version, actorId, now } = input;
  const { definition } = version;
  const registrationNumber = row.registrationNumber!;
  const opened = await openCase(scope, {
    municipalityId,
    application: { id: row.id, registrationNumber },
    version,
    orgUnitId: row.orgUnitId,
    acceptedAt: now,
    actorId,
    files: deps.files,
  });
  const files = await attachFiles(
    tx,
    row.id,
    fileIdsOf(definition, values, row.checklist as ChecklistItem[]),
    row.ownerApplicantId ? { applicantId: row.ownerApplicantId } : { employeeId: actorId },
  );
  // A portal applicant becomes (or is found as) a record of the registry, linked to the application.
  let recordId = row.applicantRecordId;
  if (!recordId && row.ownerApplicantId) {
    recordId = await recordForEsiaApplicant(
      tx,
      { municipalityId, applicantId: row.ownerApplicantId, actorId },
      journal,
    );
    await tx
      .updateTable('applications')
      .set({ applicantRecordId: recordId })
      .where('id', '=', row.id)
      .execute();
  }
  const record = recordId ? await getApplicantRecord(tx, recordId) : undefined;
  const today = todayOf(() => now);
  const heldBefore = record ? await heldDocumentsOf(tx, record.id, today) : [];
  // What the receipt names as not asked again: held documents that stand for a document of the card.
  const usedHeld = heldBefore.filter((h) => heldKeysFor(definition, [h]).length > 0);
  const held = record
    ? await holdApplicantDocuments(tx, {
        municipalityId,
        record,
        definition,
        applicationId: row.id,
        values,
        receivedAt: row.receivedAt ?? now,
        actorId,
        today,
      })
    : 0;

  // 000 item 3.2: the receipt, made from the municipality's template after this step commits.
  const facts = await receiptFacts(tx, {
    municipalityId,
    row: { ...row, applicantRecordId: recordId },
    values,
    definition,
    held: usedHeld,
    files,
    dueDate: opened.dueDate,
    actorId,
    at: now,
  });
  const receipt = await requestIntakeDocument(tx, deps, {
    kind: 'receipt',
    row,
    definition,
    facts,
    caseId: opened.caseId,
    actorId,
    at: now,
  });
  await tx
    .updateTable('applications')
    .set({ caseId: opened.caseId, updatedAt: now })
    .where('id', '=', row.id)
    .execute();
  await recordStatus(tx, {
    municipalityId,
    applicationId: row.id,
    status: 'accepted',
    employeeId: actorId,
    ownerApplicantId: row.ownerApplicantId,
    applicationLabel: `Заявление № ${registrationNumber}`,
    at: now,
  });
  await journal({
    action: 'application.accepted',
    objectType: 'application',
    objectId: row.id,
    payload: {
      registrationNumber,
      channel: row.channel,
      serviceId: row.serviceId,
      serviceVersionId: version.id,
      caseId: opened.caseId,
      dueDate: opened.dueDate,
      receivedAt: row.receivedAt?.toISOString() ?? null,
      lateEntry: row.lateEntry,
      receiptRenderId: receipt.renderId,
      files: files.length,
      heldDocuments: held,
    },
  });
  return {
    applicationId: row.id,
    registrationNumber,
    registeredAt: now.toISOString(),
    caseId: opened.caseId,
    dueDate: opened.dueDate,
    receiptDocumentId: null,
    receiptRenderId: receipt.renderId,
    receiptStatus: 'pending',
  };
}

/**
 * «Принять» an application submitted from the portal (000 item 3.3): `submitted` → `accepted` under a
 * row lock and a guarded update, its number taken in this transaction (a second «Принять» is refused
 * and takes no number). Used by the workplace's route; works in any command scope.
 */
export async function acceptApplication(
  scope: IntakeScope,
  deps: IntakeDeps,
  input: { applicationId: string; actorId: string },
): Promise<Acceptance> {
  const { tx, municipalityId } = scope;
  const now = deps.clock();
  const { row: locked, values } = await lockApplication(tx, input.actorId, input.applicationId);
  if (locked.status !== 'submitted') {
    throw new AppError('application_not_submitted', `application ${locked.id} is ${locked.status}`);
  }
  // The case follows the version whose form the applicant filled (pinned at submission).
  const version = await serviceVersion(tx, locked.serviceVersionId);
  if (!version) throw new AppError('service_not_offered', `version ${locked.serviceVersionId} missing`);
  const { code } = await offeredVersion(tx, locked.serviceId, locked.channel);
  const number = await takeRegistrationNumber(tx, { municipalityId, at: now, serviceCode: code });
  const receivedAt = locked.receivedAt ?? locked.submittedAt ?? now;
  const row = await tx
    .updateTable('applications')
    .set({
      status: 'accepted',
      registrationYear: number.year,
      registrationSeq: number.seq,
      registrationNumber: number.number,
      registeredAt: now,
      receivedAt,
      enteredAt: now,
      // 004 item 7: entered later than one working day after the application arrived.
      lateEntry: await isLateEntry(tx, municipalityId, receivedAt, now),
      acceptedBy: input.actorId,
      orgUnitId: locked.orgUnitId ?? responsibleUnit(version.definition),
      updatedAt: now,
    })
    .where('id', '=', locked.id)
    .where('status', '=', 'submitted')
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('application_not_submitted', `application ${locked.id} changed`);
  return completeAcceptance(scope, deps, { row, values, version, actorId: input.actorId, now });
}

export type PaperAcceptInput = z.output<typeof PaperAcceptSchema>;

/**
 * «Принять» at paper intake (000 item 3.2): the service is offered, the form is filled as its version
 * says, the representative's grounds hold, the checklist names every document the applicant must
 * bring; then the application is registered at once (a new row, accepted) with the next number.
 * Any refusal stores nothing and takes no number.
 */
export function acceptPaperApplication(
  ctx: CommandContext,
  deps: IntakeDeps,
  input: PaperAcceptInput,
): Promise<Acceptance> {
  const actorId = actingEmployee(ctx);
  return runCommand(ctx, async ({ tx, journal }) => {
    const now = deps.clock();
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime()) {
      throw fieldError('receivedAt', 'Дата и время приёма не могут быть позже текущего времени');
    }
    const { code, version } = await offeredVersion(tx, input.serviceId, 'paper');
    const { definition } = version;
    if (input.representativeId && !input.authorityId) {
      throw fieldError('authorityId', 'Укажите основание полномочий представителя');
    }
    const today = todayOf(() => receivedAt);
    const applicantKinds = definition.card.applicantCategories.map((c) => c.kind);
    const record = await getApplicantRecord(tx, input.applicantId);
    if (!record) throw fieldError('applicantId', 'Заявитель не найден в реестре заявителей');
    const category = definition.card.applicantCategories.find((c) => c.kind === record.kind);
    if (!category) throw fieldError('applicantId', 'Услуга не предоставляется заявителям этой категории');
    if (input.authorityId && !input.representativeId) {
      throw fieldError('representativeId', 'Укажите представителя, действующего по этому основанию');
    }
    if (input.representativeId && input.authorityId) {
      if (!category.representativeAllowed) {
        throw fieldError(
          'representativeId',
          'По этой услуге заявление подаёт сам заявитель, без представителя',
        );
      }
      if (!(await getApplicantRecord(tx, input.representativeId))) {
        throw fieldError('representativeId', 'Представитель не найден в реестре заявителей');
      }
      // 000 item 3.2: the representative's lawful grounds to act for the applicant in this service.
      await assertAuthority(tx, {
        authorityId: input.authorityId,
        applicantRecordId: record.id,
        representativeRecordId: input.representativeId,
        service: { id: input.serviceId, name: definition.card.name },
        today,
      });
    }
    const heldKeys = heldKeysFor(definition, await heldDocumentsOf(tx, record.id, today));
    const { values, problems } = validateSubmission(definition.form, input.values, {
      today,
      applicantKinds,
      held: heldKeys,
    });
    if (problems.length > 0) {
      throw new AppError(
        'application_invalid',
        `form: ${problems.map((p) => p.field).join(', ')}`,
        problems.map((p) => ({ path: `values.${p.field}`, message: p.message })),
        { problems },
      );
    }
    const missing = checklistProblems(definition, input.checklist, heldKeys);
    if (missing.length > 0) {
      throw new AppError('intake_checklist_incomplete', 'checklist', missing);
    }
    const number = await takeRegistrationNumber(tx, {
      municipalityId: ctx.municipalityId,
      at: now,
      serviceCode: code,
    });
    const row = await tx
      .insertInto('applications')
      .values({
        municipalityId: ctx.municipalityId,
        channel: 'paper',
        status: 'accepted',
        serviceId: input.serviceId,
        serviceVersionId: version.id,
        orgUnitId: responsibleUnit(definition),
        applicantRecordId: input.applicantId,
        representativeRecordId: input.representativeId,
        authorityId: input.authorityId,
        values: JSON.stringify(values),
        checklist: JSON.stringify(input.checklist),
        registrationYear: number.year,
        registrationSeq: number.seq,
        registrationNumber: number.number,
        registeredAt: now,
        receivedAt,
        enteredAt: now,
        // 004 item 7: entered later than one working day after the documents were handed in.
        lateEntry: await isLateEntry(tx, ctx.municipalityId, receivedAt, now),
        acceptedBy: actorId,
        createdBy: actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return completeAcceptance({ tx, journal, municipalityId: ctx.municipalityId }, deps, {
      row,
      values,
      version,
      actorId,
      now,
    });
  });
}
