import { defineModule } from '../../platform/module.js';
import { notificationRoutes } from './routes.js';

/** Staff notifications: what other modules tell an employee, and marking it read. */
export const notificationsModule = defineModule({
  name: 'notifications',
  tables: ['notifications'],
  routes: notificationRoutes,
});

export { notify, type NewNotification } from './notifications.js';
