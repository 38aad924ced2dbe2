import type { ServiceDefinition } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { defineModule } from '../../platform/module.js';
import { definitionOf, publishedOf } from './queries.js';
import { catalogRoutes } from './routes.js';

/**
 * The catalog of services: each service's versions of its card, technological map and application
 * form; publishing (checked by the validator, then frozen), the portal's list, export and import.
 */
export const catalogModule = defineModule({
  name: 'catalog',
  tables: ['services', 'serviceVersions'],
  routes: catalogRoutes,
  journalTitles: {
    actions: {
      'service.created': 'Создание услуги',
      'service.draft_saved': 'Сохранение черновика услуги',
      'service.draft_deleted': 'Удаление черновика услуги',
      'service.published': 'Публикация версии услуги',
      'service.offered': 'Публикация услуги на портале',
      'service.withdrawn': 'Снятие услуги с публикации на портале',
      'service.imported': 'Загрузка услуги из файла',
    },
    objectTypes: { service: 'Услуга' },
  },
});

export interface PinnedVersion {
  id: string;
  serviceId: string;
  number: number;
  state: 'draft' | 'published' | 'superseded';
  definition: ServiceDefinition;
}

/**
 * A version by id, in the caller's transaction: what a case pinned when it started. Published and
 * superseded versions never change (the database refuses it), so the case follows the map it began
 * with.
 */
export async function serviceVersion(tx: Tx, versionId: string): Promise<PinnedVersion | undefined> {
  const row = await tx
    .selectFrom('serviceVersions')
    .select(['id', 'serviceId', 'number', 'state', 'definition'])
    .where('id', '=', versionId)
    .executeTakeFirst();
  return row && { ...row, definition: definitionOf(row) };
}

/** The version in force of a service (what a new case pins), in the caller's transaction. */
export async function publishedVersion(tx: Tx, serviceId: string): Promise<PinnedVersion | undefined> {
  const row = await publishedOf(tx, serviceId);
  return (
    row && {
      id: row.id,
      serviceId: row.serviceId,
      number: row.number,
      state: row.state,
      definition: definitionOf(row),
    }
  );
}

export { importServiceIn } from './transfer.js';
export { publishDraftIn, setOfferedIn, type CatalogScope } from './services.js';
export { serviceSummaries, serviceSummary, type ServiceSummary } from './service-summary.js';
export { serviceCodes, serviceForIntake, type ServiceWithVersion } from './offered-service.js';
export { stagesOfKind } from './stage-kinds.js';
