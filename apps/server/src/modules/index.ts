import type { ModuleDescriptor } from '../platform/module.js';
import { applicantRegistryModule } from './applicant-registry/index.js';
import { applicantsModule } from './applicants/index.js';
import { applicationsModule } from './applications/index.js';
import { casesModule } from './cases/index.js';
import { consultationsModule } from './consultations/index.js';
import { catalogModule } from './catalog/index.js';
import { calendarModule } from './calendar/index.js';
import { documentsModule } from './documents/index.js';
import { journalModule } from './journal/index.js';
import { municipalitiesModule } from './municipalities/index.js';
import { notificationsModule } from './notifications/index.js';
import { orgModule } from './org/index.js';
import { personalDataAccessModule } from './personal-data-access/index.js';
import { referenceModule } from './reference/index.js';
import { sessionsModule } from './sessions/index.js';
import { signInModule } from './sign-in/index.js';
import { signingModule } from './signing/index.js';
import { smevModule } from './smev/index.js';
import { templatesModule } from './templates/index.js';

/**
 * Every module, in the order their routes register (which is the order of the OpenAPI document).
 * app.ts mounts their routes, main.ts runs their jobs, the ownership test reads their tables.
 */
export const MODULES: readonly ModuleDescriptor[] = [
  municipalitiesModule,
  sessionsModule,
  signInModule,
  applicantsModule,
  orgModule,
  calendarModule,
  notificationsModule,
  journalModule,
  signingModule,
  documentsModule,
  templatesModule,
  referenceModule,
  catalogModule,
  applicantRegistryModule,
  consultationsModule,
  applicationsModule,
  smevModule,
  casesModule,
  personalDataAccessModule,
];
