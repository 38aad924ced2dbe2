import { defineModule } from '../../platform/module.js';
import { calendarJobs } from './recompute-terms.js';
import { calendarRoutes } from './routes.js';

/** The municipality's production calendar and the terms computed on it. */
export const calendarModule = defineModule({
  name: 'calendar',
  tables: ['calendarLocalDays', 'calendarImports', 'calendarVersions', 'terms'],
  routes: calendarRoutes,
  jobs: ({ database }) => ({ handlers: calendarJobs(database) }),
  journalTitles: {
    actions: {
      'calendar.local_day_added': 'Особый день календаря муниципального образования',
      'calendar.local_day_changed': 'Изменение особого дня календаря муниципального образования',
      'calendar.local_day_removed': 'Отмена особого дня календаря муниципального образования',
      'calendar.year_imported': 'Загрузка производственного календаря на год',
      'term.recomputed': 'Пересчёт срока по производственному календарю',
    },
    objectTypes: {
      calendar_day: 'День производственного календаря',
      calendar_year: 'Производственный календарь на год',
      term: 'Срок',
    },
  },
});

export { closeTerm, scheduleTerm, setTermsExecutor, type ScheduleTermInput, type Term } from './terms.js';
export { computeTermFor, type ComputedTerm, type TermRuleInput } from './compute-term.js';
export { municipalCalendar, type MunicipalCalendar } from './municipal-calendar.js';
export { calendarJobs, RECOMPUTE_QUEUE } from './recompute-terms.js';
export { daysLeftCounter, daysLeftTo, isLateEntry } from './late-entry.js';
export { openTermsDue, termDueDates, workingDaysAhead } from './term-reads.js';
export { termsFallingDue, type TermsDueQuery } from './terms-due.js';
export { formatRuDate } from './days.js';
