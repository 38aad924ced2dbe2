import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { seedDemoData } from '../src/demo/seed.js';
import { GENESIS_HASH, entryHash } from '../src/platform/journal/hash.js';
import { sealJournal } from '../src/platform/journal/seal.js';
import { verifyJournal } from '../src/platform/journal/verify.js';
import { testDatabase, type TestDatabase } from './harness.js';
import { withCliDatabase } from './support/cli.js';
import { appendTest, tamper } from './support/journal.js';

/** A fresh database with the demo municipalities, and Kazan's id. */
async function demoDatabase(): Promise<{ database: TestDatabase; kazan: string }> {
  const database = await testDatabase();
  await seedDemoData(database);
  const { id } = await database.system
    .selectFrom('municipalities')
    .select('id')
    .where('oktmo', '=', '92701000')
    .executeTakeFirstOrThrow();
  return { database, kazan: id };
}

/** A test entry in the stream `test:<objectId>` of the municipality. */

describe('journal', () => {
  let database: TestDatabase;
  let kazan: string;

  beforeAll(async () => {
    ({ database, kazan } = await demoDatabase());
  });
  afterAll(() => database.close());

  const append = (objectId: string, payload: object) => appendTest(database, kazan, objectId, payload);

  it('chains the entries of one object and starts each stream at genesis', async () => {
    await append('a', { n: 1 });
    await append('a', { n: 2, text: 'Ёжик «в тумане»' });
    await append('b', { n: 1 });
    const rows = await database.system
      .selectFrom('journalEntries')
      .selectAll()
      .where('objectType', '=', 'test')
      .orderBy('id')
      .execute();
    const [a1, a2, b1] = rows;
    expect(a1?.seq).toBe(1);
    expect(a1?.prevHash).toBe(GENESIS_HASH);
    expect(a2?.seq).toBe(2);
    expect(a2?.prevHash).toBe(a1?.hash);
    expect(b1?.prevHash).toBe(GENESIS_HASH);
    expect(entryHash(a2!)).toBe(a2?.hash);
    expect((await verifyJournal(database)).ok).toBe(true);
  });

  it('concurrent appends to one stream keep an unbroken chain', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => append('c', { i })));
    const seqs = await database.system
      .selectFrom('journalEntries')
      .select('seq')
      .where('stream', '=', 'test:c')
      .orderBy('seq')
      .execute();
    expect(seqs.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await verifyJournal(database)).ok).toBe(true);
  });

  it('the database itself refuses UPDATE, DELETE and TRUNCATE of journal entries, even for the owner', async () => {
    await expect(sql`update journal_entries set action = 'x'`.execute(database.system)).rejects.toThrow(
      /только дополняется/,
    );
    await expect(sql`delete from journal_entries`.execute(database.system)).rejects.toThrow(
      /только дополняется/,
    );
    await expect(sql`truncate journal_entries cascade`.execute(database.system)).rejects.toThrow(
      /только дополняется/,
    );
    await expect(
      inTenant(database, kazan, (tx) => sql`update journal_entries set action = 'x'`.execute(tx)),
    ).rejects.toThrow();
  });

  it('a sealing run records the moved heads once; a second run has nothing to seal', async () => {
    const first = await sealJournal(database);
    expect(first?.headCount).toBeGreaterThan(3);
    expect(await sealJournal(database)).toBeUndefined();
    await append('a', { n: 3 });
    expect((await sealJournal(database))?.headCount).toBe(1);
    expect(await verifyJournal(database)).toMatchObject({ ok: true, seals: 2 });
  });

  it('journal:verify names the first tampered entry', async () => {
    const target = await database.system
      .selectFrom('journalEntries')
      .select(['id', 'seq'])
      .where('stream', '=', 'test:a')
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    await tamper(database, sql`update journal_entries set payload = '{"n": 200}' where id = ${target.id}`);
    const report = await verifyJournal(database);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ kind: 'entry', id: target.id, stream: 'test:a', seq: 2 });
    expect(report.firstBroken?.reason).toMatch(/содержимое изменено/);
    await tamper(
      database,
      sql`update journal_entries set payload = '{"n": 2, "text": "Ёжик «в тумане»"}' where id = ${target.id}`,
    );
    expect((await verifyJournal(database)).ok).toBe(true);
  });

  it('a rewritten stream with recomputed hashes is still caught by the seal', async () => {
    const rows = await database.system
      .selectFrom('journalEntries')
      .selectAll()
      .where('stream', '=', 'test:b')
      .orderBy('seq')
      .execute();
    const forged = { ...rows[0]!, actorName: 'Злоумышленник' };
    const forgedHash = entryHash(forged);
    await tamper(
      database,
      sql`update journal_entries set actor_name = ${forged.actorName}, hash = ${forgedHash} where id = ${forged.id}`,
    );
    // A thorough forger also moves the stream's recorded head to the forged hash.
    await sql`update journal_streams set head_hash = ${forgedHash} where stream = 'test:b'`.execute(
      database.system,
    );
    const report = await verifyJournal(database);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ kind: 'entry', id: forged.id, stream: 'test:b' });
    expect(report.firstBroken?.reason).toMatch(/печатью/);
  });
});

describe('journal verification of what a seal does not cover yet', () => {
  let database: TestDatabase;
  let kazan: string;

  beforeAll(async () => {
    ({ database, kazan } = await demoDatabase());
  });
  afterAll(() => database.close());

  it('a deleted last entry of a stream is found by the head the stream records', async () => {
    await sealJournal(database);
    for (const n of [1, 2]) await appendTest(database, kazan, 'tail', { n });
    expect((await verifyJournal(database)).ok).toBe(true);
    const last = await database.system
      .selectFrom('journalEntries')
      .select('id')
      .where('stream', '=', 'test:tail')
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    await tamper(database, sql`delete from journal_entries where id = ${last.id}`);
    const report = await verifyJournal(database);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ kind: 'stream', stream: 'test:tail', seq: 2 });
    expect(report.firstBroken?.reason).toMatch(/последняя запись потока — № 1/);
  });

  it('npm run journal:verify prints the break and exits 1', async () => {
    // The command itself, as an operator runs it, on a closed copy of this database.
    await withCliDatabase(database, async (run) => {
      const result = run('journal-verify.ts');
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/НАРУШЕНИЕ: поток test:tail: последняя запись потока — № 1/);
    });
  }, 60_000);
});
