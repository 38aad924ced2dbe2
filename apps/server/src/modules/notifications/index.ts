import { defineModule } from '../../platform/module.js';
import { applicantNotificationRoutes } from './applicant-routes.js';
import { notificationRoutes } from './routes.js';
import { mailJobs, smtpSender } from './send-mail.js';

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
  // E-mail goes out only when an SMTP server is configured; the outbox is filled only then too.
  jobs: ({ config, database, logger }) => ({
    handlers: config.smtpUrl ? mailJobs(database, smtpSender(config.smtpUrl, config.smtpFrom), logger) : {},
  }),
});

export { notifiedSince, notify, type NewNotification } from './notifications.js';
export { notifyApplicant, type NewApplicantNotification } from './applicant-notifications.js';
export { MAIL_QUEUE, queueMail, type NewMail } from './mail-outbox.js';
export { mailJobs, sendQueuedMail, smtpSender, type MailSender } from './send-mail.js';
