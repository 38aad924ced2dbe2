import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  leafHash,
  rootOf,
  sealHash as treeSealHash,
  verifyConsistency,
  verifyInclusion,
} from '@uslugi/journal-verifier';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sealAndPublish } from '../src/platform/jobs/handlers.js';
import { readPublishedHeads } from '../src/platform/journal/publish.js';
import { sealJournal } from '../src/platform/journal/seal.js';
import { consistencyProof, inclusionProofs, treeRootAt } from '../src/platform/journal/tree.js';
import { describeBreak, verifyJournal } from '../src/platform/journal/verify.js';
import { canonicalJson, entryHash, sha256Hex } from '../src/platform/journal/hash.js';
import { sealSigner } from '../src/platform/pki/seal-signer.js';
import { testApp, type TestApp } from './harness.js';
import { pkiOf } from './signatures-helpers.js';
import { withCliDatabase } from './support/cli.js';
import { appendTest, tamper } from './support/journal.js';

const silent = pino({ level: 'silent' });

async function kazanOf(t: TestApp): Promise<string> {
  const { id } = await t.database.system
    .selectFrom('municipalities')
    .select('id')
    .where('oktmo', '=', '92701000')
    .executeTakeFirstOrThrow();
  return id;
}

/** The signed heads as published (the scratch file of this app), and the journal held against them. */
async function verifyPublished(t: TestApp) {
  const published = readPublishedHeads(t.config.journalHeadsFile).heads;
  const installation = await pkiOf(t).ready();
  return verifyJournal(t.database, {
    signatures: { provider: pkiOf(t).provider, trustedRoots: [installation.ca.certificate] },
    published,
  });
}

/** Re-hashes a stream from its first entry after `payload` replaced entry `seq`: a thorough forger. */
async function rewriteStream(t: TestApp, kazan: string, stream: string, seq: number, payload: object) {
  const rows = await t.database.system
    .selectFrom('journalEntries')
    .selectAll()
    .where('municipalityId', '=', kazan)
    .where('stream', '=', stream)
    .orderBy('seq')
    .execute();
  let prevHash = '0'.repeat(64);
  const statements = [];
  for (const row of rows) {
    const forged = row.seq === seq ? JSON.stringify(payload) : JSON.stringify(row.payload);
    const payloadHash = row.seq === seq ? sha256Hex(canonicalJson(payload)) : row.payloadHash;
    const hash = entryHash({ ...row, payloadHash, prevHash });
    statements.push(
      sql`update journal_entries set payload = ${forged}::jsonb, payload_hash = ${payloadHash}, prev_hash = ${prevHash}, hash = ${hash} where id = ${row.id}`,
    );
    prevHash = hash;
  }
  statements.push(
    sql`update journal_streams set head_hash = ${prevHash} where municipality_id = ${kazan} and stream = ${stream}`,
  );
  await tamper(t.database, ...statements);
}

describe('the journal’s Merkle tree and signed heads', () => {
  let t: TestApp;
  let kazan: string;

  beforeAll(async () => {
    t = await testApp();
    kazan = await kazanOf(t);
  });
  afterAll(() => t.close());

  it('puts every sealed entry in the tree in journal order; proofs from the stored nodes verify', async () => {
    for (let i = 0; i < 7; i++) await appendTest(t.database, kazan, `tree-${i % 3}`, { i });
    const first = await sealJournal(t.database, sealSigner(pkiOf(t).provider, await pkiOf(t).ready()));
    expect(first).toBeDefined();
    const entries = await t.database.system
      .selectFrom('journalEntries')
      .select(['id', 'hash'])
      .orderBy('id')
      .execute();
    const leaves = await t.database.system
      .selectFrom('journalTreeLeaves')
      .selectAll()
      .orderBy('leafIndex')
      .execute();
    expect(leaves.map((l) => l.entryId)).toEqual(entries.map((e) => e.id));
    expect(first!.treeSize).toBe(entries.length);
    expect(first!.treeRoot).toBe(rootOf(entries.map((e) => leafHash(e.hash))));
    const seal = await t.database.system
      .selectFrom('journalSeals')
      .selectAll()
      .where('id', '=', first!.sealId)
      .executeTakeFirstOrThrow();
    expect(seal.version).toBe(2);
    expect(seal.sealHash).toBe(
      treeSealHash({
        prevSealHash: seal.prevSealHash,
        sealedAt: seal.sealedAt.toISOString(),
        headCount: seal.headCount,
        rootHash: seal.rootHash,
        treeSize: first!.treeSize,
        treeRoot: first!.treeRoot,
      }),
    );

    for (let i = 0; i < 11; i++) await appendTest(t.database, kazan, `tree-${i % 4}`, { later: i });
    const second = await sealJournal(t.database, sealSigner(pkiOf(t).provider, await pkiOf(t).ready()));
    expect(second!.treeSize).toBe(first!.treeSize + 11);
    expect(await treeRootAt(t.database.system, first!.treeSize)).toBe(first!.treeRoot);

    const indexes = Array.from({ length: second!.treeSize }, (_, i) => i);
    const proofs = await inclusionProofs(t.database.system, indexes, second!.treeSize);
    const all = await t.database.system
      .selectFrom('journalTreeLeaves')
      .select('hash')
      .orderBy('leafIndex')
      .execute();
    for (const i of indexes) {
      expect(verifyInclusion(i, second!.treeSize, all[i]!.hash, proofs.get(i)!, second!.treeRoot)).toBe(true);
    }
    const proof = await consistencyProof(t.database.system, first!.treeSize, second!.treeSize);
    expect(
      verifyConsistency(first!.treeSize, second!.treeSize, first!.treeRoot, second!.treeRoot, proof),
    ).toBe(true);
    const final = await verifyJournal(t.database);
    expect(final.firstBroken).toBeUndefined();
    expect(final.ok).toBe(true);
  });
});

