import { defineModule } from '../../platform/module.js';

/** Cases: a service being provided along the technological map version it pinned (000 items 3.4, 3.5). */
export const casesModule = defineModule({
  name: 'cases',
  tables: ['cases', 'caseStages'],
});

export { caseTermOf, type CaseTerm } from './case-term.js';
