import { IdParamsSchema, PortalNotificationListSchema, PortalNotificationSchema } from '@uslugi/contracts';
import { runQuery } from '../../platform/commands.js';
import { notFound } from '../../platform/errors.js';
import type { App } from '../../platform/http/fastify-types.js';
import { requireApplicant } from '../../platform/http/guard.js';
import type { ModuleContext } from '../../platform/module.js';

const tags = ['Портал заявителя: уведомления'];

const view = (n: {
  id: string;
  text: string;
  objectType: string | null;
  objectId: string | null;
  createdAt: Date;
  readAt: Date | null;
}) => ({
  id: n.id,
  text: n.text,
  objectType: n.objectType,
  objectId: n.objectId,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

/**
 * What the municipality told the applicant on the portal (every status change of their applications,
 * 000 item 3.3): the latest 50 and the count of unread; marking one read. Only the applicant's own, in
 * the session's municipality.
 */
export function applicantNotificationRoutes(app: App, { database, clock }: ModuleContext): void {
  app.get('/api/v1/portal/notifications', {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary: 'Мои уведомления (последние 50) и число непрочитанных',
      response: { 200: PortalNotificationListSchema },
    },
    handler: (request) => {
      const auth = requireApplicant(request);
      return runQuery({ database, municipalityId: auth.municipalityId }, async (tx) => {
        const items = await tx
          .selectFrom('applicantNotifications')
          .select(['id', 'text', 'objectType', 'objectId', 'createdAt', 'readAt'])
          .where('applicantId', '=', auth.applicantId)
          .orderBy('createdAt', 'desc')
          .orderBy('id', 'desc')
          .limit(50)
          .execute();
        const unread = await tx
          .selectFrom('applicantNotifications')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('applicantId', '=', auth.applicantId)
          .where('readAt', 'is', null)
          .executeTakeFirstOrThrow();
        return { unread: Number(unread.count), items: items.map(view) };
      });
    },
  });

  // Reading one's own notification is no state change of the municipality's records: not journaled,
  // as for the staff's notifications.
  app.post('/api/v1/portal/notifications/:id/read', {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary: 'Отметить уведомление прочитанным',
      params: IdParamsSchema,
      response: { 200: PortalNotificationSchema },
    },
    handler: (request) => {
      const auth = requireApplicant(request);
      return runQuery({ database, municipalityId: auth.municipalityId }, async (tx) => {
        const found = await tx
          .selectFrom('applicantNotifications')
          .select(['id', 'text', 'objectType', 'objectId', 'createdAt', 'readAt'])
          .where('id', '=', request.params.id)
          .where('applicantId', '=', auth.applicantId)
          .executeTakeFirst();
        if (!found) throw notFound(`notification ${request.params.id}`);
        if (found.readAt) return view(found);
        const updated = await tx
          .updateTable('applicantNotifications')
          .set({ readAt: clock() })
          .where('id', '=', found.id)
          .where('applicantId', '=', auth.applicantId)
          .where('readAt', 'is', null)
          .returning(['id', 'text', 'objectType', 'objectId', 'createdAt', 'readAt'])
          .executeTakeFirst();
        return view(updated ?? found);
      });
    },
  });
}
