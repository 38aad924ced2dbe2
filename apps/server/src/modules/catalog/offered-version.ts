import type { Tx } from '../../db/database.js';
import type { PinnedVersion } from './index.js';
import { definitionOf, publishedOf } from './queries.js';

/**
 * The version in force of a service the municipality offers on its portal (`offered` and published),
 * in the caller's transaction; undefined when it is not offered or has no version in force. What a
 * portal application is made and checked against (000 item 3.3).
 */
export async function offeredVersion(tx: Tx, serviceId: string): Promise<PinnedVersion | undefined> {
  const service = await tx
    .selectFrom('services')
    .select(['offered'])
    .where('id', '=', serviceId)
    .executeTakeFirst();
  if (!service?.offered) return undefined;
  const row = await publishedOf(tx, serviceId);
  return (
    row && {
      id: row.id,
      serviceId: row.serviceId,
      number: row.number,
      state: row.state,
      definition: definitionOf(row),
    }
  );
}
