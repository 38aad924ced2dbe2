import { defineModule } from '../../platform/module.js';

/** Consultations on a service (000 item 3.1). */
export const consultationsModule = defineModule({
  name: 'consultations',
  tables: ['consultations'],
});