// Each of these passed `journal:verify` («Журнал цел») before the tree and the published heads.
describe('tamperings a journal inside its own database cannot see, caught by the published heads', () => {
  let t: TestApp;
  let kazan: string;

  beforeEach(async () => {
    t = await testApp();
    kazan = await kazanOf(t);
    await appendTest(t.database, kazan, 'old', { n: 1 });
    await appendTest(t.database, kazan, 'old', { n: 2 });
    await sealAndPublish(t.database, t.config, silent, pkiOf(t));
    await appendTest(t.database, kazan, 'new', { n: 1 });
    await appendTest(t.database, kazan, 'new', { n: 2 });
    await sealAndPublish(t.database, t.config, silent, pkiOf(t));
    expect((await verifyPublished(t)).ok).toBe(true);
  });
  afterEach(() => t.close());

  const lastSealId = async () =>
    Number(
      (
        await t.database.system
          .selectFrom('journalSeals')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow()
      ).id,
    );

  it('the newest seal and its heads deleted, an entry only it covered rewritten with its hashes', async () => {
    const newest = await lastSealId();
    const size = Number(
      (
        await t.database.system
          .selectFrom('journalSeals')
          .select('treeSize')
          .where('id', '=', newest)
          .executeTakeFirstOrThrow()
      ).treeSize,
    );
    const previousSize = Number(
      (
        await t.database.system
          .selectFrom('journalSeals')
          .select('treeSize')
          .where('id', '<', newest)
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirstOrThrow()
      ).treeSize,
    );
    await tamper(
      t.database,
      sql`delete from journal_seal_heads where seal_id = ${newest}`,
      sql`delete from journal_seals where id = ${newest}`,
      sql`delete from journal_tree_leaves where leaf_index >= ${previousSize}`,
      sql`delete from journal_tree_nodes where (idx + 1) * power(2, level) > ${previousSize}`,
      sql`update journal_streams set sealed_seq = 0, tree_seq = 0 where stream = 'test:new'`,
    );
    await rewriteStream(t, kazan, 'test:new', 2, { n: 'подделка' });
    // Inside the database everything holds again, as before.
    expect((await verifyJournal(t.database)).ok).toBe(true);

    const report = await verifyPublished(t);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ kind: 'seal', id: newest });
    expect(describeBreak(report.firstBroken!)).toMatch(/журнал короче опубликованной головы/);
    expect(size).toBeGreaterThan(previousSize);
  });

  it('every seal and the tree deleted, an old entry rewritten with its stream', async () => {
    await tamper(
      t.database,
      sql`delete from journal_seal_heads`,
      sql`delete from journal_seals`,
      sql`delete from journal_tree_leaves`,
      sql`delete from journal_tree_nodes`,
      sql`update journal_streams set sealed_seq = 0, tree_seq = 0`,
    );
    await rewriteStream(t, kazan, 'test:old', 1, { n: 'подделка' });
    expect((await verifyJournal(t.database)).ok).toBe(true);
    const report = await verifyPublished(t);
    expect(report.ok).toBe(false);
    expect(describeBreak(report.firstBroken!)).toMatch(/журнал короче опубликованной головы/);
  });

  it('a rewrite re-sealed by someone holding the keys: the published root differs', async () => {
    await tamper(
      t.database,
      sql`delete from journal_seal_heads`,
      sql`delete from journal_seals`,
      sql`delete from journal_tree_leaves`,
      sql`delete from journal_tree_nodes`,
      sql`update journal_streams set sealed_seq = 0, tree_seq = 0`,
    );
    await rewriteStream(t, kazan, 'test:old', 1, { n: 'подделка' });
    // The forger seals again with the system's own key: seals, tree and signatures all hold...
    await sealJournal(t.database, sealSigner(pkiOf(t).provider, await pkiOf(t).ready()));
    expect((await verifyJournal(t.database)).ok).toBe(true);
    // ...but not against what was published before.
    const report = await verifyPublished(t);
    expect(report.ok).toBe(false);
    expect(describeBreak(report.firstBroken!)).toMatch(/опубликованн/);
  });

  it('all four journal tables (and the tree) emptied', async () => {
    await tamper(
      t.database,
      sql`truncate journal_seal_heads, journal_seals, journal_tree_leaves, journal_tree_nodes, journal_entries, journal_streams, journal_extracts`,
    );
    expect((await verifyJournal(t.database)).ok).toBe(true);
    const report = await verifyPublished(t);
    expect(report.ok).toBe(false);
    expect(describeBreak(report.firstBroken!)).toMatch(/журнал короче опубликованной головы: .* 0 записей/);

    // journal:verify reads the same file and says so, exit code 1.
    const cli = await withCliDatabase(t.database, async (run) => run('journal-verify.ts'), {
      JOURNAL_HEADS_FILE: t.config.journalHeadsFile,
      SECRETS_DIR: t.config.secretsDir,
    });
    expect(cli.stdout).toMatch(/журнал короче опубликованной головы/);
    expect(cli.status, cli.stderr).toBe(1);
  }, 60_000);

  it('a stream’s seal point moved back (sealed_seq), nothing else touched', async () => {
    await tamper(t.database, sql`update journal_streams set sealed_seq = 1 where stream = 'test:new'`);
    const report = await verifyJournal(t.database);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ kind: 'stream', stream: 'test:new' });
    expect(report.firstBroken?.reason).toMatch(/закреплены записи до № 1, а по печатям — до № 2/);
  });

  it('an entry rewritten in the tree only (its leaf replaced): the seal’s root differs', async () => {
    await tamper(
      t.database,
      sql`update journal_tree_leaves set hash = ${'ab'.repeat(32)} where leaf_index = 0`,
    );
    const report = await verifyJournal(t.database);
    expect(report.ok).toBe(false);
    expect(report.firstBroken?.reason).toMatch(/не совпадает с листом № 0/);
  });
});

