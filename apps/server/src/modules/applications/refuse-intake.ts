import type { z } from 'zod';
import type { IntakeRefusalSchema, PaperRefusalSchema, ServiceDefinition } from '@uslugi/contracts';
import { todayOf } from '../../platform/clock.js';
import { runCommand, type CommandContext } from '../../platform/commands.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { serviceVersion } from '../catalog/index.js';
import type { Tx } from '../../db/database.js';
import type { IntakeDeps, IntakeScope } from './accept-application.js';
import { actingEmployee, offeredVersion, responsibleUnit } from './intake-rules.js';
import { applicationView } from './application-view.js';
import { lockApplication, type ApplicationRow } from './queries.js';
import { intakeRefusalFacts, requestIntakeDocument } from './document-facts.js';
import { recordStatus } from './statuses.js';

type Refusal = z.output<typeof IntakeRefusalSchema>;

/**
 * The grounds chosen, each of the card's list of intake refusals (210-ФЗ ст. 7 ч. 1 п. 1: only the
 * regulation's exhaustive list); with their texts, as the applicant reads them.
 */
export function chosenGrounds(definition: ServiceDefinition, keys: readonly string[]) {
  const listed = new Map(definition.card.intakeRefusalGrounds.map((g) => [g.key, g]));
  const unknown = keys.filter((key) => !listed.has(key));
  if (unknown.length > 0) {
    throw new AppError(
      'intake_ground_unknown',
      `grounds ${unknown.join(', ')}`,
      unknown.map((key) => ({ path: 'grounds', message: `Основания «${key}» нет в перечне регламента` })),
    );
  }
  return [...new Set(keys)].map((key) => {
    const ground = listed.get(key)!;
    return { key, text: ground.text, clause: ground.clause };
  });
}

/** The refusal's notice, its status and journal entry: the common part of both channels. */
async function completeRefusal(
  scope: IntakeScope,
  deps: IntakeDeps,
  input: {
    row: ApplicationRow;
    values: Record<string, unknown>;
    definition: ServiceDefinition;
    grounds: ReturnType<typeof chosenGrounds>;
    comment: string;
    actorId: string;
    now: Date;
  },
) {
  const { tx, journal, municipalityId } = scope;
  const { row, definition, grounds, comment, actorId, now } = input;
  const facts = await intakeRefusalFacts(tx, {
    municipalityId,
    row,
    values: input.values,
    definition,
    grounds,
    comment,
    actorId,
    at: now,
  });
  const notice = await requestIntakeDocument(tx, deps, {
    kind: 'intake_refusal',
    row,
    definition,
    facts,
    actorId,
    at: now,
  });
  // The applicant reads the grounds' texts and the comment (the portal's notification, ЕЛК later).
  await recordStatus(tx, {
    municipalityId,
    applicationId: row.id,
    status: 'intake_refused',
    comment: [...grounds.map((g) => g.text), comment].join('. ').slice(0, 4000),
    employeeId: actorId,
    ownerApplicantId: row.ownerApplicantId,
    applicationLabel: `Заявление на услугу «${definition.card.shortName}»`,
    at: now,
  });
  await journal({
    action: 'application.intake_refused',
    objectType: 'application',
    objectId: row.id,
    payload: {
      channel: row.channel,
      serviceId: row.serviceId,
      grounds: grounds.map((g) => g.key),
      comment,
      noticeRenderId: notice.renderId,
    },
  });
  return applicationView(
    tx,
    row.id,
    todayOf(() => now),
  );
}

const groundsJson = (grounds: ReturnType<typeof chosenGrounds>) =>
  JSON.stringify(grounds.map(({ key, text }) => ({ key, text })));

/** «Отказать» at paper intake: the refusal is recorded as an application refused at intake. */
export function refusePaperIntake(
  ctx: CommandContext,
  deps: IntakeDeps,
  input: z.output<typeof PaperRefusalSchema>,
) {
  const actorId = actingEmployee(ctx);
  return runCommand(ctx, async ({ tx, journal }) => {
    const now = deps.clock();
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime()) {
      throw fieldError('receivedAt', 'Дата и время приёма не могут быть позже текущего времени');
    }
    const { version } = await offeredVersion(tx, input.serviceId, 'paper');
    const grounds = chosenGrounds(version.definition, input.grounds);
    const row = await tx
      .insertInto('applications')
      .values({
        municipalityId: ctx.municipalityId,
        channel: 'paper',
        status: 'intake_refused',
        serviceId: input.serviceId,
        serviceVersionId: version.id,
        orgUnitId: responsibleUnit(version.definition),
        applicantRecordId: input.applicantId,
        representativeRecordId: input.representativeId,
        authorityId: input.authorityId,
        receivedAt,
        enteredAt: now,
        refusedBy: actorId,
        refusedAt: now,
        refusalGrounds: groundsJson(grounds),
        refusalComment: input.comment,
        createdBy: actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return completeRefusal({ tx, journal, municipalityId: ctx.municipalityId }, deps, {
      row,
      values: {},
      definition: version.definition,
      grounds,
      comment: input.comment,
      actorId,
      now,
    });
  });
}

/** «Отказать» an e-application: `submitted` → `intake_refused`, once. */
export function refuseSubmitted(
  ctx: CommandContext,
  deps: IntakeDeps,
  applicationId: string,
  input: Refusal,
) {
  const actorId = actingEmployee(ctx);
  return runCommand(ctx, async ({ tx, journal }) => {
    const now = deps.clock();
    const { row: locked, values } = await lockApplication(tx, actorId, applicationId);
    if (locked.status !== 'submitted') {
      throw new AppError('application_not_submitted', `application ${locked.id} is ${locked.status}`);
    }
    const definition = await definitionOf(tx, locked.serviceVersionId);
    const grounds = chosenGrounds(definition, input.grounds);
    const row = await tx
      .updateTable('applications')
      .set({
        status: 'intake_refused',
        refusedBy: actorId,
        refusedAt: now,
        enteredAt: now,
        refusalGrounds: groundsJson(grounds),
        refusalComment: input.comment,
        updatedAt: now,
      })
      .where('id', '=', locked.id)
      .where('status', '=', 'submitted')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('application_not_submitted', `application ${locked.id} changed`);
    return completeRefusal({ tx, journal, municipalityId: ctx.municipalityId }, deps, {
      row,
      values,
      definition,
      grounds,
      comment: input.comment,
      actorId,
      now,
    });
  });
}

async function definitionOf(tx: Tx, versionId: string): Promise<ServiceDefinition> {
  const version = await serviceVersion(tx, versionId);
  if (!version) throw new AppError('service_not_offered', `version ${versionId} missing`);
  return version.definition;
}
