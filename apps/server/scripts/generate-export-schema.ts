// Writes docs/catalog/service-export.schema.json: the JSON Schema of the service export file, generated
// from ServiceExportSchema (test/catalog-export-schema.test.ts checks the checked-in file is current).
import fs from 'node:fs';
import { EXPORT_SCHEMA_PATH, serviceExportJsonSchema } from './export-schema.js';

fs.writeFileSync(EXPORT_SCHEMA_PATH, serviceExportJsonSchema());
console.log(`wrote ${EXPORT_SCHEMA_PATH}`);
