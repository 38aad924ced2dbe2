import type { ReferenceDirectoryCode } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';

/** What the catalog asks of the reference data while it checks or shows a definition. */
export interface ReferenceLookup {
  /** The code is a value of the directory, in use or retired: what an existing definition may name. */
  exists(directory: ReferenceDirectoryCode, code: string): boolean;
  /** The code is a value in use: what a new or changed definition may name. */
  existsActive(directory: ReferenceDirectoryCode, code: string): boolean;
  /** The value's current name, retired values included; null for an unknown code. */
  name(directory: ReferenceDirectoryCode, code: string): string | null;
  /** The value's current version (a case may keep it to read the name it had then); null when unknown. */
  version(directory: ReferenceDirectoryCode, code: string): number | null;
}

/**
 * The municipality's reference data in one query, inside the caller's transaction (the tenant is the
 * transaction's): a publish check looks up hundreds of codes without a query each.
 */
export async function referenceLookup(tx: Tx): Promise<ReferenceLookup> {
  const rows = await tx
    .selectFrom('referenceEntries')
    .select(['directory', 'code', 'name', 'version', 'retiredAt'])
    .execute();
  const byKey = new Map(rows.map((r) => [`${r.directory}\u0000${r.code}`, r]));
  const find = (directory: string, code: string) => byKey.get(`${directory}\u0000${code}`);
  return {
    exists: (directory, code) => find(directory, code) !== undefined,
    existsActive: (directory, code) => {
      const row = find(directory, code);
      return row !== undefined && row.retiredAt === null;
    },
    name: (directory, code) => find(directory, code)?.name ?? null,
    version: (directory, code) => find(directory, code)?.version ?? null,
  };
}

/** The name a value had in a given version (a case that kept the version reads it); null when unknown. */
export async function referenceNameAt(
  tx: Tx,
  directory: ReferenceDirectoryCode,
  code: string,
  version: number,
): Promise<string | null> {
  const row = await tx
    .selectFrom('referenceEntryVersions as v')
    .innerJoin('referenceEntries as e', (join) =>
      join.onRef('e.id', '=', 'v.entryId').onRef('e.municipalityId', '=', 'v.municipalityId'),
    )
    .select('v.name')
    .where('e.directory', '=', directory)
    .where('e.code', '=', code)
    .where('v.version', '=', version)
    .executeTakeFirst();
  return row?.name ?? null;
}
