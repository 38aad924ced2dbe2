import { defineModule } from '../../platform/module.js';
import { signInRoutes } from './routes.js';

/** Signing in through ESIA, staff and applicants: the sign-ins in progress and their outcome. */
export const signInModule = defineModule({
  name: 'sign-in',
  tables: ['esiaSignIns'],
  routes: signInRoutes,
});
