import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  REFERENCE_ATTRIBUTE_SCHEMAS,
  REFERENCE_DIRECTORIES,
  ReferenceCodeSchema,
  type ReferenceAttributes,
  type ReferenceDirectoryCode,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { appendJournal, SYSTEM_ACTOR } from '../../platform/journal/append.js';

/** The reference data shipped with the system: one file per directory. */
export const BUNDLED_REFERENCE_DIR = path.resolve(import.meta.dirname, '../../../../..', 'data/reference');

export interface SeedEntry {
  code: string;
  name: string;
  attributes?: ReferenceAttributes;
}

const FileSchema = z.object({
  directory: z.enum(REFERENCE_DIRECTORIES),
  source: z.string().min(1),
  entries: z.array(
    z.strictObject({
      code: ReferenceCodeSchema,
      name: z.string().min(1).max(500),
      attributes: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

/**
 * The bundled files, by directory, each value checked by its directory's schema: a broken file stops the
 * start with its name, not halfway through a municipality.
 */
export function readBundledReference(dir = BUNDLED_REFERENCE_DIR): Map<ReferenceDirectoryCode, SeedEntry[]> {
  const result = new Map<ReferenceDirectoryCode, SeedEntry[]>();
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = FileSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    const entries = parsed.entries.map((e) => ({
      code: e.code,
      name: e.name,
      attributes: REFERENCE_ATTRIBUTE_SCHEMAS[parsed.directory].parse(e.attributes ?? {}),
    }));
    result.set(parsed.directory, [...(result.get(parsed.directory) ?? []), ...entries]);
  }
  return result;
}

/**
 * Loads values into a directory of the transaction's municipality as the system, each as version 1,
 * with one journal entry for the directory (a setup loads many values at once). Codes already present
 * are left as they are.
 */
export async function seedReferenceEntries(
  tx: Tx,
  municipalityId: string,
  directory: ReferenceDirectoryCode,
  entries: readonly SeedEntry[],
): Promise<number> {
  if (entries.length === 0) return 0;
  const rows = await tx
    .insertInto('referenceEntries')
    .values(
      entries.map((e) => ({
        municipalityId,
        directory,
        code: e.code,
        name: e.name,
        attributes: JSON.stringify(e.attributes ?? {}),
      })),
    )
    .onConflict((oc) => oc.columns(['municipalityId', 'directory', 'code']).doNothing())
    .returning(['id', 'code', 'name', 'attributes'])
    .execute();
  if (rows.length === 0) return 0;
  await tx
    .insertInto('referenceEntryVersions')
    .values(
      rows.map((r) => ({
        municipalityId,
        entryId: r.id,
        version: 1,
        name: r.name,
        attributes: JSON.stringify(r.attributes ?? {}),
        changedBy: null,
        changedByName: SYSTEM_ACTOR.name,
      })),
    )
    .execute();
  await appendJournal(tx, {
    municipalityId,
    actor: SYSTEM_ACTOR,
    action: 'reference.directory_loaded',
    objectType: 'reference_directory',
    objectId: directory,
    payload: { directory, count: rows.length, codes: rows.map((r) => r.code) },
  });
  return rows.length;
}
