import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import { inject } from 'vitest';
import { buildApp, type BuiltApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { seedDemoData } from '../src/demo/seed.js';
import { hashToken } from '../src/modules/sessions/index.js';
import type { Clock } from '../src/platform/clock.js';
import type { AppDeps } from '../src/platform/http/fastify-types.js';
import { InjectBrowser, locationOf, signInThroughEmulator } from './esia-browser.js';
import { withDatabase } from './global-setup.js';

export interface TestDatabase extends Database {
  /** Where this copy lives, for tests that reopen it. */
  location: { dataDir?: string; databaseUrl?: string };
}

/**
 * A fresh, migrated database of its own: a copy of the run's template. `empty`: a database with no
 * schema at all, for tests that run migrations themselves (a backfill over rows of an older schema);
 * `demo`: with the demo municipalities already loaded.
 */
export async function testDatabase(options: { empty?: boolean; demo?: boolean } = {}): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString('hex');
  const templateUrl = inject(options.demo ? 'demoTemplateUrl' : 'templateUrl');
  if (templateUrl) {
    const url = new URL(templateUrl);
    const template = url.pathname.slice(1);
    const name = `${template.replace(/_tpl_\d+(_demo)?$/, '')}_t_${suffix}`;
    const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
    await admin.connect();
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(
          options.empty ? `create database "${name}"` : `create database "${name}" template "${template}"`,
        );
        break;
      } catch (error) {
        // Two files copying the template at the same instant: PostgreSQL refuses one; retry.
        if (attempt >= 10) throw error;
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
      }
    }
    const databaseUrl = withDatabase(url, name);
    const database = await openDatabase({ databaseUrl });
    return {
      ...database,
      location: { databaseUrl },
      async close() {
        await database.close();
        await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
        await admin.end();
      },
    };
  }
  const templateDir = inject(options.demo ? 'demoTemplateDir' : 'templateDir');
  const dataDir = path.join(path.dirname(templateDir), `db-${suffix}`);
  if (!options.empty) fs.cpSync(templateDir, dataDir, { recursive: true });
  const database = await openDatabase({ dataDir, lock: false });
  return {
    ...database,
    location: { dataDir },
    async close() {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestApp extends BuiltApp {
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/**
 * The whole HTTP application on a fresh database with the demo municipalities loaded; `clock` fixes
 * "today" for what depends on the date.
 */
export async function testApp(
  overrides: Partial<Config> = {},
  clock?: Clock,
  /**
   * Replaces how the server reaches ESIA (the ESIA tests: unreachable, forging), or the logger (tests
   * that read what the server logs).
   */
  { logger, ...extra }: Pick<AppDeps, 'esiaFetch' | 'smevFetch'> & { logger?: Logger } = {},
): Promise<TestApp> {
  const database = await testDatabase({ demo: true });
  // Loaded in the template already: this finds the demo municipalities and does nothing.
  await seedDemoData(database);
  // Documents' files and the generated master key stay in a scratch directory of this app.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'uslugi-app-'));
  const config = {
    ...loadConfig({ NODE_ENV: 'test' }),
    demo: true,
    // The address app.inject's requests arrive at (Host: localhost:80).
    publicUrl: 'http://localhost',
    filesDir: path.join(scratch, 'files'),
    uploadTmpDir: path.join(scratch, 'tmp'),
    quarantineDir: path.join(scratch, 'quarantine'),
    secretsDir: path.join(scratch, 'secrets'),
    journalHeadsFile: path.join(scratch, 'journal-heads.jsonl'),
    // Never the developer's own <.data>/secrets: a key found there would be moved into the scratch.
    legacySecretsDir: undefined,
    // The bundled SMEV emulator's agencies answer at once: the tests' clock stands still.
    smev: { ...loadConfig({ NODE_ENV: 'test' }).smev, emulatorDelaySeconds: 0 },
    ...overrides,
  };
  const built = await buildApp({
    config,
    database,
    logger: logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...(clock ? { clock } : {}),
    ...extra,
  });
  await built.app.ready();
  return {
    ...built,
    database,
    config,
    async close() {
      await built.app.close();
      await database.close();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export interface Agent {
  employeeId: string;
  municipalityId: string;
  csrfToken: string;
  /** The session cookie's value, for tests that resolve it without a request. */
  sessionToken: string;
  request(options: {
    method: 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    url: string;
    payload?: unknown;
    headers?: Record<string, string>;
  }): Promise<{
    statusCode: number;
    json: () => unknown;
    body: string;
    /** The body as bytes (downloads). */
    raw: Buffer;
    headers: Record<string, unknown>;
  }>;
}

/**
 * Signs in as the demo employee with this last name the way a person does: through ESIA, here the
 * bundled emulator (the signed redirect, the emulator's page, back to the redirect URI). With records
 * in several municipalities, the first one offered is chosen.
 */
export async function signInAs(testApp: TestApp, lastName: string): Promise<Agent> {
  const browser = new InjectBrowser(testApp.app);
  const landing = locationOf(await signInThroughEmulator(browser, '/api/v1/auth/esia', `${lastName} `));
  if (landing.includes('esia=result')) {
    const state = new URL(landing, 'http://localhost').searchParams.get('state') ?? '';
    const result = (await browser.get(`/api/v1/auth/esia/result?state=${state}`)).json<{
      outcome: string;
      message?: string;
      choices?: Array<{ employeeId: string }>;
    }>();
    const first = result.choices?.[0];
    if (!first) throw new Error(`sign-in failed: ${result.message ?? result.outcome}`);
    const chosen = await browser.request({
      method: 'POST',
      url: '/api/v1/auth/esia/choose',
      json: { state, employeeId: first.employeeId },
    });
    if (chosen.statusCode !== 200) throw new Error(`sign-in failed: ${chosen.body}`);
  }
  const token = browser.cookies.get('uslugi_session');
  if (!token) throw new Error('no session cookie');
  // Read from the database, not GET /session: that request would itself count as activity.
  const session = await testApp.database.system
    .selectFrom('sessions')
    .select(['employeeId', 'municipalityId', 'csrfToken'])
    .where('tokenHash', '=', hashToken(token))
    .executeTakeFirstOrThrow();
  const cookie = { value: token };
  return {
    employeeId: session.employeeId,
    municipalityId: session.municipalityId,
    csrfToken: session.csrfToken,
    sessionToken: token,
    async request({ method, url, payload, headers }) {
      const res = await testApp.app.inject({
        method,
        url,
        ...(payload === undefined ? {} : { payload: payload as object }),
        cookies: { uslugi_session: cookie.value },
        headers: { 'x-csrf-token': session.csrfToken, ...headers },
      });
      return {
        statusCode: res.statusCode,
        json: () => res.json(),
        body: res.body,
        raw: res.rawPayload,
        headers: res.headers,
      };
    },
  };
}

/** Signs in the demo people with these last names, one after another, as `signInAs` does. */
export async function signInAll<const N extends readonly string[]>(
  t: TestApp,
  ...lastNames: N
): Promise<{ -readonly [K in keyof N]: Agent }> {
  const agents: Agent[] = [];
  for (const lastName of lastNames) agents.push(await signInAs(t, lastName));
  return agents as { -readonly [K in keyof N]: Agent };
}

/**
 * An application and the demo people signed in to it, for a test block's `beforeAll`:
 * `({ t, as: [operator, employee] } = await appWith(testApp(), 'Хасанова', 'Галиева'))`.
 */
export async function appWith<A extends TestApp, const N extends readonly string[]>(
  app: Promise<A>,
  ...lastNames: N
): Promise<{ t: A; as: { -readonly [K in keyof N]: Agent } }> {
  const t = await app;
  return { t, as: await signInAll(t, ...lastNames) };
}
