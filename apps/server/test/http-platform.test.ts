import { sql } from 'kysely';
import Fastify from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { listMigrations, migrate, migrationStatus } from '../src/db/migrate.js';
import { errorHandler } from '../src/platform/http/error-handler.js';
import { testApp, testDatabase, type TestApp } from './harness.js';
import { withDatabase } from './global-setup.js';

describe('errors nobody expected', () => {
  it('answer 500 with the request id and nothing of the error itself', async () => {
    const app = Fastify({ logger: false });
    app.setErrorHandler(errorHandler);
    app.get('/boom', () => {
      throw new Error('secret detail: password=hunter2');
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json<{ code: string; message: string; requestId: string }>();
    expect(body.code).toBe('internal');
    expect(body.message).toMatch(/Внутренняя ошибка/);
    expect(body.requestId).toBeTruthy();
    expect(res.body).not.toMatch(/hunter2|secret|stack|at /);
    await app.close();
  });
});

describe('the database refusing a value', () => {
  // The safety net behind the schemas: whatever input still reaches the database and is refused there
  // as a data exception (class 22) or a program limit (class 54) is the user's mistake, a 400.
  const cases: Record<string, (v: string) => ReturnType<typeof sql>> = {
    '22021': (v) => sql`select ${`${v}\u0000`}::text as v`, // NUL in text
    '22008': () => sql`select ${'0000-01-01'}::date as v`, // no year 0
    '22P05': () => sql`select ${'{"v": "\\u0000"}'}::jsonb as v`, // NUL escape in jsonb
    '22007': (v) => sql`select ${v}::date as v`, // not a date at all
    '22003': () => sql`select ${'99999999999'}::integer as v`, // out of range
    '22P02': (v) => sql`select ${v}::uuid as v`, // not a uuid
    '54000': () => sql`select repeat('xx', 600000000) as v`, // past the 1 GB value limit
  };

  it('answers 400 bad_request for class 22 and 54, from the engine itself', async () => {
    const database = await testDatabase();
    const app = Fastify({ logger: false });
    app.setErrorHandler(errorHandler);
    app.get<{ Params: { code: string } }>('/db/:code', async (request) => {
      const query = cases[request.params.code];
      if (!query) throw new Error('no such case');
      await query('x').execute(database.system);
      return { reached: true };
    });
    try {
      const answers: Record<string, string> = {};
      for (const code of Object.keys(cases)) {
        const res = await app.inject({ method: 'GET', url: `/db/${code}` });
        answers[code] = `${res.statusCode} ${res.json<{ code: string }>().code}`;
      }
      expect(answers).toEqual(
        Object.fromEntries(Object.keys(cases).map((code) => [code, '400 bad_request'])),
      );
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('keeps a proxy’s id that looks like one and replaces free text', async () => {
    const kept = await t.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'abc-12345678' },
    });
    expect(kept.headers['x-request-id']).toBe('abc-12345678');
    const forged = await t.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'x"}\n{"level":60,"msg":"forged' },
    });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('readiness and migrations', () => {
  it('is not ready on a database with pending migrations, and says which', async () => {
    const database = await testDatabase();
    const app = await buildApp({
      config: { ...loadConfig({ NODE_ENV: 'test' }), demo: false },
      database,
      logger: pino({ level: 'silent' }),
    });
    try {
      await app.app.ready();
      expect((await app.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
      // Forget the newest migration: this build now has one the database lacks.
      const newest = listMigrations().at(-1)?.version ?? '';
      await sql`delete from schema_migrations where version = ${newest}`.execute(database.system);
      const res = await app.app.inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', pendingMigrations: [newest] });
    } finally {
      await app.app.close();
      await database.close();
    }
  });

  it('an empty database has everything pending, and asking creates nothing', async () => {
    const database = await testDatabase();
    try {
      await sql`drop table schema_migrations`.execute(database.system);
      const status = await migrationStatus(database);
      expect(status.applied).toEqual([]);
      expect(status.pending).toEqual(listMigrations().map((m) => m.version));
      const { rows } = await sql<{ present: boolean }>`
        select to_regclass('schema_migrations') is not null as present`.execute(database.system);
      expect(rows[0]?.present).toBe(false);
    } finally {
      await database.close();
    }
  });

  // Several API processes starting at once on one server (DESIGN "Scale"): one migrates, the others
  // wait for it and find nothing left. The embedded database has one process by its lock.
  it.runIf(Boolean(process.env.DATABASE_URL))(
    'two processes migrating one fresh server database at once',
    async () => {
      const url = new URL(process.env.DATABASE_URL ?? '');
      const name = `${url.pathname.slice(1)}_race_${process.pid}`;
      const admin = await openDatabase({ databaseUrl: withDatabase(url, 'postgres') });
      await sql.raw(`create database "${name}"`).execute(admin.system);
      const a = await openDatabase({ databaseUrl: withDatabase(url, name) });
      const b = await openDatabase({ databaseUrl: withDatabase(url, name) });
      try {
        const [first, second] = await Promise.all([migrate(a), migrate(b)]);
        expect([...first, ...second].sort()).toEqual(listMigrations().map((m) => m.version));
        expect((await migrationStatus(a)).pending).toEqual([]);
      } finally {
        await a.close();
        await b.close();
        await sql.raw(`drop database if exists "${name}" with (force)`).execute(admin.system);
        await admin.close();
      }
    },
  );
});
