import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { inTenant } from '../src/db/tenant.js';
import { DEMO_MUNICIPALITIES, seedDemoData } from '../src/demo/seed.js';
import { lockTermScan } from '../src/modules/cases/scan-terms.js';
import { enqueue } from '../src/platform/jobs/queue.js';
import { readPublishedHeads } from '../src/platform/journal/publish.js';
import { verifyJournal } from '../src/platform/journal/verify.js';
import { locationOf, signInThroughEmulator, type BrowserResponse } from './esia-browser.js';
import { testDatabase, type Agent, type TestDatabase } from './harness.js';
import { applicantRecord, paperBody } from './intake-support.js';

/**
 * Scale-out (ROLE=api|worker): two API processes and two workers, started at once as
 * `node --import tsx src/main.ts` over one PostgreSQL database, with one master key, one file store
 * and one file of published journal heads. Only on a PostgreSQL server: the embedded database is
 * opened by one process by construction (its data-directory lock), so there is nothing to share.
 */
const onServer = Boolean(process.env.DATABASE_URL);
const serverDir = path.join(import.meta.dirname, '..');
const BANNER = 'Система управления муниципальными услугами запущена';

interface Running {
  name: string;
  child: ChildProcess;
  port: number;
  /** Everything it printed (the banner, pino's JSON lines): shown when something fails. */
  output: () => string;
  exited: Promise<number | null>;
  startedInMs?: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function start(name: string, env: NodeJS.ProcessEnv, port: number): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, port, output: () => output, exited };
}

