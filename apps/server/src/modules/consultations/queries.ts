import { sql, type ExpressionBuilder } from 'kysely';
import type { z } from 'zod';
import type { ConsultationDetail, ConsultationList, ConsultationListQuerySchema } from '@uslugi/contracts';
import type { DB } from '../../db/schema.js';
import { runQuery, type CommandContext } from '../../platform/commands.js';
import { permissionsOf } from '../../platform/auth/permissions.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { serviceSummary } from '../catalog/index.js';
import { employeesOfOwnUnitAndBelow } from '../org/index.js';
import { consultationView, consultationViews, factsOf } from './view.js';

type ListQuery = z.output<typeof ConsultationListQuerySchema>;

function viewerOf(ctx: CommandContext) {
  const employeeId = (ctx.actor.type === 'employee' && ctx.actor.id) || '';
  const supervises = permissionsOf(ctx.roles ?? []).includes('consultations.supervise');
  return { employeeId, supervises };
}

/**
 * Whose consultations the viewer sees: an employee their own; a head (004 items 7, 10:
 * `consultations.supervise`) also those of the employees of their unit and the units below it. The
 * tenant is the transaction's: another municipality's never appear.
 */
function visibleTo(viewer: { employeeId: string; supervises: boolean }) {
  return (eb: ExpressionBuilder<DB, 'consultations'>) =>
    viewer.supervises
      ? eb.or([
          eb('consultations.employeeId', '=', viewer.employeeId),
          eb('consultations.employeeId', 'in', employeesOfOwnUnitAndBelow(viewer.employeeId)),
        ])
      : eb('consultations.employeeId', '=', viewer.employeeId);
}

/** The keyset cursor: the last row's start and id. */
function encodeCursor(startedAt: Date, id: string): string {
  return Buffer.from(`${startedAt.toISOString()}|${id}`).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  const [at = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const startedAt = new Date(at);
  if (Number.isNaN(startedAt.getTime()) || !UUID.test(id)) {
    throw fieldError('before', 'Неверная ссылка на продолжение списка: откройте список заново');
  }
  return { startedAt, id };
}

/** The start of a day in Moscow time (municipalities have no time zone of their own yet). */
const dayStart = (date: string) => new Date(`${date}T00:00:00+03:00`);
const nextDayStart = (date: string) => new Date(dayStart(date).getTime() + 24 * 3600 * 1000);

/** The list for heads (by employee, service, period, late entries) and for an employee (their own). */
export function listConsultations(ctx: CommandContext, query: ListQuery): Promise<ConsultationList> {
  const viewer = viewerOf(ctx);
  if (query.from && query.to && query.from > query.to) {
    throw fieldError('to', 'Конец периода не может быть раньше его начала');
  }
  const cursor = query.before ? decodeCursor(query.before) : null;
  return runQuery(ctx, async (tx) => {
    let q = tx.selectFrom('consultations').selectAll().where(visibleTo(viewer));
    if (query.employeeId) q = q.where('employeeId', '=', query.employeeId);
    if (query.serviceId) q = q.where('serviceId', '=', query.serviceId);
    if (query.state) q = q.where('state', '=', query.state);
    if (query.from) q = q.where('startedAt', '>=', dayStart(query.from));
    if (query.to) q = q.where('startedAt', '<', nextDayStart(query.to));
    if (query.lateOnly === 'true') q = q.where('lateEntry', '=', true);
    if (cursor) {
      q = q.where(sql<boolean>`(started_at, id) < (${cursor.startedAt}, ${cursor.id}::uuid)`);
    }
    const rows = await q
      .orderBy('startedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await consultationViews(tx, page),
      next: rows.length > query.limit && last ? encodeCursor(last.startedAt, last.id) : null,
    };
  });
}

/**
 * The employee's unfinished consultations (000 item 3.1: a consultation interrupted by a failure is
 * found in this list at the next sign-in and finished), the latest first.
 */
export function unfinishedConsultations(ctx: CommandContext): Promise<ConsultationList> {
  const { employeeId } = viewerOf(ctx);
  return runQuery(ctx, async (tx) => {
    const rows = await tx
      .selectFrom('consultations')
      .selectAll()
      .where('employeeId', '=', employeeId)
      .where('state', '=', 'open')
      .orderBy('startedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
    return { items: await consultationViews(tx, rows), next: null };
  });
}

/** One consultation the viewer may see, with the facts of its service's card to explain. */
export function getConsultation(ctx: CommandContext, id: string): Promise<ConsultationDetail> {
  const viewer = viewerOf(ctx);
  return runQuery(ctx, async (tx) => {
    const row = await tx
      .selectFrom('consultations')
      .selectAll()
      .where('id', '=', id)
      .where(visibleTo(viewer))
      .executeTakeFirst();
    if (!row) throw notFound(`consultation ${id}`);
    const service = await serviceSummary(tx, row.serviceId);
    return {
      consultation: await consultationView(tx, row),
      facts: service?.card ? factsOf(service.name, service.card) : null,
      canFinish: row.state === 'open' && row.employeeId === viewer.employeeId,
    };
  });
}
