import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectBrowser, locationOf } from './esia-browser.js';
import { testApp, type TestApp } from './harness.js';

type Headers = Record<string, unknown>;

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe('string');
  const map = new Map<string, string[]>();
  for (const part of String(header).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

function expectCommonHeaders(headers: Headers, what: string) {
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['referrer-policy'], what).toBe('same-origin');
  const csp = directives(headers['content-security-policy']);
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(String(headers['content-security-policy']), what).not.toMatch(/unsafe-eval/);
}

describe('security headers on every response', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('the web app: scripts and styles from its own origin only, no frames, no HSTS over http', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/arm' });
    expect(res.statusCode).toBe(200);
    expectCommonHeaders(res.headers, '/arm');
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('the built page needs nothing inline, so the policy fits it', () => {
    const index = path.join(t.config.webDistDir, 'index.html');
    // Without a build the server answers its own plain page, which needs nothing either.
    if (!fs.existsSync(index)) return;
    const html = fs.readFileSync(index, 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('API answers, refusals and unknown paths carry them too', async () => {
    const answers = {
      api: await t.app.inject({ method: 'GET', url: '/api/v1/portal/municipalities' }),
      unauthenticated: await t.app.inject({ method: 'GET', url: '/api/v1/session' }),
      notFound: await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' }),
      refused: await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: {} }),
      health: await t.app.inject({ method: 'GET', url: '/health/live' }),
      // Refused before routing, where no hook runs.
      malformedUrl: await t.app.inject({ method: 'GET', url: '/api/v1/%zz' }),
    };
    expect(answers.malformedUrl.statusCode).toBe(400);
    expect(answers.malformedUrl.json()).toMatchObject({
      code: 'bad_request',
      message: 'Некорректный запрос',
    });
    expect(answers.malformedUrl.body).not.toContain('%zz');
    expect(answers.unauthenticated.statusCode).toBe(401);
    expect(answers.notFound.statusCode).toBe(404);
    expect(answers.refused.statusCode).toBe(400);
    for (const [what, res] of Object.entries(answers)) expectCommonHeaders(res.headers, what);
  });

  it('the ESIA emulator’s page has its own policy: its one inline style by hash, nothing else', async () => {
    const browser = new InjectBrowser(t.app);
    const toEsia = locationOf(await browser.get('/api/v1/auth/esia'));
    const page = await browser.get(locationOf(await browser.get(toEsia)));
    expect(page.statusCode).toBe(200);
    expectCommonHeaders(page.headers, 'emulator');
    const csp = directives(page.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.body)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(csp.get('style-src')).toEqual([`'sha256-${hash}'`]);
    expect(page.body).not.toMatch(/<script/);
  });
});

describe('HSTS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ publicUrl: 'https://uslugi.example.ru' });
  });
  afterAll(() => t.close());

  it('is sent when PUBLIC_URL is https', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=31536000\b/);
    expect(directives(res.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
  });
});
