import fs from 'node:fs';
import { ROLES } from '@uslugi/contracts/roles';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  allowedValues,
  type Catalog,
  checkValues,
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

describe('checkValues', () => {
  it('reads the values of a single-column IN check as PostgreSQL prints it', () => {
    expect(checkValues("CHECK ((kind = ANY (ARRAY['dayoff'::text, 'working'::text])))", 'kind')).toEqual([
      'dayoff',
      'working',
    ]);
    expect(checkValues('CHECK (("order" = \'a, b\'::text))', 'order')).toEqual(['a, b']);
    expect(checkValues("CHECK ((note = ANY (ARRAY['it''s'::text, 'x, y'::text])))", 'note')).toEqual([
      "it's",
      'x, y',
    ]);
  });

  it('leaves any other check alone', () => {
    expect(checkValues("CHECK ((oktmo ~ '^[0-9]{8}$'::text))", 'oktmo')).toBeUndefined();
    expect(checkValues('CHECK ((amount >= 1))', 'amount')).toBeUndefined();
    expect(checkValues("CHECK ((kind = ANY (ARRAY['a'::text, upper('b'::text)])))", 'kind')).toBeUndefined();
  });
});