async function started(p: Running, timeoutMs: number): Promise<void> {
  const begun = Date.now();
  const deadline = begun + timeoutMs;
  while (!p.output().includes(BANNER)) {
    if (p.child.exitCode !== null) throw new Error(`${p.name} exited ${p.child.exitCode}:\n${p.output()}`);
    if (Date.now() > deadline) throw new Error(`${p.name} did not start:\n${p.output()}`);
    await sleep(100);
  }
  p.startedInMs = Date.now() - begun;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns something other than undefined. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

interface HttpResponse extends BrowserResponse {
  headers: Record<string, string>;
  json: () => unknown;
}

/**
 * A browser over real HTTP to one process: keeps cookies, follows no redirect by itself. A Location
 * of PUBLIC_URL (which names the first API process) is followed to this browser's own process, as a
 * load balancer in front of both would route it.
 */
class HttpBrowser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly base: string,
    private readonly origin: string,
  ) {}

  /** The same cookies (the session) against another process. */
  on(base: string): HttpBrowser {
    const other = new HttpBrowser(base, this.origin);
    for (const [k, v] of this.cookies) other.cookies.set(k, v);
    return other;
  }

  async request(options: {
    method: string;
    url: string;
    form?: Record<string, string>;
    json?: unknown;
    headers?: Record<string, string>;
  }): Promise<HttpResponse> {
    const target = new URL(options.url, this.base);
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    let body: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    if (options.method !== 'GET') headers.origin = this.origin;
    const res = await fetch(new URL(target.pathname + target.search, this.base), {
      method: options.method,
      headers,
      redirect: 'manual',
      ...(body === undefined ? {} : { body }),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const expired =
        value === '' ||
        attributes.some((a) => /^max-age=0$/i.test(a)) ||
        attributes.some((a) => /^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now());
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return {
      statusCode: res.status,
      headers: Object.fromEntries(res.headers),
      body: text,
      json: () => JSON.parse(text) as unknown,
    };
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }
}

/** The harness's Agent over one browser's session, on whichever process it is pointed at. */
async function agentOf(browser: HttpBrowser): Promise<Agent> {
  const session = await browser.get('/api/v1/session');
  expect(session.statusCode, session.body).toBe(200);
  const body = session.json() as { user: { id: string; municipality: { id: string } }; csrfToken: string };
  return {
    employeeId: body.user.id,
    municipalityId: body.user.municipality.id,
    csrfToken: body.csrfToken,
    sessionToken: browser.cookies.get('uslugi_session') ?? '',
    async request({ method, url, payload, headers }) {
      const res = await browser.request({
        method,
        url,
        ...(payload === undefined ? {} : { json: payload }),
        headers: { 'x-csrf-token': body.csrfToken, ...headers },
      });
      return { ...res, raw: Buffer.from(res.body) };
    },
  };
}

/** Signs in through the ESIA emulator of this browser's process (the emulator keeps its codes in memory). */
async function signIn(browser: HttpBrowser, lastName: string): Promise<void> {
  const landing = locationOf(await signInThroughEmulator(browser, '/api/v1/auth/esia', `${lastName} `));
  expect(landing).not.toContain('esia=result');
  expect(browser.cookies.get('uslugi_session')).toBeDefined();
}

const moscowDate = (date: Date) => new Date(date.getTime() + 3 * 3600_000).toISOString().slice(0, 10);

describe.skipIf(!onServer)('two API processes and two workers over one PostgreSQL database', () => {
  let database: TestDatabase;
  let scratch: string;
  let headsFile: string;
  const processes: Running[] = [];
  let apiA: Running;
  let apiB: Running;
  const url = (p: Running) => `http://127.0.0.1:${p.port}`;

  beforeAll(async () => {
    database = await testDatabase({ demo: true });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'uslugi-multi-'));
    headsFile = path.join(scratch, 'heads', 'heads.jsonl');
    const [portA, portB] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: database.location.databaseUrl,
      // Demo mode: sign-in through the bundled ESIA emulator, and the demo certificates issued at the
      // start (by one of them: the others wait for it and find them issued). The demo data is in the
      // template already. No SMEV emulator: the processes need not make its keys.
      DEMO: '1',
      HOST: '127.0.0.1',
      // One address for all, as behind a load balancer: the origin check and ESIA's redirect_uri.
      PUBLIC_URL: `http://127.0.0.1:${portA}`,
      // What the processes must share: the master key that opens the installation's keys (kept in
      // the database), the document store, the published heads.
      KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DATA_DIR: path.join(scratch, 'data'),
      FILES_DIR: path.join(scratch, 'files'),
      SECRETS_DIR: path.join(scratch, 'secrets'),
      JOURNAL_HEADS_FILE: headsFile,
      JOURNAL_SEAL_SECONDS: '1',
      TERMS_SCAN_SECONDS: '1',
      SMEV_EMULATOR: '0',
      LOG_LEVEL: 'info',
    };
    // All four at once on a database with no PKI and no demo certificates yet: they race for both.
    apiA = start('api A', { ...env, ROLE: 'api' }, portA);
    apiB = start('api B', { ...env, ROLE: 'api' }, portB);
    processes.push(apiA, apiB);
    for (const name of ['worker 1', 'worker 2']) {
      processes.push(start(name, { ...env, ROLE: 'worker' }, await freePort()));
    }
    // A start is mostly loading the code (tsx) and the PKI: long on a busy machine.
    const starts = await Promise.allSettled(processes.map((p) => started(p, 90_000)));
    const failed = starts.filter((r) => r.status === 'rejected');
    if (failed.length > 0) throw new Error(failed.map((r) => String(r.reason)).join('\n\n'));
    console.info(`started in ms: ${processes.map((p) => `${p.name} ${p.startedInMs}`).join(', ')}`);
  }, 120_000);

  afterAll(async () => {
    const alive = (p: Running) => p.child.exitCode === null && p.child.signalCode === null;
    for (const p of processes) if (alive(p)) p.child.kill('SIGTERM');
    await Promise.race([Promise.all(processes.map((p) => p.exited)), sleep(10_000)]);
    for (const p of processes) if (alive(p)) p.child.kill('SIGKILL');
    await database?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }, 30_000);

  it('made one PKI and one certificate per demo employee, and each process says its role', async () => {
    const keys = await database.system.selectFrom('pkiInstallationKeys').select('purpose').execute();
    expect(keys.map((k) => k.purpose).sort()).toEqual(['ca', 'system_signer']);
    const { rows } = await sql<{ employees: number; certificates: number }>`
      select count(distinct employee_id)::int as employees, count(*)::int as certificates
      from signing_certificates`.execute(database.system);
    expect(rows[0]!.employees).toBe(DEMO_MUNICIPALITIES.flatMap((m) => m.employees).length);
    expect(rows[0]!.certificates).toBe(rows[0]!.employees);
    expect(apiA.output()).toContain('только запросы (ROLE=api)');
    expect(processes[2]!.output()).toContain('только задания (ROLE=worker)');
    // A worker opens no port: nothing answers on the one it was given.
    await expect(fetch(`${url(processes[2]!)}/health/live`)).rejects.toThrow();
  });

  let petrovA: HttpBrowser;
  let kuznetsovaA: HttpBrowser;

  it('a session made on one API process works on the other', async () => {
    petrovA = new HttpBrowser(url(apiA), url(apiA));
    kuznetsovaA = new HttpBrowser(url(apiA), url(apiA));
    await signIn(petrovA, 'Петров');
    await signIn(kuznetsovaA, 'Кузнецова');
    const onA = (await petrovA.get('/api/v1/session')).json();
    const onB = await petrovA.on(url(apiB)).get('/api/v1/session');
    expect(onB.statusCode, onB.body).toBe(200);
    expect(onB.json()).toEqual(onA);
    expect(onB.json()).toMatchObject({ user: { fullName: expect.stringMatching(/^Петров/) as unknown } });
  });

  let shumikhaWorkingDay: string;

  it('a working day changed through one process is seen by the term computed on the other', async () => {
    const onA = await agentOf(kuznetsovaA);
    const onB = await agentOf(kuznetsovaA.on(url(apiB)));
    // A month ahead, whatever today is; the due date the bundled calendar gives is a working day.
    const from = moscowDate(new Date(Date.now() + 30 * 24 * 3600_000));
    const term = async () => {
      const res = await onB.request({
        method: 'GET',
        url: `/api/v1/calendars/${onB.municipalityId}/terms?from=${from}&workingDays=1`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { dueDate: string }).dueDate;
    };
    // B computes first, so its cache holds the calendar as it was.
    const before = await term();
    const dayOff = await onA.request({
      method: 'POST',
      url: `/api/v1/calendars/${onA.municipalityId}/local-days`,
      payload: { date: before, kind: 'dayoff', title: 'День округа' },
    });
    expect(dayOff.statusCode, dayOff.body).toBe(201);
    shumikhaWorkingDay = await term();
    expect(shumikhaWorkingDay > before).toBe(true);
  });

  let caseId: string;
  let kazan: string;

  it('an Idempotency-Key repeated on the other process gets the first outcome, applied once', async () => {
    const onA = await agentOf(petrovA);
    const onB = await agentOf(petrovA.on(url(apiB)));
    kazan = onA.municipalityId;
    const serviceId = await inTenant(database, kazan, async (tx) => {
      const row = await tx
        .selectFrom('services')
        .select('id')
        .where('code', '=', 'gpzu')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    const accepted = await onA.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/accept',
      payload: paperBody(serviceId, await applicantRecord(onA)),
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    caseId = (accepted.json() as { caseId: string }).caseId;

    const assign = (agent: Agent) =>
      agent.request({
        method: 'POST',
        url: `/api/v1/arm/cases/${caseId}/assign-to-me`,
        headers: { 'idempotency-key': `assign-${caseId}` },
      });
    const first = await assign(onA);
    expect(first.statusCode, first.body).toBe(200);
    const repeated = await assign(onB);
    expect(repeated.statusCode, repeated.body).toBe(200);
    expect(repeated.headers['idempotent-replayed']).toBe('true');
    expect(repeated.json()).toEqual(first.json());
    const assigned = await inTenant(database, kazan, (tx) =>
      tx
        .selectFrom('journalEntries')
        .select('id')
        .where('action', '=', 'case.assigned')
        .where('objectId', '=', caseId)
        .execute(),
    );
    expect(assigned).toHaveLength(1);
  });

  it('runs every job once: none is claimed twice by the two workers', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) {
      const id = await enqueue(database.system, { queue: 'idempotency.expire' });
      if (id !== undefined) ids.push(id);
    }
    await until('the enqueued jobs', async () => {
      const rows = await database.system
        .selectFrom('jobs')
        .select(['state', 'attempts'])
        .where('id', 'in', ids)
        .execute();
      return rows.every((r) => r.state === 'done') ? rows : undefined;
    });
    // Every claim adds an attempt: a job two workers both took would show two.
    const jobs = await database.system
      .selectFrom('jobs')
      .select(['id', 'queue', 'state', 'attempts', 'singletonKey', 'lastError'])
      .where('state', 'in', ['done', 'failed'])
      .execute();
    expect(jobs.filter((j) => j.attempts !== 1 || j.state !== 'done')).toEqual([]);
    // The recurring runs: each bucket's job is one row (its singleton key), run once like the rest.
    const buckets = jobs.filter((j) => j.queue === 'journal.seal' || j.queue === 'terms.scan');
    expect(new Set(buckets.map((j) => j.queue))).toEqual(new Set(['journal.seal', 'terms.scan']));
    expect(new Set(buckets.map((j) => j.singletonKey)).size).toBe(buckets.length);
  });

  it('tells a broken term once, while scans of the municipality skip one that is still running', async () => {
    const yesterday = moscowDate(new Date(Date.now() - 24 * 3600_000));
    const termId = await inTenant(database, kazan, async (tx) => {
      const row = await tx
        .selectFrom('cases')
        .select('termId')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      return row.termId!;
    });
    const violations = () =>
      inTenant(database, kazan, (tx) =>
        tx
          .selectFrom('termAlerts')
          .select('termId')
          .where('termId', '=', termId)
          .where('kind', '=', 'violation')
          .execute(),
      );
    // A slow scan of Kazan, as another worker would hold it: the workers' scans skip Kazan meanwhile.
    await database.system.transaction().execute(async (slow) => {
      // Waits for a scan of the workers' that may be running now.
      await lockTermScan(slow, kazan, true);
      await inTenant(database, kazan, (tx) =>
        tx
          .updateTable('terms')
          .set({ dueDate: yesterday, updatedAt: new Date() })
          .where('id', '=', termId)
          .execute(),
      );
      await sleep(3000);
      expect(await violations()).toEqual([]);
    });
    await until('the violation', async () => ((await violations()).length > 0 ? true : undefined));
    // A few more scans by both workers find it told already.
    await sleep(3000);
    expect(await violations()).toHaveLength(1);
    const told = await inTenant(database, kazan, async (tx) => ({
      journal: await tx
        .selectFrom('journalEntries')
        .select('id')
        .where('action', '=', 'term.violated')
        .where('objectId', '=', caseId)
        .execute(),
      notices: await tx
        .selectFrom('notifications')
        .select('recipientId')
        .where('objectId', '=', caseId)
        .where('text', 'like', 'Нарушен срок%')
        .execute(),
    }));
    expect(told.journal).toHaveLength(1);
    expect(told.notices.length).toBeGreaterThan(0);
    expect(new Set(told.notices.map((n) => n.recipientId)).size).toBe(told.notices.length);
    expect(processes.slice(2).some((p) => p.output().includes('term scan skipped'))).toBe(true);
  });

  it('seals each new range once, the workers and a stopping API process racing', async () => {
    // Something to seal right before B stops: its own graceful stop seals while the workers do.
    const onB = await agentOf(kuznetsovaA.on(url(apiB)));
    const day = await onB.request({
      method: 'POST',
      url: `/api/v1/calendars/${onB.municipalityId}/local-days`,
      payload: { date: shumikhaWorkingDay, kind: 'dayoff', title: 'Субботник' },
    });
    expect(day.statusCode, day.body).toBe(201);
    apiB.child.kill('SIGTERM');
    expect(await apiB.exited).toBe(0);
    expect(apiB.output()).toContain('shutting down');
    // Then the workers seal what is left and publish every head (each a moment after its seal).
    const seals = await until('every entry sealed and every head published', async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from journal_streams where seq > sealed_seq`.execute(database.system);
      const all = await database.system
        .selectFrom('journalSeals')
        .select(['id', 'sealHash', 'prevSealHash', 'version'])
        .orderBy('id')
        .execute();
      const published = readPublishedHeads(headsFile).heads.length;
      return rows[0]!.n === 0 && published === all.filter((s) => s.version === 2).length ? all : undefined;
    });
    expect(seals.length).toBeGreaterThan(1);
    // One chain: each seal follows the one before it (two sealers reading the same previous seal fork it).
    seals.forEach((s, i) => {
      if (i > 0) expect(s.prevSealHash).toBe(seals[i - 1]!.sealHash);
    });
    // Each range of each stream in one seal only: no stream head is sealed twice.
    const { rows: repeated } = await sql<{ n: number }>`
      select count(*)::int as n from (
        select municipality_id, stream, seq from journal_seal_heads
        group by municipality_id, stream, seq having count(*) > 1) twice`.execute(database.system);
    expect(repeated[0]!.n).toBe(0);

    const published = readPublishedHeads(headsFile);
    expect(published.problems).toEqual([]);
    expect(published.heads.map((h) => h.sealId)).toEqual(
      seals.filter((s) => s.version === 2).map((s) => s.id),
    );
    expect(await verifyJournal(database, { published: published.heads })).toMatchObject({ ok: true });
  });
});

describe.skipIf(!onServer)('demo data loaded by several processes starting at once', () => {
  it('loads the municipalities once', async () => {
    const first = await testDatabase();
    const second = await openDatabase({ databaseUrl: first.location.databaseUrl });
    try {
      const loaded = await Promise.all([seedDemoData(first), seedDemoData(second)]);
      expect(loaded.sort()).toEqual([false, true]);
      const municipalities = await first.system.selectFrom('municipalities').select('oktmo').execute();
      expect(municipalities).toHaveLength(DEMO_MUNICIPALITIES.length);
    } finally {
      await second.close();
      await first.close();
    }
  }, 60_000);
});

describe('ROLE', () => {
  it('is all by default, api or worker with DATABASE_URL only, and nothing else', () => {
    const server = { DATABASE_URL: 'postgres://db/uslugi' };
    expect(loadConfig({}).role).toBe('all');
    expect(loadConfig({ ...server, ROLE: 'api' }).role).toBe('api');
    expect(loadConfig({ ...server, ROLE: 'worker' }).role).toBe('worker');
    expect(() => loadConfig({ ...server, ROLE: 'web' })).toThrow(
      'Переменная окружения ROLE должна быть api, worker или all, получено «web»',
    );
    // The embedded database is one process's: it serves and runs the jobs.
    expect(() => loadConfig({ ROLE: 'worker' })).toThrow(/ROLE=worker — только с DATABASE_URL/);
  });
});
