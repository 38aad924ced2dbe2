import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { inTenant } from '../../src/db/tenant.js';
import { appendJournal, SYSTEM_ACTOR } from '../../src/platform/journal/append.js';

/** Appends a test entry (`test.touched`) to the stream `test:<objectId>` of the municipality. */
export function appendTest(database: Database, municipalityId: string, objectId: string, payload: object) {
  return inTenant(database, municipalityId, (tx) =>
    appendJournal(tx, {
      municipalityId,
      actor: SYSTEM_ACTOR,
      action: 'test.touched',
      objectType: 'test',
      objectId,
      payload: { ...payload },
    }),
  );
}

/**
 * What someone holding the database's superuser can do: every trigger and foreign-key check off
 * (session_replication_role = replica) for one transaction, the statements run in it.
 */
export async function tamper(database: Database, ...statements: Array<RawBuilder<unknown>>) {
  await database.system.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    for (const statement of statements) await statement.execute(tx);
  });
}
