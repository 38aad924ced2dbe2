import { sql } from 'kysely';
import type { Database, Tx } from './database.js';

/**
 * Runs `work` in one transaction scoped to a municipality: the role switches to `uslugi_app`, to
 * which row-level security applies, and the tenant is set for this transaction only. A query that
 * forgets its municipality filter still sees and changes nothing of another municipality.
 */
export async function inTenant<T>(
  database: Database,
  municipalityId: string,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return database.system.transaction().execute(async (tx) => {
    await enterTenant(tx, municipalityId);
    return work(tx);
  });
}

/**
 * Switches an open transaction into the municipality, for the rest of that transaction: what
 * platform code does when it must create the municipality and its first rows atomically.
 */
export async function enterTenant(tx: Tx, municipalityId: string): Promise<void> {
  // One round trip for both: `set_config('role', …, true)` is `SET LOCAL ROLE`.
  await sql`select set_config('role', 'uslugi_app', true), set_config('app.municipality_id', ${municipalityId}, true)`.execute(
    tx,
  );
}

/**
 * Every tenant of the installation, by id: what platform code needs to act in each municipality (the
 * installation-wide journal entries). The municipalities module owns the table; this reads only the ids
 * and names that row-level security and the journal know the tenants by.
 */
export async function listTenants(tx: Tx): Promise<Array<{ id: string; name: string }>> {
  return tx.selectFrom('municipalities').select(['id', 'name']).orderBy('id').execute();
}

/**
 * Every tenant's id, read outside any tenant: what a recurring job that works in each municipality in
 * turn (each in its own tenant transaction) iterates over.
 */
export async function tenantIds(database: Database): Promise<string[]> {
  return database.system.transaction().execute(async (tx) => (await listTenants(tx)).map((t) => t.id));
}
