import { defineModule } from '../../platform/module.js';
import { applicantNotificationRoutes } from './applicant-routes.js';
import { notificationRoutes } from './routes.js';

/**
 * Notifications: what other modules tell an employee, and marking it read; what a municipality tells
 * an applicant on the portal.
 */
export const notificationsModule = defineModule({
  name: 'notifications',
  tables: ['notifications', 'applicantNotifications', 'mailOutbox'],
  routes: (app, ctx) => {
    notificationRoutes(app, ctx);
    applicantNotificationRoutes(app, ctx);
  },
});

export { notify, type NewNotification } from './notifications.js';
export { notifyApplicant, type NewApplicantNotification } from './applicant-notifications.js';
