import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './harness.js';

// Behind a reverse proxy (nginx by default sends `Host: $proxy_host`, the upstream's address) the
// Host header names the server's internal address, not the one the browser opened: a state-changing
// request's Origin is compared with PUBLIC_URL's origin, never with Host.
describe('origin of state-changing requests behind a reverse proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ publicUrl: 'https://uslugi.example.ru' });
  });
  afterAll(() => t.close());

  const post = (origin: string | undefined) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { host: '127.0.0.1:3000', ...(origin === undefined ? {} : { origin }) },
      payload: {},
    });

  it('accepts a request from the public address though Host is the internal one', async () => {
    const res = await post('https://uslugi.example.ru');
    // Past the origin check: the (empty) body is what is refused.
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('validation');
  });

  it('refuses any other origin, the internal address included', async () => {
    for (const origin of [
      'https://evil.example',
      'http://127.0.0.1:3000', // equals Host: the old check let it through
      'http://uslugi.example.ru', // another scheme
      'https://uslugi.example.ru:8443', // another port
      'null', // an opaque origin (sandboxed frame, data: page)
      'not a url',
    ]) {
      const res = await post(origin);
      expect(res.statusCode, origin).toBe(403);
      expect(res.json<{ code: string; message: string }>().code, origin).toBe('csrf');
    }
  });

  it('leaves requests without Origin to the session’s CSRF token', async () => {
    const res = await post(undefined);
    expect(res.statusCode).toBe(400);
  });
});
