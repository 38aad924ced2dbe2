import { defineModule } from '../../platform/module.js';
import { extractRoutes } from './extract-routes.js';
import { journalRoutes } from './routes.js';

/**
 * The journal as people see it: the view with Russian titles and the integrity check in the running
 * server. Appending, hashing, sealing and verifying are the platform's (platform/journal).
 */
export const journalModule = defineModule({
  name: 'journal',
  tables: ['journalExtracts'],
  routes: (app, context) => {
    journalRoutes(app, context);
    extractRoutes(app, context);
  },
  journalTitles: {
    actions: {
      'journal.verified': 'Проверка целостности журнала',
      'journal.extract_made': 'Сформирована выписка из журнала',
    },
    objectTypes: { journal: 'Журнал операций', journal_extract: 'Выписка из журнала' },
  },
});
