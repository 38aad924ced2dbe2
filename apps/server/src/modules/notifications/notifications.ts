import type { NotificationList, StaffNotification } from '@uslugi/contracts';
import type { Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { NotificationsTable } from '../../db/schema.js';
import { runQuery, type CommandContext } from '../../platform/commands.js';
import { notFound } from '../../platform/errors.js';

export interface NewNotification {
  municipalityId: string;
  recipientId: string;
  /** In Russian, complete: the employee reads it as it is. */
  text: string;
  objectType?: string;
  objectId?: string;
}

/** Tells an employee something, in the caller's transaction (it appears only if that commits). */
export async function notify(tx: Tx, notification: NewNotification): Promise<void> {
  await tx
    .insertInto('notifications')
    .values({
      municipalityId: notification.municipalityId,
      recipientId: notification.recipientId,
      text: notification.text,
      objectType: notification.objectType ?? null,
      objectId: notification.objectId ?? null,
    })
    .execute();
}

const COLUMNS = ['id', 'text', 'objectType', 'objectId', 'createdAt', 'readAt'] as const;

function toNotification(
  row: Pick<Selectable<NotificationsTable>, (typeof COLUMNS)[number]>,
): StaffNotification {
  return { ...row, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null };
}

/** The signed-in employee's own notifications, newest first, with the unread count. */
export function listMyNotifications(ctx: CommandContext, limit = 50): Promise<NotificationList> {
  return runQuery(ctx, async (tx) => {
    const recipientId = ctx.actor.id ?? '';
    const rows = await tx
      .selectFrom('notifications')
      .select(COLUMNS)
      .where('recipientId', '=', recipientId)
      .orderBy('createdAt', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    const { unread } = await tx
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('unread'))
      .where('recipientId', '=', recipientId)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow();
    return { unread: Number(unread), items: rows.map(toNotification) };
  });
}

/** Marks one's own notification read; someone else's is not found. A second call changes nothing. */
export function markNotificationRead(ctx: CommandContext, id: string): Promise<StaffNotification> {
  return runQuery(ctx, async (tx) => {
    const recipientId = ctx.actor.id ?? '';
    await tx
      .updateTable('notifications')
      .set({ readAt: new Date() })
      .where('id', '=', id)
      .where('recipientId', '=', recipientId)
      .where('readAt', 'is', null)
      .execute();
    const row = await tx
      .selectFrom('notifications')
      .select(COLUMNS)
      .where('id', '=', id)
      .where('recipientId', '=', recipientId)
      .executeTakeFirst();
    if (!row) throw notFound(`notification ${id}`);
    return toNotification(row);
  });
}

/**
 * Whether anyone was told about the object since the instant (what a job that reports a failing run
 * once per streak of failures asks, in the caller's transaction).
 */
export async function notifiedSince(
  tx: Tx,
  about: { objectType: string; objectId: string; since: Date | null },
): Promise<boolean> {
  let query = tx
    .selectFrom('notifications')
    .select('id')
    .where('objectType', '=', about.objectType)
    .where('objectId', '=', about.objectId);
  if (about.since) query = query.where('createdAt', '>', about.since);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}
