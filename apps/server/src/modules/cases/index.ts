import { defineModule } from '../../platform/module.js';
import { draftVersionRoutes } from './draft-version.js';
import { caseRequestRoutes } from './request-routes.js';
import { caseCommandRoutes } from './staff-routes.js';
import { caseViewRoutes } from './view-routes.js';
import { supervisionRoutes } from './supervision-routes.js';
import { TERMS_SCAN_QUEUE, termScanJobs } from './term-scan-job.js';

/** Cases: a service being provided along the technological map version it pinned (000 items 3.4, 3.5). */
export const casesModule = defineModule({
  name: 'cases',
  tables: [
    'cases',
    'caseStages',
    'caseDecisions',
    'caseRequests',
    'caseSettings',
    'termAlerts',
    'termScanMarks',
  ],
  routes: (app, ctx) => {
    caseRequestRoutes(app, ctx);
    caseCommandRoutes(app, ctx);
    caseViewRoutes(app, ctx);
    supervisionRoutes(app, ctx);
    draftVersionRoutes(app, ctx);
  },
  // Term control (004 items 10, 11): every few minutes, each municipality in its own transaction.
  jobs: ({ database, clock, logger, config }) => ({
    handlers: termScanJobs({ database, clock, logger, mail: config.smtpUrl !== undefined }),
    recurring: [{ queue: TERMS_SCAN_QUEUE, everySeconds: config.termsScanSeconds }],
  }),
  journalTitles: {
    actions: {
      'case.opened': 'Открытие дела по принятому заявлению',
      'case.request_answered': 'Ответ на запрос по делу',
      'case.assigned': 'Назначение исполнителя дела',
      'case.action_taken': 'Действие по делу',
      'case.action_refused': 'Отказ в выполнении действия по делу',
      'case.closed': 'Завершение предоставления услуги по делу',
      'case.viewed': 'Просмотр дела (доступ к персональным данным)',
      'term.warning': 'Предупреждение об истечении срока',
      'term.violated': 'Нарушение срока',
      'term.scan_failed': 'Сбой контроля сроков',
      'case_settings.changed': 'Изменение настроек контроля сроков',
    },
    objectTypes: {
      case: 'Дело',
      term_scan: 'Контроль сроков',
      case_settings: 'Настройки контроля сроков',
    },
  },
});

export { openCase, type OpenCaseInput, type OpenedCase } from './open-case.js';
export { caseSummary, type CaseSummary } from './queries.js';
export { caseJournalObjects, type JournalObject } from './case-journal.js';
export { caseTermOf, type CaseTerm } from './case-term.js';
export { lockCase, assertOpen, type CaseRow } from './case-row.js';
export { advanceCase, enterStage, answeredRequests, type AdvanceInput, type Advanced } from './advance.js';
export {
  actingRefusal,
  canSeeCase,
  caseActor,
  caseVisibility,
  holds,
  stageUnit,
  worksInUnit,
  type CaseActor,
} from './case-access.js';
export { PORTAL_ISSUE_COMMENT } from './approve-case.js';
export { withdrawCase, WITHDRAW_ACTION, type WithdrawnCase } from './withdraw-case.js';
export { portalCaseOf, caseResultOf, noticeDocumentOf } from './portal-case.js';
export { caseSettingsIn, DEFAULT_WARN_WORKING_DAYS } from './case-settings.js';
export { scanMunicipalityTerms, type ScanOutcome } from './scan-terms.js';
export { scanOrReport, termScanJobs, TERMS_SCAN_QUEUE, type TermScanDeps } from './term-scan-job.js';
