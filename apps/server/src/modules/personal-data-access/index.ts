import { defineModule } from '../../platform/module.js';
import { PERSONAL_DATA_OBJECT, PERSONAL_DATA_VIEWED } from '../../platform/journal/personal-data-views.js';
import { personalDataAccessRoutes } from './routes.js';

/**
 * The access log of applicants' personal data: staff views are recorded in the journal
 * (`recordPersonalDataViews`, platform/journal, called by the routes that show the data), and the
 * applicant reads who looked on the portal (152-ФЗ ст. 14, 19, 20; приказ ФСТЭК России № 117).
 * Owns no table: the entries are the journal's.
 */
export const personalDataAccessModule = defineModule({
  name: 'personal-data-access',
  tables: [],
  routes: personalDataAccessRoutes,
  journalTitles: {
    actions: { [PERSONAL_DATA_VIEWED]: 'Просмотр персональных данных заявителя сотрудником' },
    objectTypes: { [PERSONAL_DATA_OBJECT]: 'Заявитель (доступ к персональным данным)' },
  },
});
