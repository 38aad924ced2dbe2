import { defineModule } from '../../platform/module.js';
import { applicationFileRoutes } from './file-routes.js';
import { portalApplicationRoutes } from './portal-routes.js';
import { staffApplicationRoutes } from './staff-routes.js';

/**
 * Applications on paper (000 item 3.2) and from the portal (000 item 3.3): drafts, submission, intake
 * («Принять», «Отказать»), registration numbers, statuses with their ЕПГУ codes, attached files.
 */
export const applicationsModule = defineModule({
  name: 'applications',
  tables: [
    'applications',
    'applicationStatusChanges',
    'applicationFiles',
    'registrationCounters',
    'intakeSettings',
  ],
  routes: (app, ctx) => {
    staffApplicationRoutes(app, ctx);
    portalApplicationRoutes(app, ctx);
    applicationFileRoutes(app, ctx);
  },
});

export { recordStatus, type StatusChangeInput } from './statuses.js';
export { applicationFactsFor } from './registry-facts.js';
