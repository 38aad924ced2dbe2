// Writes apps/server/templates/<kind>.docx, the sample templates shipped with the system
// (`npm run templates:samples`); test/templates-samples.test.ts checks the committed files are current.
import fs from 'node:fs';
import path from 'node:path';
import { DOCUMENT_KINDS } from '@uslugi/contracts';
import { buildSampleTemplate, SAMPLES_DIR } from './sample-templates.js';

fs.mkdirSync(SAMPLES_DIR, { recursive: true });
for (const kind of DOCUMENT_KINDS) {
  const file = path.join(SAMPLES_DIR, `${kind}.docx`);
  fs.writeFileSync(file, buildSampleTemplate(kind));
  console.log(`wrote ${file}`);
}
