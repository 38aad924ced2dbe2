import { CaseSettingsSchema, HeadDashboardSchema, SupervisionSchema } from '@uslugi/contracts';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { getCaseSettings, updateCaseSettings } from './case-settings.js';
import { headDashboard, supervision } from './dashboards.js';

const tags = ['Контроль сроков'];

/** The heads' and the leadership's views of terms (004 items 6, 10, 11) and the term control settings. */
export function supervisionRoutes(app: App, { database, clock }: ModuleContext): void {
  app.get('/api/v1/arm/dashboard', {
    config: { access: 'cases.supervise' },
    schema: {
      tags,
      summary:
        'Панель руководителя: сроки, просроченные дела, загрузка сотрудников своего и нижестоящих подразделений',
      response: { 200: HeadDashboardSchema },
    },
    handler: (request) => headDashboard(commandContext(request, database), clock),
  });
  app.get('/api/v1/arm/supervision', {
    config: { access: 'cases.lead' },
    schema: {
      tags,
      summary: 'Сроки и исполнение по всем подразделениям муниципального образования',
      response: { 200: SupervisionSchema },
    },
    handler: (request) => supervision(commandContext(request, database), clock),
  });
  app.get('/api/v1/admin/case-settings', {
    config: { access: 'cases.settings' },
    schema: { tags, summary: 'Настройки контроля сроков', response: { 200: CaseSettingsSchema } },
    handler: (request) => getCaseSettings(commandContext(request, database)),
  });
  app.put('/api/v1/admin/case-settings', {
    config: { access: 'cases.settings' },
    schema: {
      tags,
      summary: 'Изменить настройки контроля сроков',
      body: CaseSettingsSchema,
      response: { 200: CaseSettingsSchema },
    },
    handler: (request) => updateCaseSettings(commandContext(request, database), request.body),
  });
}
