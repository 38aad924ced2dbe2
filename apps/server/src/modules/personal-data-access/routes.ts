import { PersonalDataAccessPageSchema, PersonalDataAccessQuerySchema } from '@uslugi/contracts';
import { requireApplicant } from '../../platform/http/guard.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { listMunicipalities } from '../municipalities/index.js';
import { accessLogOf } from './access-log.js';

const tags = ['Портал заявителя'];

export function personalDataAccessRoutes(app: App, { database }: ModuleContext): void {
  // The applicant's own accesses only: the session names them, no parameter names anyone else.
  app.get('/api/v1/portal/personal-data-access', {
    config: { access: 'applicant' },
    schema: {
      tags,
      summary: 'Кто просматривал мои данные: просмотры сотрудниками муниципальных образований',
      querystring: PersonalDataAccessQuerySchema,
      response: { 200: PersonalDataAccessPageSchema },
    },
    handler: async (request) => {
      const auth = requireApplicant(request);
      // Municipalities are global (no tenant): which tenants to look in; each is then read in its own
      // tenant transaction, under row-level security.
      // eslint-disable-next-line no-restricted-syntax
      const municipalities = await listMunicipalities(database.system);
      return accessLogOf(database, municipalities, auth.applicantId, request.query.before);
    },
  });
}
