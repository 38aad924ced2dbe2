import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { selectProvider } from '../src/platform/crypto/provider.js';
import { InjectBrowser, locationOf, personForm } from './esia-browser.js';
import {
  countSessions,
  esiaTestApp,
  expectRefused,
  forgeAccessToken,
  staffAttempt,
  type EsiaTestApp,
} from './esia-helpers.js';

// The adapter against a forging or broken ESIA: every answer that does not verify ends the sign-in
// with a Russian message and no session. Each case goes through the real redirect URI.

const now = () => Math.floor(Date.now() / 1000);

describe('sign-in refuses what ESIA did not really say', () => {
  let t: EsiaTestApp;
  let before: number;

  beforeAll(async () => {
    t = await esiaTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    t.tamper = null;
    t.unreachable = false;
    before = await countSessions(t);
  });

  it('control: the untouched flow signs in', async () => {
    const attempt = await staffAttempt(t);
    expect(locationOf(attempt.callback)).toBe('/admin');
    expect(attempt.browser.cookies.has('uslugi_session')).toBe(true);
    expect(await countSessions(t)).toBe(before + 1);
  });

  it('a token with alg "none" and no signature', async () => {
    t.tamper = forgeAccessToken(t, () => {}, {
      rawToken: (token) => {
        const [, payload] = token.split('.');
        return `${Buffer.from('{"alg":"none","typ":"JWT","sbt":"access"}').toString('base64url')}.${payload}.`;
      },
    });
    await expectRefused(t, await staffAttempt(t), 'esia_invalid_response', before);
  });

  it('a token signed by another key', async () => {
    const stranger = await selectProvider().generateKeyPair();
    t.tamper = forgeAccessToken(t, () => {}, { key: stranger.privateKeyPem });
    await expectRefused(t, await staffAttempt(t), 'esia_invalid_response', before);
  });

  it('an expired token (beyond the clock skew)', async () => {
    t.tamper = forgeAccessToken(t, (_h, p) => {
      p.exp = now() - 120;
    });
    await expectRefused(t, await staffAttempt(t), 'esia_invalid_response', before);
  });

  it('a token not yet valid (nbf beyond the skew); within the skew it passes', async () => {
    t.tamper = forgeAccessToken(t, (_h, p) => {
      p.nbf = now() + 600;
    });
    await expectRefused(t, await staffAttempt(t), 'esia_invalid_response', before);
    t.tamper = forgeAccessToken(t, (_h, p) => {
      p.nbf = now() + 30;
    });
    expect((await staffAttempt(t)).browser.cookies.has('uslugi_session')).toBe(true);
  });

  it('a token issued to another client system (audience)', async () => {
    t.tamper = forgeAccessToken(t, (_h, p) => {
      p.client_id = 'SOMEONE_ELSE';
    });
    await expectRefused(t, await staffAttempt(t), 'esia_invalid_response', before);
  });

  it('a token of another issuer', async () => {
    t.tamper = forgeAccessToken(t, (_h, p) => {
      p.iss = 'http://esia.gosuslugi.ru/';
    });
    await expectRefused(t, await staffAttempt(t), 'esia_invalid_response', before);
  });

  it('a token whose subject id was changed (signature kept)', async () => {
    t.tamper = forgeAccessToken(
      t,
      (_h, p) => {
        p['urn:esia:sbj_id'] = 1000100002;
      },
      { keepSignature: true },
    );
    await expectRefused(t, await staffAttempt(t), 'esia_invalid_response', before);
  });

  it('a token response that does not echo the token request’s state', async () => {
    t.tamper = async (url, response) => {
      if (!url.endsWith('/v3/te')) return response;
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, state: crypto.randomUUID() });
    };
    await expectRefused(t, await staffAttempt(t), 'esia_invalid_response', before);
  });

  it('person data of another subject than the token’s', async () => {
    t.tamper = async (url, response) => {
      if (!/\/rs\/prns\/\d+$/.test(url)) return response;
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, oid: 1000100005 });
    };
    await expectRefused(t, await staffAttempt(t), 'esia_invalid_response', before);
  });

  it('an unconfirmed ESIA account is not matched to an employee', async () => {
    t.tamper = async (url, response) => {
      if (!/\/rs\/prns\/\d+$/.test(url)) return response;
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, trusted: false });
    };
    await expectRefused(t, await staffAttempt(t), 'esia_unconfirmed_account', before);
  });

  it('ESIA refusing the code exchange (its error code is logged, the person told)', async () => {
    t.tamper = async (url, response) =>
      url.endsWith('/v3/te')
        ? Response.json(
            { error: 'invalid_grant', error_description: 'ESIA-007011: The provided authorization grant …' },
            { status: 400 },
          )
        : response;
    await expectRefused(t, await staffAttempt(t), 'esia_refused', before);
  });

  it('ESIA unreachable: a clear message and no partial session', async () => {
    t.unreachable = true;
    const attempt = await staffAttempt(t);
    await expectRefused(t, attempt, 'esia_unavailable', before);
    const result = await attempt.browser.get(`/api/v1/auth/esia/result?state=${attempt.state}`);
    expect(result.json<{ message: string }>().message).toMatch(/Не удалось связаться с Госуслугами/);
  });

  it('ESIA unreachable after the token (person data): still no session', async () => {
    t.tamper = async (url, response) => {
      if (url.includes('/rs/prns/')) throw new TypeError('fetch failed: socket hang up');
      return response;
    };
    await expectRefused(t, await staffAttempt(t), 'esia_unavailable', before);
  });

  it('a replayed callback (the same code and state again)', async () => {
    const attempt = await staffAttempt(t);
    expect(attempt.browser.cookies.has('uslugi_session')).toBe(true);
    const again = await attempt.browser.get(attempt.callbackUrl);
    expect(locationOf(again)).toMatch(/^\/sign-in\?esia=result/);
    expect(again.cookies.map((c) => c.name)).not.toContain('uslugi_session');
    expect(await countSessions(t)).toBe(before + 1);
  });

  it('a callback without a state, or with a state that was never issued', async () => {
    const attempt = await staffAttempt(t);
    const url = new URL(attempt.callbackUrl);
    const fresh = new InjectBrowser(t.app);
    fresh.cookies.set('uslugi_esia', attempt.browser.cookies.get('uslugi_esia') ?? '');
    url.searchParams.delete('state');
    expect(locationOf(await fresh.get(url.pathname + url.search))).toBe('/sign-in?esia=result');
    url.searchParams.set('state', crypto.randomUUID());
    expect(locationOf(await fresh.get(url.pathname + url.search))).toMatch(/^\/sign-in\?esia=result&state=/);
    expect(fresh.cookies.has('uslugi_session')).toBe(false);
  });

  it('a state started in another browser (login CSRF): the victim’s browser gets no session', async () => {
    const attacker = new InjectBrowser(t.app);
    const toEsia = locationOf(await attacker.get('/api/v1/auth/esia'));
    const page = await attacker.get(locationOf(await attacker.get(toEsia)));
    const back = locationOf(
      await attacker.request({
        method: 'POST',
        url: '/esia-emulator/login',
        form: personForm(page.body, 'Закиров '),
      }),
    );
    const victim = new InjectBrowser(t.app);
    const landed = await victim.get(back);
    expect(locationOf(landed)).toMatch(/^\/sign-in\?esia=result/);
    expect(victim.cookies.has('uslugi_session')).toBe(false);
    expect(await countSessions(t)).toBe(before);
    const result = await victim.get(
      `/api/v1/auth/esia/result?state=${new URL(back).searchParams.get('state')}`,
    );
    expect(result.json()).toMatchObject({ outcome: 'failed', code: 'esia_sign_in_invalid' });
  });

  it('the person refuses on ESIA’s page', async () => {
    const browser = new InjectBrowser(t.app);
    const toEsia = locationOf(await browser.get('/api/v1/auth/esia'));
    const state = new URL(toEsia).searchParams.get('state') ?? '';
    const page = await browser.get(locationOf(await browser.get(toEsia)));
    const request = /name="request" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const back = locationOf(
      await browser.request({ method: 'POST', url: '/esia-emulator/login', form: { request, cancel: '1' } }),
    );
    expect(new URL(back).searchParams.get('error')).toBe('access_denied');
    await expectRefused(
      t,
      { browser, callback: await browser.get(back), callbackUrl: back, state },
      'esia_cancelled',
      before,
    );
  });
});
