import { defineModule } from '../../platform/module.js';
import { portalRoutes } from './routes.js';

/** Applicants (people and organisations from ESIA) and the portal's own routes. */
export const applicantsModule = defineModule({
  name: 'applicants',
  tables: ['applicants', 'legalEntities'],
  routes: portalRoutes,
});

export { applicantForSession, applicantName, getApplicantProfile } from './profile.js';
export {
  placeApplicant,
  portalMunicipality,
  rememberMunicipality,
  type MunicipalitySource,
} from './portal-municipality.js';
export { recordApplicant } from './record-applicant.js';
export { esiaApplicant } from './esia-applicant.js';
