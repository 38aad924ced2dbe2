import { IdParamsSchema, NotificationListSchema, NotificationSchema } from '@uslugi/contracts';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { listMyNotifications, markNotificationRead } from './notifications.js';

const tags = ['Уведомления'];

export function notificationRoutes(app: App, { database }: ModuleContext): void {
  app.get('/api/v1/notifications', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Мои уведомления (последние 50) и число непрочитанных',
      response: { 200: NotificationListSchema },
    },
    handler: (request) => listMyNotifications(commandContext(request, database)),
  });
  app.post('/api/v1/notifications/:id/read', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Отметить уведомление прочитанным',
      params: IdParamsSchema,
      response: { 200: NotificationSchema },
    },
    handler: (request) => markNotificationRead(commandContext(request, database), request.params.id),
  });
}
