import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalVerification } from '@uslugi/contracts';
import { lockDataDir } from '../src/db/data-dir-lock.js';
import { GENESIS_HASH, canonicalJson, entryHash, sha256Hex } from '../src/platform/journal/hash.js';
import { sealJournal } from '../src/platform/journal/seal.js';
import { verifyJournal } from '../src/platform/journal/verify.js';
import { sealSigner } from '../src/platform/pki/seal-signer.js';
import { appendTest, tamper } from './support/journal.js';
import { withCliDatabase } from './support/cli.js';
import { appWith, signInAs, testApp, type Agent, type TestApp, type TestDatabase } from './harness.js';
import { pkiOf } from './signatures-helpers.js';

/**
 * Verifying the journal with no downtime: the server endpoint for the
 * technical operator, its rights and journal entry, a consistent snapshot under live writes, the CLI's
 * guidance on a directory a server holds, and a break report that always names a real entry.
 */

const serverDir = path.join(import.meta.dirname, '..');

/** A stream of `count` valid entries, written straight into the tables (quicker than appending). */
async function bulkStream(t: TestApp, municipalityId: string, objectId: string, count: number) {
  const stream = `test:${objectId}`;
  let prevHash = GENESIS_HASH;
  const rows = [];
  for (let seq = 1; seq <= count; seq++) {
    const payload = { n: seq };
    const entry = {
      municipalityId,
      stream,
      seq,
      recordedAt: new Date(),
      actorType: 'system' as const,
      actorId: null,
      actorName: 'Система',
      action: 'test.touched',
      objectType: 'test',
      objectId,
      payloadHash: sha256Hex(canonicalJson(payload)),
      prevHash,
    };
    const hash = entryHash(entry);
    rows.push({ ...entry, payload: canonicalJson(payload), hash });
    prevHash = hash;
  }
  for (let i = 0; i < rows.length; i += 500) {
    await t.database.system
      .insertInto('journalEntries')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  await t.database.system
    .insertInto('journalStreams')
    .values({ municipalityId, stream, seq: count, headHash: prevHash })
    .execute();
}

async function verifyAs(agent: Agent): Promise<{ statusCode: number; body: JournalVerification }> {
  const res = await agent.request({ method: 'POST', url: '/api/v1/journal/verification' });
  return { statusCode: res.statusCode, body: res.json() as JournalVerification };
}

/** Runs `npm run journal:verify` as an operator does, on this database (a closed copy for PGlite). */
function runCli(database: TestDatabase) {
  return withCliDatabase(database, async (run) => run('journal-verify.ts'));
}

describe('journal verification in the running server', () => {
  let t: TestApp, techOperator: Agent, shumikhaTechOperator: Agent;
  let kazan: string;

  beforeAll(async () => {
    ({
      t,
      as: [techOperator, shumikhaTechOperator],
    } = await appWith(testApp(), 'Закиров', 'Михайлов'));
    kazan = techOperator.municipalityId;
  });
  afterAll(() => t.close());

  it('the technical operator verifies the whole journal; the check is journaled with its outcome', async () => {
    const { statusCode, body } = await verifyAs(techOperator);
    expect(statusCode).toBe(200);
    expect(body).toMatchObject({ ok: true, firstBroken: null });
    expect(body.entries).toBeGreaterThan(10);
    expect(body.streams).toBeGreaterThan(5);
    expect(body.summary).toBe('Журнал цел: все цепочки, печати и подписи печатей сходятся');
    const entry = await t.database.system
      .selectFrom('journalEntries')
      .selectAll()
      .where('municipalityId', '=', kazan)
      .where('action', '=', 'journal.verified')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actorId: techOperator.employeeId, actorName: 'Закиров Айдар Ильдарович' });
    expect(entry.payload).toMatchObject({ ok: true, entries: body.entries, firstBroken: null });
    // and the journal shows it with a Russian title
    const journal = (
      await techOperator.request({ method: 'GET', url: '/api/v1/journal?objectType=journal' })
    ).json() as { items: Array<{ actionTitle: string; objectTypeTitle: string }> };
    expect(journal.items[0]).toMatchObject({
      actionTitle: 'Проверка целостности журнала',
      objectTypeTitle: 'Журнал операций',
    });
  });

  it('only the technical operator may run it', async () => {
    for (const lastName of ['Хасанова', 'Сафин', 'Никитина', 'Галиева']) {
      const res = await (
        await signInAs(t, lastName)
      ).request({
        method: 'POST',
        url: '/api/v1/journal/verification',
      });
      expect(res.statusCode, lastName).toBe(403);
      expect((res.json() as { message: string }).message).toBe('Недостаточно прав для выполнения операции');
    }
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/journal/verification' });
    expect(anonymous.statusCode).toBe(401);
    expect((await verifyAs(shumikhaTechOperator)).statusCode).toBe(200);
  });

  it('finds a tampered entry and names it; another municipality hears only that a break is elsewhere', async () => {
    const target = await t.database.system
      .selectFrom('journalEntries')
      .select(['id', 'stream', 'seq', 'payload'])
      .where('municipalityId', '=', kazan)
      .where('action', '=', 'employee.created')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const original = JSON.stringify(target.payload);
    await tamper(
      t.database,
      sql`update journal_entries set payload = '{"forged": true}' where id = ${target.id}`,
    );
    try {
      const { statusCode, body } = await verifyAs(techOperator);
      expect(statusCode).toBe(200);
      expect(body.ok).toBe(false);
      expect(body.firstBroken).toMatchObject({
        kind: 'entry',
        entryId: String(target.id),
        stream: target.stream,
        seq: target.seq,
      });
      expect(body.summary).toBe(
        `НАРУШЕНИЕ: первая повреждённая запись № ${target.id} (поток ${target.stream}, номер в потоке ${target.seq}): содержимое изменено`,
      );
      const journaled = await t.database.system
        .selectFrom('journalEntries')
        .select('payload')
        .where('municipalityId', '=', kazan)
        .where('action', '=', 'journal.verified')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(journaled.payload).toMatchObject({ ok: false, firstBroken: { entryId: String(target.id) } });

      const elsewhere = await verifyAs(shumikhaTechOperator);
      expect(elsewhere.body).toMatchObject({ ok: false, firstBroken: { kind: 'elsewhere', entryId: null } });
      expect(elsewhere.body.summary).toMatch(/другого муниципального образования/);
      expect(JSON.stringify(elsewhere.body)).not.toContain(target.stream);
    } finally {
      await tamper(
        t.database,
        sql`update journal_entries set payload = ${original}::jsonb where id = ${target.id}`,
      );
    }
    expect((await verifyAs(techOperator)).body.ok).toBe(true);
  });

  it('sees one consistent moment while entries and seals are written meanwhile: no false break', async () => {
    // A long stream that sorts after the live ones: the walk reads it in several batches, long after it
    // read the live streams, while they keep moving.
    await bulkStream(t, kazan, 'zz-bulk', 4500);
    const pki = pkiOf(t);
    const signer = sealSigner(pki.provider, await pki.ready());
    let stop = false;
    let written = 0;
    const writer = (async () => {
      // New streams and old ones, and a few seals, as a live server writes (bounded: a seal's
      // signature is checked at every verification).
      while (!stop && written < 600) {
        await appendTest(t.database, kazan, `aa-live-${written % 5}-${Math.floor(written / 40)}`, {
          n: written,
        });
        written++;
        if (written % 150 === 0) await sealJournal(t.database, signer);
      }
    })();
    const trust = {
      signatures: { provider: pki.provider, trustedRoots: [(await pki.ready()).ca.certificate] },
    };
    const direct = [];
    const served = [];
    try {
      for (let round = 0; round < 3; round++) {
        direct.push(await verifyJournal(t.database, trust));
        served.push((await verifyAs(techOperator)).body);
      }
    } finally {
      stop = true;
      await writer;
    }
    expect(written).toBeGreaterThan(8);
    expect(direct.filter((r) => !r.ok)).toEqual([]);
    expect(served.filter((r) => !r.ok)).toEqual([]);
    expect(direct.every((r) => r.entries > 4500)).toBe(true);
  }, 180_000);
});

