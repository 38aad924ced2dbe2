import { defineModule } from '../../platform/module.js';

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
});
