import { defineModule } from '../../platform/module.js';
import { referenceRoutes } from './routes.js';

/**
 * Reference data (НСИ): the directories, registries and classifiers the operator keeps (seed 000 items
 * 2.3, 5.1), each value versioned and retired rather than deleted.
 */
export const referenceModule = defineModule({
  name: 'reference',
  tables: ['referenceEntries', 'referenceEntryVersions'],
  routes: referenceRoutes,
  journalTitles: {
    actions: {
      'reference.entry_created': 'Добавление значения справочника',
      'reference.entry_changed': 'Изменение значения справочника (новая версия)',
      'reference.entry_retired': 'Вывод значения справочника из употребления',
      'reference.entry_restored': 'Возврат значения справочника в употребление',
      'reference.directory_loaded': 'Загрузка значений справочника',
    },
    objectTypes: {
      reference_entry: 'Значение справочника',
      reference_directory: 'Справочник',
    },
  },
});

export { referenceLookup, referenceNameAt, type ReferenceLookup } from './lookup.js';
export { BUNDLED_REFERENCE_DIR, readBundledReference, seedReferenceEntries, type SeedEntry } from './seed.js';
