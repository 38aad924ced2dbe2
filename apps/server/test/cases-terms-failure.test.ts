import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { caseWorld, openedCase, type CaseWorld } from './cases-support.js';
import { alertsOf, journalOf, morningOf, notificationsOf, runTermScan } from './cases-terms-support.js';

/**
 * Term control runs each municipality in its own transaction: one that fails (here its alerts are
 * refused by a constraint added for the test) does not stop the others, is retried by a job of its
 * own, and its technical operator is told once per streak of failures.
 */
describe('term control when a municipality fails', () => {
  let world: CaseWorld;
  let kazan: string;
  let shumikha: string;
  let zakirovId: string;
  let mikhailovId: string;

  // NOT VALID: the alerts already there stay; only new ones of Kazan are refused.
  const breakKazan = () =>
    sql`alter table term_alerts add constraint term_alerts_test_broken
          check (municipality_id <> ${sql.lit(kazan)}::uuid) not valid`.execute(world.t.database.system);
  const repairKazan = () =>
    sql`alter table term_alerts drop constraint term_alerts_test_broken`.execute(world.t.database.system);
  const operatorNotes = async () =>
    (await notificationsOf(world.t, kazan, zakirovId)).filter((n) => n.objectType === 'term_scan');

  beforeAll(async () => {
    world = await caseWorld();
    kazan = await world.municipalityId('kazan');
    shumikha = await world.municipalityId('shumikha');
    zakirovId = (await world.agent('Закиров')).employeeId;
    mikhailovId = (await world.agent('Михайлов')).employeeId;
    await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    await openedCase(world, { municipality: 'shumikha', serviceCode: 'address' });
  });
  afterAll(() => world.t.close());

  it("alerts the others, tells the failing one's tech operator once, and queues its retry", async () => {
    await breakKazan();
    world.clock.now = morningOf('2026-12-10');
    await runTermScan(world.t);
    await runTermScan(world.t);

    expect((await alertsOf(world.t, shumikha)).some((a) => a.kind === 'violation')).toBe(true);
    expect(await alertsOf(world.t, kazan)).toEqual([]);
    const notes = await operatorNotes();
    expect(notes).toHaveLength(1);
    expect(notes[0]?.text).toMatch(/^Контроль сроков не выполнен/);
    expect(await journalOf(world.t, kazan, 'term.scan_failed')).toHaveLength(1);
    // Shumikha's operator hears nothing of Kazan.
    expect(await notificationsOf(world.t, shumikha, mikhailovId)).toEqual([]);

    const retries = await world.t.database.system
      .selectFrom('jobs')
      .select(['payload', 'state'])
      .where('queue', '=', 'terms.scan')
      .execute();
    expect(retries).toContainEqual({ payload: { municipalityId: kazan }, state: 'queued' });
    // The retry job fails while the fault lasts (the queue retries it with its backoff)…
    await expect(runTermScan(world.t, { municipalityId: kazan })).rejects.toThrow();
    expect(await operatorNotes()).toHaveLength(1);
  });

  it('catches up once repaired, and a new failure later is told again', async () => {
    await repairKazan();
    await runTermScan(world.t, { municipalityId: kazan });
    expect((await alertsOf(world.t, kazan)).some((a) => a.kind === 'violation')).toBe(true);

    await breakKazan();
    // A term entered since, already overdue, gives the next scan work to fail on.
    await inTenant(world.t.database, kazan, (tx) =>
      tx
        .updateTable('terms')
        .set({ dueDate: '2026-12-08', updatedAt: new Date() })
        .where('status', '=', 'open')
        .where('objectType', '=', 'case')
        .execute(),
    );
    world.clock.now = morningOf('2026-12-11');
    await runTermScan(world.t);
    expect(await operatorNotes()).toHaveLength(2);
    await repairKazan();
  });
});
