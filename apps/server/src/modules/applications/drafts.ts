import type { FormDefinition } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { ApplicantAuthContext } from '../../platform/auth/context.js';
import type { CommandContext } from '../../platform/commands.js';
import { runCommand } from '../../platform/commands.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import type { IdempotencyClaim } from '../../platform/idempotency.js';
import { serviceForIntake, type PinnedVersion } from '../catalog/index.js';
import { valuesText } from './queries.js';

/** A value of a draft: any JSON the form's control keeps, of a sane size (a file list, a block). */
const MAX_VALUE_CHARS = 20_000;
const MAX_DRAFT_CHARS = 200_000;

/**
 * The command context of a portal applicant: journaled as the applicant, in the session's municipality.
 * An idempotent portal route passes the request's `Idempotency-Key` claim (`claimOf(request)`).
 */
export function applicantContext(
  auth: ApplicantAuthContext,
  database: CommandContext['database'],
  idempotency?: IdempotencyClaim,
): CommandContext {
  return {
    database,
    municipalityId: auth.municipalityId,
    actor: { type: 'applicant', id: auth.applicantId, name: auth.fullName },
    idempotency,
  };
}

/**
 * The version a portal application of this service is made against: the one in force of a service
 * the municipality offers, with the portal among its channels (000 item 3.3).
 */
export async function portalVersion(tx: Tx, serviceId: string): Promise<PinnedVersion> {
  const service = await serviceForIntake(tx, serviceId);
  const version = service?.offered ? service.version : undefined;
  if (!version) {
    throw fieldError('serviceId', 'Услуга не предоставляется на портале этого муниципального образования');
  }
  if (!version.definition.card.channels.includes('portal')) {
    throw fieldError('serviceId', 'Эта услуга не предоставляется в электронном виде: обратитесь лично');
  }
  return version;
}

/** Draft values: keys of the form, each value JSON of a sane size; partial is fine. */
export function checkDraftValues(form: FormDefinition, values: Record<string, unknown>): string {
  const keys = new Set(form.sections.flatMap((s) => s.fields.map((f) => f.key)));
  for (const [key, value] of Object.entries(values)) {
    if (!keys.has(key)) throw fieldError(`values.${key}`, 'Неизвестное поле');
    const json = JSON.stringify(value ?? null);
    if (json.length > MAX_VALUE_CHARS) throw fieldError(`values.${key}`, 'Слишком длинное значение');
  }
  const json = JSON.stringify(values);
  if (json.length > MAX_DRAFT_CHARS) throw fieldError('values', 'Слишком большой черновик');
  return json;
}

/** The applicant's own portal application (any status), locked for the command; else 404. */
export async function ownApplication(tx: Tx, auth: ApplicantAuthContext, id: string) {
  const row = await tx
    .selectFrom('applications')
    .selectAll()
    .select(valuesText)
    .where('id', '=', id)
    .where('channel', '=', 'portal')
    .where('ownerApplicantId', '=', auth.applicantId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(`application ${id}`);
  return row;
}

export function draftOnly(status: string): void {
  if (status !== 'draft') throw new AppError('wrong_state', `application is ${status}, not a draft`);
}

/**
 * «Сохранить черновик» for the first time: a draft of an offered service, the applicant's own. A draft
 * has no status change recorded: its history starts when it is submitted.
 */
export async function createDraft(
  ctx: CommandContext,
  auth: ApplicantAuthContext,
  input: { serviceId: string; values: Record<string, unknown> },
): Promise<string> {
  return runCommand(ctx, async ({ tx, journal }) => {
    const version = await portalVersion(tx, input.serviceId);
    const json = checkDraftValues(version.definition.form, input.values);
    const created = await tx
      .insertInto('applications')
      .values({
        municipalityId: auth.municipalityId,
        channel: 'portal',
        status: 'draft',
        serviceId: input.serviceId,
        serviceVersionId: version.id,
        ownerApplicantId: auth.applicantId,
        values: json,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Saves of a draft are the applicant's work in progress and are not journaled; its creation is.
    await journal({
      action: 'application.draft_created',
      objectType: 'application',
      objectId: created.id,
      payload: { serviceId: input.serviceId, serviceVersionId: version.id, channel: 'portal' },
    });
    return created.id;
  });
}

/** «Сохранить черновик» again: the values as typed, against the version in force. */
export async function saveDraft(
  ctx: CommandContext,
  auth: ApplicantAuthContext,
  id: string,
  values: Record<string, unknown>,
): Promise<void> {
  await runCommand(ctx, async ({ tx }) => {
    const row = await ownApplication(tx, auth, id);
    draftOnly(row.status);
    const version = await portalVersion(tx, row.serviceId);
    const json = checkDraftValues(version.definition.form, values);
    const updated = await tx
      .updateTable('applications')
      .set({ values: json, serviceVersionId: version.id, updatedAt: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) throw new AppError('wrong_state', `application ${id} left draft`);
  });
}

/** A draft the applicant discards: deleted, as it was never submitted and nothing refers to it. */
export async function deleteDraft(
  ctx: CommandContext,
  auth: ApplicantAuthContext,
  id: string,
): Promise<void> {
  await runCommand(ctx, async ({ tx, journal }) => {
    const row = await ownApplication(tx, auth, id);
    draftOnly(row.status);
    const deleted = await tx
      .deleteFrom('applications')
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (deleted.numDeletedRows !== 1n) throw new AppError('wrong_state', `application ${id} left draft`);
    await journal({
      action: 'application.draft_deleted',
      objectType: 'application',
      objectId: id,
      payload: { serviceId: row.serviceId },
    });
  });
}
