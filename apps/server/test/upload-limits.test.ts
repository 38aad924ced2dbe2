import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { appWith, signInAs, testApp, type Agent, type TestApp } from './harness.js';
import { b64, type ErrorBody } from './signatures-helpers.js';

const post = (agent: Agent, title: string, content: Uint8Array) =>
  agent.request({
    method: 'POST',
    url: '/api/v1/documents',
    payload: {
      title,
      fileName: `${title}.bin`,
      mediaType: 'application/octet-stream',
      content: b64(content),
    },
  });

/** Files in the document store: a refused upload adds none. */
function storedFiles(t: TestApp): number {
  if (!fs.existsSync(t.config.filesDir)) return 0;
  return fs.readdirSync(t.config.filesDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .length;
}

const documentCount = async (t: TestApp) =>
  (await t.database.system.selectFrom('documents').select('id').execute()).length;

describe('upload limits: settings', () => {
  it('are read from the environment, with defaults', () => {
    expect(loadConfig({})).toMatchObject({ uploadRateLimit: 30, uploadQuotaMbPerDay: 500 });
    expect(loadConfig({ UPLOAD_RATE_LIMIT: '5', UPLOAD_QUOTA_MB_PER_DAY: '50' })).toMatchObject({
      uploadRateLimit: 5,
      uploadQuotaMbPerDay: 50,
    });
    expect(() => loadConfig({ UPLOAD_QUOTA_MB_PER_DAY: '0' })).toThrow(/UPLOAD_QUOTA_MB_PER_DAY/);
  });
});

describe('upload rate limit, per employee', () => {
  let t: TestApp, galieva: Agent, nikitina: Agent;
  beforeAll(async () => {
    ({
      t,
      as: [galieva, nikitina],
    } = await appWith(testApp({ uploadRateLimit: 3 }), 'Галиева', 'Никитина'));
  });
  afterAll(() => t.close());

  it('refuses an employee’s uploads past the limit, in Russian, storing nothing; others go on', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await post(galieva, `Справка ${i}`, randomBytes(100))).statusCode).toBe(201);
    }
    const [documents, files] = [await documentCount(t), storedFiles(t)];
    const refused = await post(galieva, 'Справка 4', randomBytes(100));
    expect(refused.statusCode).toBe(429);
    const body = refused.json() as ErrorBody;
    expect(body.code).toBe('rate_limited');
    expect(body.message).toMatch(/Слишком много запросов/);
    expect(refused.headers['x-content-type-options']).toBe('nosniff'); // a refusal carries the headers too
    expect(await documentCount(t)).toBe(documents);
    expect(storedFiles(t)).toBe(files);
    // All requests come from one address here: the limit is the employee's, not the address's.
    expect((await post(nikitina, 'Справка Никитиной', randomBytes(100))).statusCode).toBe(201);
  });
});

describe('upload quota: stored bytes per employee a day', () => {
  let t: TestApp;
  let galieva: Agent;
  let nikitina: Agent;
  let now = Date.now();
  beforeAll(async () => {
    t = await testApp({ uploadQuotaMbPerDay: 1 }, () => new Date(now));
    galieva = await signInAs(t, 'Галиева');
    nikitina = await signInAs(t, 'Никитина');
  });
  afterAll(() => t.close());

  it('refuses an upload that would pass the quota before anything is stored', async () => {
    expect((await post(galieva, 'Скан 1', randomBytes(600 * 1024))).statusCode).toBe(201);
    const [documents, files] = [await documentCount(t), storedFiles(t)];
    const refused = await post(galieva, 'Скан 2', randomBytes(600 * 1024));
    expect(refused.statusCode).toBe(429);
    const body = refused.json() as ErrorBody;
    expect(body.code).toBe('upload_quota_exceeded');
    expect(body.message).toMatch(/объём.*за сутки/);
    expect(await documentCount(t)).toBe(documents);
    expect(storedFiles(t)).toBe(files);
    // What still fits is taken; another employee has a quota of their own.
    expect((await post(galieva, 'Скан 3', randomBytes(300 * 1024))).statusCode).toBe(201);
    expect((await post(nikitina, 'Скан Никитиной', randomBytes(600 * 1024))).statusCode).toBe(201);
  });

  it('two parallel uploads cannot both pass the quota', async () => {
    const results = await Promise.all([
      post(nikitina, 'Параллельно 1', randomBytes(300 * 1024)),
      post(nikitina, 'Параллельно 2', randomBytes(300 * 1024)),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 429]);
  });

  it('counts the last 24 hours: a day later the employee uploads again', async () => {
    expect((await post(galieva, 'Скан 4', randomBytes(600 * 1024))).statusCode).toBe(429);
    now += 24 * 60 * 60_000 + 60_000;
    expect((await post(galieva, 'Скан 4', randomBytes(600 * 1024))).statusCode).toBe(201);
  });
});
