import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectProvider } from '../src/platform/crypto/provider.js';
import { CODE_TTL_MS } from '../src/emulators/esia/emulator.js';
import { EsiaError } from '../src/platform/esia/errors.js';
import { injectFetch } from '../src/platform/esia/inject-fetch.js';
import { signGostJwt } from '../src/platform/esia/jwt.js';
import { authorizeSignedString, base64url, newState } from '../src/platform/esia/protocol.js';
import { InjectBrowser, locationOf } from './esia-browser.js';
import { REDIRECT, SCOPE, codeFor, esiaTestApp, handClient, type EsiaTestApp } from './esia-helpers.js';

// The emulator as a protocol server: a client system of the test's own speaks v2/ac, v3/te and the
// REST API by hand, and every forged or broken request is refused with ESIA's error code.

type Hand = Awaited<ReturnType<typeof handClient>>;

async function authorizeUrl(hand: Hand, state = newState()) {
  return hand.client.authorizationUrl({
    scope: SCOPE,
    scopeOrg: '',
    state,
    redirectUri: REDIRECT,
  });
}

function withParams(url: string, change: Record<string, string | null>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(change)) {
    if (v === null) u.searchParams.delete(k);
    else u.searchParams.set(k, v);
  }
  return u.toString();
}

/** v2/ac refused: ESIA's error comes back to the registered redirect_uri with the state. */
async function expectAuthorizeError(t: EsiaTestApp, url: string, code: string) {
  const response = await new InjectBrowser(t.app).get(url);
  const back = new URL(locationOf(response));
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  expect(back.searchParams.get('error_description')).toMatch(new RegExp(`^${code}:`));
  expect(back.searchParams.get('code')).toBeNull();
  return back;
}

async function expectTokenRefused(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EsiaError);
  expect((error as EsiaError).esiaCode).toBe(code);
}

