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
  journalTitles: {
    actions: {
      'application.draft_created': 'Создание черновика заявления на портале',
      'application.draft_deleted': 'Удаление черновика заявления на портале',
      'application.submitted': 'Подача заявления через портал',
      'application.withdrawn': 'Отзыв заявления заявителем',
      'application.accepted': 'Приём и регистрация заявления',
      'application.intake_refused': 'Отказ в приёме документов',
      'application.viewed': 'Просмотр заявления (доступ к персональным данным)',
      'intake_settings.changed': 'Изменение формата регистрационного номера заявлений',
      'application_file.uploaded': 'Загрузка файла заявления',
      'file.quarantined': 'Заражённый файл помещён в карантин',
    },
    objectTypes: {
      application: 'Заявление',
      intake_settings: 'Настройки приёма заявлений',
      application_file: 'Файл заявления',
      file: 'Файл (по хешу SHA-256)',
    },
  },
});

export { recordStatus, type StatusChangeInput } from './statuses.js';
export { acceptApplication, type IntakeDeps, type IntakeScope } from './accept-application.js';
export { applicationFactsFor } from './registry-facts.js';
export { pendingBytesOf, fileView, type FileOwner } from './upload-file.js';
export { applicationChannel, setApplicationStatus, type ApplicationProgress } from './case-progress.js';
export { applicationFactsOf, applicationsOfApplicantNamed, type ApplicationFacts } from './case-facts.js';
export { lateApplications, type LateApplicationEntry } from './late-entries.js';
export { applicationDocumentFacts, commonFacts, type Facts } from './document-facts.js';
export { smevSubjectOf, type SmevSubject } from './smev-subject.js';
export {
  applicationPersonalData,
  applicationViews,
  applicationsOfRecord,
  registrationNumbersOf,
} from './personal-data.js';
