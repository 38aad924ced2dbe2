import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentKind } from '@uslugi/contracts';
import { sha256Hex } from '../../platform/files/file-store.js';

/** apps/server/templates: the samples `npm run templates:samples` writes. */
const SAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../templates');

const cache = new Map<DocumentKind, { content: Buffer; sha256: string }>();

function sample(kind: DocumentKind): { content: Buffer; sha256: string } {
  let entry = cache.get(kind);
  if (!entry) {
    const content = fs.readFileSync(path.join(SAMPLES_DIR, `${kind}.docx`));
    entry = { content, sha256: sha256Hex(content) };
    cache.set(kind, entry);
  }
  return entry;
}

/**
 * The sample template of a kind shipped with the system: what renders until the municipality
 * publishes its own (000 item 2.5). Read once, then cached.
 */
export function sampleTemplate(kind: DocumentKind): Buffer {
  return sample(kind).content;
}

/** The SHA-256 of a sample, hex: what a render made with it records. */
export function sampleSha256(kind: DocumentKind): string {
  return sample(kind).sha256;
}
