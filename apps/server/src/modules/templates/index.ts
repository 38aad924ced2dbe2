import { defineModule } from '../../platform/module.js';
import { templateRoutes } from './routes.js';

/**
 * Templates of the documents the system generates (000 item 2.5): the municipality's DOCX templates
 * per kind, service and service version, checked against the placeholder vocabulary, with the
 * samples shipped with the system as the fallback.
 */
export const templatesModule = defineModule({
  name: 'templates',
  tables: ['documentTemplates'],
  routes: templateRoutes,
  journalTitles: {
    actions: {
      'template.uploaded': 'Загрузка шаблона документа',
      'template.published': 'Публикация шаблона документа',
    },
    objectTypes: { document_template: 'Шаблон документа' },
  },
});

export { sampleTemplate, sampleSha256 } from './samples.js';
export { checkTemplate } from './check-template.js';
export { templateFor, type ChosenTemplate, type TemplateQuery } from './template-for.js';
