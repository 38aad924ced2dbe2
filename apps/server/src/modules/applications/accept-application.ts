import type { z } from 'zod';
import {
  validateSubmission,
  type Acceptance,
  type ApplicantDocument,
  type ChecklistItem,
  type HeldDocument,
  type PaperAcceptSchema,
  type ServiceDefinition,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import { runCommand, type CommandContext, type CommandScope } from '../../platform/commands.js';
import type { GostProvider } from '../../platform/crypto/provider.js';
import { AppError, fieldError, type FieldError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/file-store.js';
import {
  assertAuthority,
  getApplicantRecord,
  heldDocumentsOf,
  holdDocument,
  recordForEsiaApplicant,
  type RegistryRecord,
} from '../applicant-registry/index.js';
import { isLateEntry } from '../calendar/index.js';
import { openCase } from '../cases/index.js';
import { serviceForIntake, serviceVersion, type PinnedVersion } from '../catalog/index.js';
import { recordGeneratedDocument } from '../documents/index.js';
import { municipalityCard } from '../municipalities/index.js';
import { employeeCard } from '../org/index.js';
import { lockApplication, namesFromValues, type ApplicationRow } from './queries.js';
import { receiptText } from './receipt.js';
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

/** The employee who acts: intake is an employee's act. */
export function actingEmployee(ctx: CommandContext): string {
  if (ctx.actor.type !== 'employee' || !ctx.actor.id)
    throw new AppError('forbidden', 'intake by an employee');
  return ctx.actor.id;
}

/** The service the application is for, offered with its version in force (000 item 3.2). */
export async function offeredVersion(
  tx: Tx,
  serviceId: string,
  channel: 'paper' | 'portal',
): Promise<{ code: string; version: PinnedVersion }> {
  const service = await serviceForIntake(tx, serviceId);
  if (!service || !service.offered || !service.version) {
    throw new AppError('service_not_offered', `service ${serviceId} not offered`);
  }
  if (!service.version.definition.card.channels.includes(channel)) {
    throw new AppError('service_not_offered', `service ${serviceId}: channel ${channel} not provided`);
  }
  return { code: service.code, version: service.version };
}

/** The responsible unit of the service (stored definitions name units by id). */
export function responsibleUnit(definition: ServiceDefinition): string | null {
  return definition.card.responsibleUnitRef || null;
}

/** File-field keys of the form and the card's documents they carry (a key equal to a document's key). */
function fileFields(definition: ServiceDefinition) {
  return definition.form.sections.flatMap((s) => s.fields).filter((f) => f.type === 'file');
}

/** Ids of the files an application names: in its file fields and on its checklist. */
export function fileIdsOf(
  definition: ServiceDefinition,
  values: Record<string, unknown>,
  checklist: ChecklistItem[],
) {
  const ids = new Set<string>();
  for (const field of fileFields(definition)) {
    const value = values[field.key];
    for (const id of Array.isArray(value) ? value : typeof value === 'string' ? [value] : []) {
      if (typeof id === 'string') ids.add(id);
    }
  }
  for (const item of checklist) for (const id of item.fileIds) ids.add(id);
  return [...ids];
}

/** Kinds of the `document_types` directory that are an identity document. */
const IDENTITY_TYPES = new Set(['identity_document', 'passport_rf']);

/** Whether a held document stands for a document of the card (same kind; any identity document for one). */
function covers(held: Pick<HeldDocument, 'documentType'>, document: ApplicantDocument): boolean {
  return (
    held.documentType === document.documentType ||
    (IDENTITY_TYPES.has(document.documentType) && IDENTITY_TYPES.has(held.documentType))
  );
}

/**
 * Keys of the card's applicant documents the municipality already holds for the applicant (valid
 * today): not asked again (004 item 9; 210-ФЗ ст. 7 ч. 1 п. 2). A file field with the same key may stay
 * empty.
 */
export function heldKeysFor(
  definition: ServiceDefinition,
  held: readonly Pick<HeldDocument, 'documentType'>[],
) {
  return definition.card.applicantDocuments
    .filter((document) => held.some((h) => covers(h, document)))
    .map((document) => document.key);
}

/**
 * Keeps the applicant's documents of this application for once-only (004 item 9): each file field
 * carrying a card's applicant document, and the identity document of the registry record, unless an
 * equal kind is already held.
 */
async function holdApplicantDocuments(
  tx: Tx,
  input: {
    municipalityId: string;
    record: RegistryRecord;
    definition: ServiceDefinition;
    applicationId: string;
    values: Record<string, unknown>;
    receivedAt: Date;
    actorId: string;
    today: string;
  },
): Promise<number> {
  const already = await heldDocumentsOf(tx, input.record.id, input.today);
  let count = 0;
  for (const document of input.definition.card.applicantDocuments) {
    const value = input.values[document.key];
    const fileIds = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    if (fileIds.length === 0 || !fileFields(input.definition).some((f) => f.key === document.key)) continue;
    await holdDocument(tx, {
      municipalityId: input.municipalityId,
      applicantRecordId: input.record.id,
      documentType: document.documentType,
      title: document.name,
      validUntil: null,
      source: 'application',
      sourceApplicationId: input.applicationId,
      fileId: fileIds[0]!,
      receivedAt: input.receivedAt,
      createdBy: input.actorId,
    });
    count++;
  }
  const identity = 'identityDocument' in input.record.data ? input.record.data.identityDocument : null;
  if (identity && !already.some((h) => h.documentType === identity.type)) {
    await holdDocument(tx, {
      municipalityId: input.municipalityId,
      applicantRecordId: input.record.id,
      documentType: identity.type,
      title: `Документ, удостоверяющий личность: ${[identity.series, identity.number].filter(Boolean).join(' ')}`,
      validUntil: null,
      source: 'registry',
      sourceApplicationId: input.applicationId,
      fileId: null,
      receivedAt: input.receivedAt,
      createdBy: input.actorId,
    });
    count++;
  }
  return count;
}

/**
 * The checklist of paper intake: every document the applicant must bring is presented (original or
 * copy) or attached as a scan, unless the system already holds it (004 item 9). The documents the
 * system obtains itself are never demanded (210-ФЗ ст. 7 ч. 1 п. 2); the applicant may still bring them.
 */
export function checklistProblems(
  definition: ServiceDefinition,
  checklist: readonly ChecklistItem[],
  heldKeys: readonly string[],
): FieldError[] {
  const { card } = definition;
  const known = new Set([
    ...card.applicantDocuments.map((d) => d.key),
    ...card.interagencyDocuments.map((d) => d.key),
  ]);
  const problems: FieldError[] = [];
  checklist.forEach((item, index) => {
    if (!known.has(item.documentKey)) {
      problems.push({
        path: `checklist.${index}.documentKey`,
        message: 'Такого документа нет в перечне услуги',
      });
    }
  });
  for (const document of card.applicantDocuments) {
    if (!document.required || heldKeys.includes(document.key)) continue;
    const item = checklist.find((i) => i.documentKey === document.key);
    if (!item || (item.presented === 'none' && item.fileIds.length === 0)) {
      problems.push({ path: `checklist.${document.key}`, message: `Не отмечен документ «${document.name}»` });
    }
  }
  return problems;
}

/** Attaches the named files to the application: only staff uploads (paper) or the owner's (portal), not taken. */
async function attachFiles(
  tx: Tx,
  applicationId: string,
  fileIds: readonly string[],
  owner: { employeeId: string } | { applicantId: string },
): Promise<Array<{ id: string; fileName: string }>> {
  if (fileIds.length === 0) return [];
  let query = tx
    .updateTable('applicationFiles')
    .set({ applicationId })
    .where('id', 'in', [...fileIds])
    .where((eb) => eb.or([eb('applicationId', 'is', null), eb('applicationId', '=', applicationId)]))
    .where('scanStatus', '!=', 'quarantined');
  query =
    'employeeId' in owner
      ? query.where('uploadedBy', 'is not', null)
      : query.where('ownerApplicantId', '=', owner.applicantId);
  const attached = await query.returning(['id', 'fileName']).execute();
  if (attached.length !== new Set(fileIds).size) {
    throw fieldError('values', 'Файл не найден, уже приложен к другому заявлению или не прошёл проверку');
  }
  return attached;
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
  const representative = row.representativeRecordId
    ? await getApplicantRecord(tx, row.representativeRecordId)
    : undefined;
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

  const employee = await employeeCard(tx, actorId);
  const municipality = await municipalityCard(tx, municipalityId);
  const names = namesFromValues(definition.form, values);
  const receipt = await recordGeneratedDocument(tx, deps, {
    municipalityId,
    title: `Расписка в получении документов № ${registrationNumber}`,
    fileName: `Расписка ${registrationNumber.replace(/[^\p{L}\p{N}-]+/gu, '-')}.txt`,
    mediaType: 'text/plain; charset=utf-8',
    content: Buffer.from(
      receiptText({
        registrationNumber,
        registeredAt: now,
        municipalityName: municipality?.name ?? '',
        serviceName: definition.card.name,
        applicantName: record?.displayName ?? names.applicant ?? '—',
        representativeName: representative?.displayName ?? names.representative,
        card: definition.card,
        checklist: row.checklist as ChecklistItem[],
        held: usedHeld,
        files,
        dueDate: opened.dueDate,
        employeeName: employee?.fullName ?? null,
        channel: row.channel,
      }),
      'utf8',
    ),
    createdBy: actorId,
    orgUnitId: row.orgUnitId,
    createdAt: now,
    retentionYears: definition.card.retentionYears,
  });
  await tx
    .updateTable('applications')
    .set({ caseId: opened.caseId, receiptDocumentId: receipt.id, updatedAt: now })
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
      receiptDocumentId: receipt.id,
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
    receiptDocumentId: receipt.id,
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