describe('a seal vouching for an entry that is gone', () => {
  let t: TestApp, techOperator: Agent;
  let kazan: string;

  beforeAll(async () => {
    ({
      t,
      as: [techOperator],
    } = await appWith(testApp(), 'Закиров'));
    kazan = techOperator.municipalityId;
  });
  afterAll(() => t.close());

  it('is named by its stream and number, never as «запись № -1», in the report, the endpoint and the CLI', async () => {
    const pki = pkiOf(t);
    await appendTest(t.database, kazan, 'gone', { n: 1 });
    await appendTest(t.database, kazan, 'gone', { n: 2 });
    await sealJournal(t.database, sealSigner(pki.provider, await pki.ready()));
    // A thorough forger deletes the stream's entries and its recorded head: the streams alone hold then,
    // only the seal remembers.
    await tamper(t.database, sql`delete from journal_entries where stream = 'test:gone'`);
    await sql`delete from journal_streams where stream = 'test:gone'`.execute(t.database.system);

    const report = await verifyJournal(t.database);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ kind: 'missing_entry', stream: 'test:gone', seq: 2 });
    expect(JSON.stringify(report)).not.toMatch(/-1\b/);

    const { body } = await verifyAs(techOperator);
    expect(body.firstBroken).toMatchObject({
      kind: 'missing_entry',
      stream: 'test:gone',
      seq: 2,
      entryId: null,
    });
    expect(body.summary).toMatch(
      /^НАРУШЕНИЕ: в потоке test:gone нет записи с номером 2, закреплённой печатью № \d+: запись удалена/,
    );
    expect(body.summary).not.toMatch(/-1\b/);

    const cli = await runCli(t.database);
    expect(cli.status, cli.stderr).toBe(1);
    expect(cli.stdout).toMatch(
      /НАРУШЕНИЕ: в потоке test:gone нет записи с номером 2, закреплённой печатью № \d+/,
    );
    expect(cli.stdout).not.toMatch(/-1\b/);
  }, 90_000);
});

describe('npm run journal:verify on a data directory a running server holds', () => {
  it('says so in Russian and tells how to verify without stopping the server', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uslugi-locked-'));
    // This test process stands in for the running server: it holds the directory's lock.
    const unlock = lockDataDir(dataDir);
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATA_DIR: dataDir,
        PUBLIC_URL: 'https://uslugi.example.ru',
        LOG_LEVEL: 'silent',
      };
      delete env.DATABASE_URL;
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/journal-verify.ts'], {
        cwd: serverDir,
        env,
        encoding: 'utf8',
      });
      expect(run.status).toBe(2);
      const said = run.stdout + run.stderr;
      expect(said).toMatch(
        new RegExp(`открыт другим процессом \\(PID ${process.pid}\\), обычно это работающий сервер`),
      );
      expect(said).toContain('https://uslugi.example.ru/admin/journal');
      expect(said).toContain('«Проверить целостность журнала»');
      expect(said).toContain('POST https://uslugi.example.ru/api/v1/journal/verification');
      expect(said).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
    } finally {
      unlock();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
