import { validateSubmission, type FormProblem, type FormValues } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { ApplicantAuthContext } from '../../platform/auth/context.js';
import { runCommand, type CommandContext } from '../../platform/commands.js';
import { AppError } from '../../platform/errors.js';
import { draftOnly, ownApplication, portalVersion } from './drafts.js';
import { parseValues } from './queries.js';
import { recordForEsiaApplicant } from '../applicant-registry/index.js';
import { heldForRecord } from './prefill.js';
import { recordStatus } from './statuses.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FOREIGN_FILE = 'Файл не найден среди ваших загрузок: загрузите его снова';

/**
 * The file ids of the cleaned values, by field: each must be the applicant's own upload in this
 * municipality not attached to another application (the portal's uploads, table application_files).
 */
async function checkFiles(
  tx: Tx,
  auth: ApplicantAuthContext,
  fileFields: readonly string[],
  values: FormValues,
  problems: FormProblem[],
): Promise<string[]> {
  const all: string[] = [];
  for (const key of fileFields) {
    const ids = values[key];
    if (!Array.isArray(ids) || ids.length === 0) continue;
    const valid = ids.filter((id) => UUID.test(id));
    const own = valid.length
      ? await tx
          .selectFrom('applicationFiles')
          .select('id')
          .where('id', 'in', valid)
          .where('ownerApplicantId', '=', auth.applicantId)
          .where('applicationId', 'is', null)
          .execute()
      : [];
    const found = new Set(own.map((r) => r.id));
    if (ids.some((id) => !found.has(id))) problems.push({ field: key, message: FOREIGN_FILE });
    all.push(...found);
  }
  return [...new Set(all)];
}

/**
 * «Подать заявление» (000 item 3.3): the draft is checked against the form of the version in force,
 * with the applicant kinds the card admits and the file fields satisfied by documents the
 * municipality already holds for this applicant (004 item 9, 210-ФЗ ст. 7 ч. 1 п. 2); its files are
 * attached; it moves from `draft` to `submitted` for the card's responsible unit, and the applicant is
 * told. A refusal lists every problem by field (422 `application_invalid`).
 */
export async function submitApplication(
  ctx: CommandContext,
  auth: ApplicantAuthContext,
  id: string,
  now: Date,
  today: string,
): Promise<void> {
  await runCommand(ctx, async ({ tx, journal }) => {
    const row = await ownApplication(tx, auth, id);
    draftOnly(row.status);
    const version = await portalVersion(tx, row.serviceId);
    const { card, form } = version.definition;
    // The applicant's record in the municipality's registry: linked or made now, as they apply (an
    // organisation's head acting for it is registered by staff at intake).
    const recordId = auth.legalEntityId
      ? null
      : await recordForEsiaApplicant(
          tx,
          { municipalityId: auth.municipalityId, applicantId: auth.applicantId, actorId: null },
          journal,
        );
    const held = await heldForRecord(tx, recordId ?? undefined, card, form, today);
    const heldKeys = held.map((d) => d.fieldKey);
    const applicantKinds = card.applicantCategories.map((c) => c.kind);
    const { values, problems } = validateSubmission(form, parseValues(row.valuesText), {
      today,
      applicantKinds,
      held: heldKeys,
    });
    const fileFields = form.sections.flatMap((s) =>
      s.fields.filter((f) => f.type === 'file').map((f) => f.key),
    );
    const fileIds = await checkFiles(tx, auth, fileFields, values, problems);
    if (problems.length > 0) {
      throw new AppError(
        'application_invalid',
        `${problems.length} problems`,
        problems.map((p) => ({ path: p.field, message: p.message })),
        { problems },
      );
    }
    const updated = await tx
      .updateTable('applications')
      .set({
        status: 'submitted',
        values: JSON.stringify(values),
        serviceVersionId: version.id,
        orgUnitId: card.responsibleUnitRef,
        applicantRecordId: recordId,
        submittedAt: now,
        receivedAt: now,
        updatedAt: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) throw new AppError('wrong_state', `application ${id} left draft`);
    if (fileIds.length > 0) {
      const attached = await tx
        .updateTable('applicationFiles')
        .set({ applicationId: id })
        .where('id', 'in', fileIds)
        .where('ownerApplicantId', '=', auth.applicantId)
        .where('applicationId', 'is', null)
        .executeTakeFirst();
      if (attached.numUpdatedRows !== BigInt(fileIds.length)) {
        throw new AppError('conflict', `files of application ${id} attached elsewhere meanwhile`);
      }
    }
    await recordStatus(tx, {
      municipalityId: auth.municipalityId,
      applicationId: id,
      status: 'submitted',
      ownerApplicantId: auth.applicantId,
      applicationLabel: `Заявление на услугу «${card.name}»`,
      at: now,
    });
    await journal({
      action: 'application.submitted',
      objectType: 'application',
      objectId: id,
      payload: {
        serviceId: row.serviceId,
        serviceVersionId: version.id,
        channel: 'portal',
        files: fileIds.length,
        heldDocuments: heldKeys,
      },
    });
  });
}
