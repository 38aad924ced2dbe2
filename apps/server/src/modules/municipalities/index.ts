import { defineModule } from '../../platform/module.js';

/**
 * The municipalities of the installation: the tenants. Created by the demo data or by an
 * installation's setup; read by every module that shows or checks a municipality.
 */
export const municipalitiesModule = defineModule({
  name: 'municipalities',
  tables: ['municipalities'],
});

export { findMunicipality, listMunicipalities, municipalityCard, type MunicipalityCard } from './queries.js';
