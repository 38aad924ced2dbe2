import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { listTenants } from '../../db/tenant.js';
import { appendJournal, type Actor, type JournalRecord } from './append.js';

export type InstallationWideRecord = Omit<JournalRecord, 'municipalityId'>;

/**
 * Journals a change to what the whole installation shares (the trust store, its administrators) in
 * EVERY municipality's journal, in the caller's transaction: one entry per municipality, so a
 * municipality's heads and operators see a change made by a person of another municipality (seed 000
 * item 2.11: every operation is journaled where it has effect). The payload says the change is
 * installation-wide and who made it from which municipality (`origin`, null for a system action).
 *
 * Journal tables are tenant tables: the entries are written one municipality at a time by switching
 * the transaction's tenant setting, which row-level security checks on each insert, and the caller's
 * tenant is restored afterwards. Municipalities go in the order of their ids, so two such changes lock
 * the stream heads in the same order and never deadlock.
 */
export async function appendInstallationJournal(
  tx: Tx,
  record: InstallationWideRecord,
  origin: string | null,
): Promise<void> {
  const municipalities = await listTenants(tx);
  const payload = {
    ...record.payload,
    installationWide: true,
    by: byWhom(record.actor, origin, municipalities.find((m) => m.id === origin)?.name ?? null),
  };
  const { rows } = await sql<{ tenant: string | null }>`
    select current_setting('app.municipality_id', true) as tenant`.execute(tx);
  const resume = rows[0]?.tenant ?? '';
  for (const m of municipalities) {
    await setTenant(tx, m.id);
    await appendJournal(tx, { ...record, payload, municipalityId: m.id });
  }
  await setTenant(tx, resume);
}

function byWhom(actor: Actor, municipalityId: string | null, municipalityName: string | null) {
  if (actor.type === 'system') return { system: true, fullName: actor.name };
  return { employeeId: actor.id, fullName: actor.name, municipalityId, municipalityName };
}

async function setTenant(tx: Tx, municipalityId: string): Promise<void> {
  await sql`select set_config('app.municipality_id', ${municipalityId}, true)`.execute(tx);
}
