import {
  type ApplicantDocument,
  type ChecklistItem,
  type HeldDocument,
  type ServiceDefinition,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { CommandContext } from '../../platform/commands.js';
import { AppError, fieldError, type FieldError } from '../../platform/errors.js';
import { heldDocumentsOf, holdDocument, type RegistryRecord } from '../applicant-registry/index.js';
import { serviceForIntake, type PinnedVersion } from '../catalog/index.js';

/**
 * The rules of intake that acceptance, refusal and the staff's view share: the service offered, the
 * files an application names, the documents already held, the checklist (000 item 3.2; 004 item 9).
 */

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
export async function holdApplicantDocuments(
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
export async function attachFiles(
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
