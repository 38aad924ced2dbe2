import type { LocalDay, LocalDayCreate, LocalDayUpdate } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { CalendarDayKind } from '../../db/schema.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import { AppError, notFound } from '../../platform/errors.js';
import { lockCalendarForChange } from './municipal-calendar.js';
import { finishCalendarChange } from './recompute-terms.js';

const COLUMNS = ['id', 'date', 'kind', 'title'] as const;

export function listLocalDays(ctx: CommandContext, year?: number): Promise<LocalDay[]> {
  return runQuery(ctx, (tx) => {
    let query = tx.selectFrom('calendarLocalDays').select(COLUMNS).orderBy('date');
    if (year !== undefined) {
      query = query.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
    }
    return query.execute();
  });
}

async function findLocalDay(tx: Tx, id: string): Promise<LocalDay> {
  const row = await tx
    .selectFrom('calendarLocalDays')
    .select(COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`calendar local day ${id}`);
  return row;
}

/**
 * A municipality's own decision on one date (a day off, a working day, a shortened day); it overrides the
 * federal and regional calendars and recomputes the open terms.
 */
export function createLocalDay(ctx: CommandContext, input: LocalDayCreate): Promise<LocalDay> {
  return runCommand(ctx, async ({ tx, journal }) => {
    await lockCalendarForChange(tx, ctx.municipalityId);
    const taken = await tx
      .selectFrom('calendarLocalDays')
      .select('id')
      .where('date', '=', input.date)
      .executeTakeFirst();
    if (taken) {
      throw new AppError('duplicate', `local day ${input.date} exists`, [
        { path: 'date', message: 'Дата: на эту дату уже есть решение муниципального образования' },
      ]);
    }
    const row = await tx
      .insertInto('calendarLocalDays')
      .values({ municipalityId: ctx.municipalityId, date: input.date, kind: input.kind, title: input.title })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    const version = await finishCalendarChange(tx, ctx.municipalityId);
    await journal({
      action: 'calendar.local_day_added',
      objectType: 'calendar_day',
      objectId: row.date,
      payload: { date: row.date, kind: row.kind, title: row.title, calendarVersion: version },
    });
    return row;
  });
}

export function updateLocalDay(ctx: CommandContext, id: string, patch: LocalDayUpdate): Promise<LocalDay> {
  return runCommand(ctx, async ({ tx, journal }) => {
    await lockCalendarForChange(tx, ctx.municipalityId);
    const before = await findLocalDay(tx, id);
    const after: { kind: CalendarDayKind; title: string } = {
      kind: patch.kind ?? before.kind,
      title: patch.title ?? before.title,
    };
    if (after.kind === before.kind && after.title === before.title) return before;
    const row = await tx
      .updateTable('calendarLocalDays')
      .set({ ...after, updatedAt: new Date() })
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    const version = await finishCalendarChange(tx, ctx.municipalityId);
    await journal({
      action: 'calendar.local_day_changed',
      objectType: 'calendar_day',
      objectId: row.date,
      payload: {
        date: row.date,
        before: { kind: before.kind, title: before.title },
        after,
        calendarVersion: version,
      },
    });
    return row;
  });
}

export function deleteLocalDay(ctx: CommandContext, id: string): Promise<void> {
  return runCommand(ctx, async ({ tx, journal }) => {
    await lockCalendarForChange(tx, ctx.municipalityId);
    const row = await tx
      .deleteFrom('calendarLocalDays')
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!row) throw notFound(`calendar local day ${id}`);
    const version = await finishCalendarChange(tx, ctx.municipalityId);
    await journal({
      action: 'calendar.local_day_removed',
      objectType: 'calendar_day',
      objectId: row.date,
      payload: { date: row.date, kind: row.kind, title: row.title, calendarVersion: version },
    });
  });
}
