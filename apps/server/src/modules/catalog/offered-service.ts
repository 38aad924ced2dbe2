import type { Tx } from '../../db/database.js';
import type { PinnedVersion } from './index.js';
import { definitionOf } from './queries.js';

export interface ServiceWithVersion {
  id: string;
  code: string;
  /** Offered to applicants (on the portal and at the front desk). */
  offered: boolean;
  /** The version in force; undefined when none is published. */
  version: PinnedVersion | undefined;
}

/**
 * A service with the version in force, in the caller's transaction: what intake checks before it
 * accepts an application (the service is offered and has a published version) and what the case pins.
 */
export async function serviceForIntake(tx: Tx, serviceId: string): Promise<ServiceWithVersion | undefined> {
  const service = await tx
    .selectFrom('services')
    .select(['id', 'code', 'offered'])
    .where('id', '=', serviceId)
    .executeTakeFirst();
  if (!service) return undefined;
  const row = await tx
    .selectFrom('serviceVersions')
    .select(['id', 'serviceId', 'number', 'state', 'definition'])
    .where('serviceId', '=', serviceId)
    .where('state', '=', 'published')
    .executeTakeFirst();
  return { ...service, version: row && { ...row, definition: definitionOf(row) } };
}

/** Codes of the given services, by id (lists of applications show them beside the name). */
export async function serviceCodes(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('services')
    .select(['id', 'code'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}
