import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceExportSchema, type ServiceDefinition } from '@uslugi/contracts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(here, '../../../data/catalog');
const fixturesDir = path.join(here, 'fixtures/catalog');

export interface NamedDefinition {
  /** `file.json` or `file.json › sub-service code`. */
  name: string;
  definition: ServiceDefinition;
}

function definitionsOf(dir: string): NamedDefinition[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const parsed = ServiceExportSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      return [
        { name: file, definition: parsed.service.definition },
        ...parsed.service.subServices.map((sub) => ({
          name: `${file} › ${sub.code}`,
          definition: sub.definition,
        })),
      ];
    });
}

/** The sample services of data/catalog (none yet is fine) and the engine's own fixture map. */
export function catalogDefinitions(): { data: NamedDefinition[]; fixtures: NamedDefinition[] } {
  return { data: definitionsOf(dataDir), fixtures: definitionsOf(fixturesDir) };
}

/** The fixture map, a fresh copy each call so a test may change it. */
export function fixtureDefinition(): ServiceDefinition {
  const found = definitionsOf(fixturesDir).find((d) => d.name === 'full-map.json');
  if (!found) throw new Error('fixture full-map.json is missing');
  return structuredClone(found.definition);
}
