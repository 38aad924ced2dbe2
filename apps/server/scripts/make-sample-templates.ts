// Writes apps/server/templates/<kind>.docx, the sample templates shipped with the system, and the
// vocabulary table of docs/templates.md (`npm run templates:samples`); test/templates-samples.test.ts
// checks the committed files are current.
import fs from 'node:fs';
import path from 'node:path';
import { DOCUMENT_KINDS } from '@uslugi/contracts';
import * as prettier from 'prettier';
import { buildSampleTemplate, SAMPLES_DIR } from './sample-templates.js';
import { TEMPLATES_DOC, withVocabulary } from './template-vocabulary.js';

fs.mkdirSync(SAMPLES_DIR, { recursive: true });
for (const kind of DOCUMENT_KINDS) {
  const file = path.join(SAMPLES_DIR, `${kind}.docx`);
  fs.writeFileSync(file, buildSampleTemplate(kind));
  console.log(`wrote ${file}`);
}
const doc = withVocabulary(fs.readFileSync(TEMPLATES_DOC, 'utf8'));
const options = await prettier.resolveConfig(TEMPLATES_DOC);
fs.writeFileSync(TEMPLATES_DOC, await prettier.format(doc, { ...options, filepath: TEMPLATES_DOC }));
console.log(`wrote ${TEMPLATES_DOC}`);
