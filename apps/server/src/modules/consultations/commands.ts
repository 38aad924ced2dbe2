import type { Consultation, ConsultationFinish, ConsultationStart } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { runCommand, type CommandContext } from '../../platform/commands.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { isLateEntry } from '../calendar/index.js';
import { serviceSummary } from '../catalog/index.js';
import { referenceLookup } from '../reference/index.js';
import { checkParty } from './parties.js';
import { consultationView, SUBJECTS, type ConsultationRow } from './view.js';

function employeeOf(ctx: CommandContext): string {
  if (ctx.actor.type !== 'employee' || !ctx.actor.id) {
    throw new AppError('forbidden', 'consultations: not an employee');
  }
  return ctx.actor.id;
}

/** A moment the employee gives, or now; never in the future. */
function momentOf(field: string, value: string | null, now: Date): Date {
  if (value === null) return now;
  const moment = new Date(value);
  if (moment.getTime() > now.getTime()) {
    throw fieldError(field, 'Время не может быть позже текущего момента');
  }
  return moment;
}

/** The service is one of the municipality's, with a card in force, offered to applicants. */
async function consultedService(tx: Tx, serviceId: string) {
  const service = await serviceSummary(tx, serviceId);
  if (!service) throw fieldError('serviceId', 'Такой услуги нет в реестре услуг муниципального образования');
  if (!service.card || !service.offered) {
    throw fieldError(
      'serviceId',
      'Услуга не предоставляется: у неё нет действующей версии или она не опубликована',
    );
  }
  return { ...service, card: service.card };
}

/** «Зарегистрировать консультацию» (000 item 3.1): the start, the employee, the service, the subject. */
export function registerConsultation(
  ctx: CommandContext,
  input: ConsultationStart,
  clock: Clock,
): Promise<Consultation> {
  const employeeId = employeeOf(ctx);
  return runCommand(ctx, async ({ tx, journal }) => {
    const now = clock();
    const startedAt = momentOf('startedAt', input.startedAt, now);
    const service = await consultedService(tx, input.serviceId);
    const reference = await referenceLookup(tx);
    if (!reference.existsActive(SUBJECTS, input.subject)) {
      throw fieldError('subject', 'Такого предмета консультации нет в справочнике');
    }
    if (input.applicantId !== null && input.applicantId === input.representativeId) {
      throw fieldError('representativeId', 'Представитель не может быть самим заявителем');
    }
    await checkParty(tx, 'applicantId', input.applicantId);
    await checkParty(tx, 'representativeId', input.representativeId);
    // 004 item 7: entered later than one working day after the start.
    const lateEntry = await isLateEntry(tx, ctx.municipalityId, startedAt, now);
    const row = await tx
      .insertInto('consultations')
      .values({
        municipalityId: ctx.municipalityId,
        employeeId,
        channel: input.channel,
        applicantRecordId: input.applicantId,
        representativeRecordId: input.representativeId,
        serviceId: service.id,
        subjectCode: input.subject,
        startedAt,
        enteredAt: now,
        lateEntry,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await journal({
      action: 'consultation.registered',
      objectType: 'consultation',
      objectId: row.id,
      payload: {
        channel: row.channel,
        serviceId: row.serviceId,
        serviceName: service.name,
        subject: row.subjectCode,
        applicantRecordId: row.applicantRecordId,
        representativeRecordId: row.representativeRecordId,
        startedAt: row.startedAt.toISOString(),
        lateEntry,
      },
    });
    return consultationView(tx, row);
  });
}

/** The consultation for a change by its employee: it exists, is theirs and is still open. */
async function ownOpen(tx: Tx, id: string, employeeId: string): Promise<ConsultationRow> {
  const row = await tx.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`consultation ${id}`);
  if (row.employeeId !== employeeId) throw new AppError('consultation_not_own', `consultation ${id}`);
  refuseClosed(row);
  return row;
}

/** A second «Завершить» or «Отменить» (a double click, a resent form) changes nothing and says so. */
function refuseClosed(row: ConsultationRow): void {
  if (row.state === 'finished') throw new AppError('consultation_already_finished', row.id);
  if (row.state === 'discarded') throw new AppError('consultation_already_discarded', row.id);
}

/** The guarded update found nothing: someone (the same person, twice) closed it meanwhile. */
async function closedMeanwhile(tx: Tx, id: string): Promise<never> {
  const row = await tx.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
  if (row) refuseClosed(row);
  throw new AppError('conflict', `consultation ${id} changed meanwhile`);
}

/** «Завершить консультацию» (000 item 3.1): the end and what the service asks at the end. */
export function finishConsultation(
  ctx: CommandContext,
  id: string,
  input: ConsultationFinish,
  clock: Clock,
): Promise<Consultation> {
  const employeeId = employeeOf(ctx);
  return runCommand(ctx, async ({ tx, journal }) => {
    const now = clock();
    const current = await ownOpen(tx, id, employeeId);
    const endedAt = momentOf('endedAt', input.endedAt, now);
    if (endedAt.getTime() < current.startedAt.getTime()) {
      throw fieldError('endedAt', 'Окончание консультации не может быть раньше её начала');
    }
    const service = await serviceSummary(tx, current.serviceId);
    const known = new Set(service?.card?.applicantDocuments.map((d) => d.key) ?? []);
    const explained = [...new Set(input.explainedDocuments)];
    const unknown = explained.find((key) => !known.has(key));
    if (unknown !== undefined) {
      throw fieldError(
        'explainedDocuments',
        'Среди разъяснённых документов есть документ, которого нет в карточке услуги',
      );
    }
    // 004 item 7: the finish entered later than one working day after the end.
    const lateFinish = await isLateEntry(tx, ctx.municipalityId, endedAt, now);
    const row = await tx
      .updateTable('consultations')
      .set({
        state: 'finished',
        endedAt,
        explainedDocuments: explained,
        termExplained: input.termExplained,
        summary: input.summary,
        finishEnteredAt: now,
        lateEntry: current.lateEntry || lateFinish,
      })
      .where('id', '=', id)
      .where('state', '=', 'open')
      .where('employeeId', '=', employeeId)
      .returningAll()
      .executeTakeFirst();
    if (!row) return closedMeanwhile(tx, id);
    await journal({
      action: 'consultation.finished',
      objectType: 'consultation',
      objectId: row.id,
      payload: {
        serviceId: row.serviceId,
        endedAt: endedAt.toISOString(),
        explainedDocuments: explained,
        termExplained: input.termExplained,
        summaryLength: input.summary.length,
        lateEntry: lateFinish,
      },
    });
    return consultationView(tx, row);
  });
}

/** «Отменить»: an unfinished consultation registered by mistake is discarded by its employee. */
export function discardConsultation(
  ctx: CommandContext,
  id: string,
  reason: string | null,
): Promise<Consultation> {
  const employeeId = employeeOf(ctx);
  return runCommand(ctx, async ({ tx, journal }) => {
    await ownOpen(tx, id, employeeId);
    const row = await tx
      .updateTable('consultations')
      .set({ state: 'discarded' })
      .where('id', '=', id)
      .where('state', '=', 'open')
      .where('employeeId', '=', employeeId)
      .returningAll()
      .executeTakeFirst();
    if (!row) return closedMeanwhile(tx, id);
    await journal({
      action: 'consultation.discarded',
      objectType: 'consultation',
      objectId: row.id,
      payload: { serviceId: row.serviceId, reason },
    });
    return consultationView(tx, row);
  });
}
