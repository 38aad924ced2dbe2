import { defineModule } from '../../platform/module.js';
import { caseCommandRoutes } from './staff-routes.js';

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
    caseCommandRoutes(app, ctx);
  },
  journalTitles: {
    actions: {
      'case.opened': 'Открытие дела по принятому заявлению',
      'case.assigned': 'Назначение исполнителя дела',
      'case.action_taken': 'Действие по делу',
      'case.action_refused': 'Отказ в выполнении действия по делу',
      'case.closed': 'Завершение предоставления услуги по делу',
    },
    objectTypes: { case: 'Дело' },
  },
});

export { openCase, type OpenCaseInput, type OpenedCase } from './open-case.js';
export { caseSummary, type CaseSummary } from './queries.js';
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
