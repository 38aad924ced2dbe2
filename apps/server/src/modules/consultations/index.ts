import { defineModule } from '../../platform/module.js';
import { consultationRoutes } from './routes.js';

/**
 * Consultations on a service (000 item 3.1): registered at the start, finished with what was
 * explained, or discarded; an unfinished one waits in its employee's list. Entries made later than one
 * working day after the fact are marked (004 item 7).
 */
export const consultationsModule = defineModule({
  name: 'consultations',
  tables: ['consultations'],
  routes: consultationRoutes,
  journalTitles: {
    actions: {
      'consultation.registered': 'Регистрация консультации',
      'consultation.finished': 'Завершение консультации',
      'consultation.discarded': 'Отмена незавершённой консультации',
    },
    objectTypes: { consultation: 'Консультация' },
  },
});
export { lateConsultations, type LateConsultationEntry } from './late-entries.js';