describe('ESIA emulator refuses forged and broken requests', () => {
  let t: EsiaTestApp;
  let hand: Hand;

  beforeAll(async () => {
    t = await esiaTestApp();
    hand = await handClient(t);
  });
  afterAll(() => t.close());

  it('accepts a correctly signed request and shows the Russian sign-in page', async () => {
    const browser = new InjectBrowser(t.app);
    const page = await browser.get(locationOf(await browser.get(await authorizeUrl(hand))));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Выберите демонстрационную учётную запись');
    expect(page.body).toContain('Хасанова Гульнара Ринатовна');
    expect(page.body).toMatch(/СНИЛС<\/dt><dd>\d{3}-\d{3}-\d{3} \d{2}/);
  });

  it('v2/ac without client_secret: ESIA-007014', async () => {
    await expectAuthorizeError(
      t,
      withParams(await authorizeUrl(hand), { client_secret: null }),
      'ESIA-007014',
    );
  });

  it('v2/ac whose signature does not cover the parameters sent (scope changed): ESIA-007053', async () => {
    const url = withParams(await authorizeUrl(hand), { scope: `${SCOPE} contacts` });
    await expectAuthorizeError(t, url, 'ESIA-007053');
  });

  it('v2/ac with a client_certificate_hash of no registered certificate: ESIA-007053', async () => {
    const url = withParams(await authorizeUrl(hand), { client_certificate_hash: 'AB'.repeat(32) });
    await expectAuthorizeError(t, url, 'ESIA-007053');
  });

  it('v2/ac signed by a key that is not the registered certificate’s: ESIA-007053', async () => {
    const url = await authorizeUrl(hand);
    const params = new URL(url).searchParams;
    const provider = selectProvider();
    const stranger = await provider.generateKeyPair();
    const signed = authorizeSignedString({
      clientId: hand.clientId,
      scope: SCOPE,
      scopeOrg: '',
      timestamp: params.get('timestamp') ?? '',
      state: params.get('state') ?? '',
      redirectUri: REDIRECT,
    });
    const secret = base64url(await provider.sign(stranger.privateKeyPem, Buffer.from(signed)));
    await expectAuthorizeError(t, withParams(url, { client_secret: secret }), 'ESIA-007053');
  });

  it('v2/ac with a timestamp ten minutes off: ESIA-007015', async () => {
    const late = await handClient(t, { clientId: 'TEST_LATE', shiftMs: -10 * 60_000 });
    await expectAuthorizeError(t, await authorizeUrl(late), 'ESIA-007015');
  });

  it('v2/ac with a state that is not a UUID: ESIA-007003', async () => {
    await expectAuthorizeError(t, await authorizeUrl(hand, 'not-a-uuid'), 'ESIA-007003');
  });

  it('v2/ac to an unregistered redirect_uri: refused on ESIA’s page, never redirected there', async () => {
    const url = await hand.client.authorizationUrl({
      scope: SCOPE,
      scopeOrg: '',
      state: newState(),
      redirectUri: 'https://attacker.example/steal',
    });
    const response = await new InjectBrowser(t.app).get(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain('ESIA-007023');
  });

  it('v2/ac of an unknown client system: ESIA-007005', async () => {
    const stranger = await handClient(t, { clientId: 'NOBODY', register: false });
    const response = await new InjectBrowser(t.app).get(await authorizeUrl(stranger));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('ESIA-007005');
  });

  it('v3/te: a code exchanges once; the second exchange is ESIA-007011', async () => {
    const code = await codeFor(t, await authorizeUrl(hand));
    const access = await hand.client.exchangeCode(code, {
      scope: SCOPE,
      scopeOrg: '',
      redirectUri: REDIRECT,
    });
    expect(access.oid).toMatch(/^\d+$/);
    await expectTokenRefused(
      hand.client.exchangeCode(code, { scope: SCOPE, scopeOrg: '', redirectUri: REDIRECT }),
      'ESIA-007011',
    );
  });

  it('v3/te with another redirect_uri than the code was issued for: ESIA-007011', async () => {
    const code = await codeFor(t, await authorizeUrl(hand));
    await expectTokenRefused(
      hand.client.exchangeCode(code, { scope: SCOPE, scopeOrg: '', redirectUri: `${REDIRECT}?x=1` }),
      'ESIA-007011',
    );
  });

  it('v3/te with an expired code: ESIA-007011', async () => {
    const code = await codeFor(t, await authorizeUrl(hand));
    t.shiftMs = CODE_TTL_MS + 5_000;
    try {
      await expectTokenRefused(
        hand.client.exchangeCode(code, { scope: SCOPE, scopeOrg: '', redirectUri: REDIRECT }),
        'ESIA-007011',
      );
    } finally {
      t.shiftMs = 0;
    }
  });

  it('v3/te with a code issued to another client system: ESIA-007011', async () => {
    const other = await handClient(t, { clientId: 'TEST_OTHER' });
    const code = await codeFor(t, await authorizeUrl(hand));
    await expectTokenRefused(
      other.client.exchangeCode(code, { scope: SCOPE, scopeOrg: '', redirectUri: REDIRECT }),
      'ESIA-007011',
    );
  });

  it('v3/te without client_certificate_hash: ESIA-007014; with the code swapped after signing: ESIA-007053', async () => {
    const rewrite = (change: (body: URLSearchParams) => void) =>
      handClient(t, {
        clientId: 'TEST_REWRITE',
        fetch: (url, init) => {
          const body = new URLSearchParams(typeof init?.body === 'string' ? init.body : '');
          change(body);
          return injectFetch(t.app)(url, { ...init, body: body.toString() });
        },
      });
    const noHash = await rewrite((body) => body.delete('client_certificate_hash'));
    const code1 = await codeFor(t, await authorizeUrl(noHash));
    await expectTokenRefused(
      noHash.client.exchangeCode(code1, { scope: SCOPE, scopeOrg: '', redirectUri: REDIRECT }),
      'ESIA-007014',
    );
    const real = await codeFor(t, await authorizeUrl(hand));
    const swapped = await rewrite((body) => body.set('code', real));
    await expectTokenRefused(
      swapped.client.exchangeCode('some-other-code', { scope: SCOPE, scopeOrg: '', redirectUri: REDIRECT }),
      'ESIA-007053',
    );
  });

  describe('person data', () => {
    let token: string;
    let oid: string;
    beforeAll(async () => {
      const code = await codeFor(t, await authorizeUrl(hand));
      const access = await hand.client.exchangeCode(code, {
        scope: SCOPE,
        scopeOrg: '',
        redirectUri: REDIRECT,
      });
      token = access.token;
      oid = access.oid;
    });
    const get = (url: string, bearer: string) =>
      t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } });

    it('only of the token’s own subject (another oid: 403)', async () => {
      expect((await get(`/esia-emulator/rs/prns/${oid}`, token)).json()).toMatchObject({
        lastName: 'Морозов',
      });
      const other = await get('/esia-emulator/rs/prns/1000100001', token);
      expect(other.statusCode).toBe(403);
      expect(other.json()).toMatchObject({ code: 'ESIA-007019' });
    });

    it('only what the scopes grant (no contacts scope: 403); documents with embed', async () => {
      expect((await get(`/esia-emulator/rs/prns/${oid}/ctts?embed=(elements)`, token)).statusCode).toBe(403);
      const docs = await get(`/esia-emulator/rs/prns/${oid}/docs?embed=(elements)`, token);
      expect(docs.json()).toMatchObject({ elements: [{ type: 'RF_PASSPORT' }] });
      const links = (await get(`/esia-emulator/rs/prns/${oid}/docs`, token)).json<{ elements: string[] }>();
      expect(links.elements[0]).toMatch(/\/rs\/prns\/\d+\/docs\/\d+$/);
    });

    it('a token with its subject changed (signature kept): 401', async () => {
      const [h, p, s] = token.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
      claims['urn:esia:sbj_id'] = 1000100001;
      const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
      expect((await get('/esia-emulator/rs/prns/1000100001', forged)).statusCode).toBe(401);
    });

    it('an expired token: 401 ESIA-005013', async () => {
      const iat = Math.floor(Date.now() / 1000) - 7200;
      const expired = await signGostJwt(
        t.emulator.provider,
        t.emulator.signingKey,
        { sbt: 'access' },
        {
          iss: t.emulator.issuer,
          'urn:esia:sbj_id': Number(oid),
          scope: `fullname?oid=${oid}`,
          iat,
          nbf: iat,
          exp: iat + 3600,
        },
      );
      const res = await get(`/esia-emulator/rs/prns/${oid}`, expired);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'ESIA-005013' });
    });
  });
});
