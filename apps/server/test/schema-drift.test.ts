import fs from 'node:fs';
import { ROLES } from '@uslugi/contracts/roles';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  allowedValues,
  type Catalog,
  generateSchema,
  readCatalog,
  REGENERATE_COMMAND,
  SCHEMA_FILE,
} from '../scripts/generate-schema.js';

/** The first lines where the two texts differ, numbered, for the failure message. */
function firstDifferences(committed: string, generated: string, count = 8): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const first = a.findIndex((line, i) => line !== b[i]);
  const start = first === -1 ? Math.min(a.length, b.length) : first;
  const lines: string[] = [];
  for (let i = start; i < Math.max(a.length, b.length) && lines.length < count * 2; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] !== undefined) lines.push(`${i + 1} committed: ${a[i]}`);
    if (b[i] !== undefined) lines.push(`${i + 1} generated: ${b[i]}`);
  }
  return lines.join('\n');
}

describe('src/db/schema.ts', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await readCatalog();
  });

  it('is what the migrations generate', async () => {
    const generated = await generateSchema(catalog);
    const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== generated) {
      expect.fail(
        `src/db/schema.ts differs from what the migrations generate; run \`${REGENERATE_COMMAND}\`.\n` +
          firstDifferences(committed, generated),
      );
    }
  });

  it('types employee_roles.role as the contracts’ Role, which lists the roles the check allows', () => {
    expect([...(allowedValues(catalog, 'employee_roles', 'role') ?? [])].sort()).toEqual([...ROLES].sort());
  });
});