describe('a graceful stop', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('seals what was written since the last seal and publishes its head (main.ts runs this at SIGTERM)', async () => {
    const kazan = await kazanOf(t);
    await sealAndPublish(t.database, t.config, silent, pkiOf(t));
    await appendTest(t.database, kazan, 'before-stop', { n: 1 });
    const unsealed = await t.database.system
      .selectFrom('journalStreams')
      .select('stream')
      .whereRef('seq', '>', 'sealedSeq')
      .execute();
    expect(unsealed.map((s) => s.stream)).toEqual(['test:before-stop']);

    await sealAndPublish(t.database, t.config, silent, pkiOf(t));
    const still = await t.database.system
      .selectFrom('journalStreams')
      .select('stream')
      .whereRef('seq', '>', 'sealedSeq')
      .execute();
    expect(still).toEqual([]);
    const heads = readPublishedHeads(t.config.journalHeadsFile).heads;
    const entries = await t.database.system
      .selectFrom('journalEntries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(heads.at(-1)?.treeSize).toBe(Number(entries.n));
    expect(heads.at(-1)?.installation).toBe((await pkiOf(t).ready()).caFingerprint);
    // Each head once, however often publishing runs.
    await sealAndPublish(t.database, t.config, silent, pkiOf(t));
    const again = readPublishedHeads(t.config.journalHeadsFile).heads;
    expect(new Set(again.map((h) => h.sealId)).size).toBe(again.length);
    expect(fs.existsSync(t.config.journalHeadsFile)).toBe(true);
    expect(path.dirname(t.config.journalHeadsFile).startsWith(os.tmpdir())).toBe(true);
  });
});
