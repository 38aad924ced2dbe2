import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPORT_SCHEMA_PATH, serviceExportJsonSchema } from '../scripts/export-schema.js';

describe('the export format’s JSON Schema', () => {
  it('the checked-in file is the one ServiceExportSchema generates (npm run catalog:schema -w apps/server)', () => {
    expect(fs.readFileSync(EXPORT_SCHEMA_PATH, 'utf8')).toBe(serviceExportJsonSchema());
  });
});
