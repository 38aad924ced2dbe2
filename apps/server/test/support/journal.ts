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
