import fs from 'node:fs';
import path from 'node:path';
import { ServiceExportSchema } from '@uslugi/contracts';
import type { Tx } from '../db/database.js';
import {
  importServiceIn,
  publishDraftIn,
  setOfferedIn,
  type CatalogScope,
} from '../modules/catalog/index.js';
import type { JournalRecord } from '../platform/journal/append.js';

/** The sample services shipped with the system, in the service export format (docs/catalog/export-format.md). */
export const DEMO_CATALOG_DIR = path.resolve(import.meta.dirname, '../../../..', 'data/catalog');

/** The files of the demo catalog, by name. */
export function demoCatalogFiles(dir = DEMO_CATALOG_DIR) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      name,
      file: ServiceExportSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'))),
    }));
}

/**
 * Loads every sample service into a demo municipality the way an operator would import a file:
 * through the catalog's import with a unit mapping, then publishes each version and offers the
 * services on the portal. `unitFor` names the demo unit key a file's unit reference becomes.
 */
export async function loadDemoCatalog(
  tx: Tx,
  municipalityId: string,
  journal: (entry: Omit<JournalRecord, 'municipalityId' | 'actor'>) => Promise<unknown>,
  unitIdOf: (ref: string) => string | undefined,
): Promise<void> {
  const scope: CatalogScope = {
    tx,
    journal: async (entry) => {
      await journal(entry);
    },
    municipalityId,
    actorId: null,
  };
  for (const { name, file } of demoCatalogFiles()) {
    const mapping: Record<string, string> = {};
    for (const unit of file.units) {
      const id = unitIdOf(unit.ref);
      if (!id) throw new Error(`${name}: no demo unit for «${unit.ref}»`);
      mapping[unit.ref] = id;
    }
    const imported = await importServiceIn(scope, file, mapping);
    for (const service of [imported.service, ...imported.subServices]) {
      await publishDraftIn(scope, service);
      await setOfferedIn(scope, service, true);
    }
  }
}
