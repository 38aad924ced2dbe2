import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Config } from '../src/config.js';
import type { EsiaEmulator } from '../src/emulators/esia/emulator.js';
import { createTestRootCa, issueCertificate } from '../src/platform/crypto/pki.js';
import { selectProvider, type PrivateKeyInput } from '../src/platform/crypto/provider.js';
import { EsiaClient, type FetchLike } from '../src/platform/esia/client.js';
import { injectFetch } from '../src/platform/esia/inject-fetch.js';
import { decodeJwt, signGostJwt, type JsonObject } from '../src/platform/esia/jwt.js';
import type { App } from '../src/platform/http/fastify-types.js';
import { InjectBrowser, locationOf, personForm } from './esia-browser.js';
import { testApp, type TestApp } from './harness.js';

export type Tamper = (url: string, response: Response) => Promise<Response>;

export interface EsiaTestApp extends TestApp {
  emulator: EsiaEmulator;
  /** Rewrites ESIA's answers on their way to the adapter (a forging ESIA or a man in the middle). */
  tamper: Tamper | null;
  /** ESIA does not answer at all. */
  unreachable: boolean;
  /** Moves the server's clock (emulator and adapter alike). */
  shiftMs: number;
}

/** The application with the emulator, its ESIA transport under the test's control. */
export async function esiaTestApp(overrides: Partial<Config> = {}): Promise<EsiaTestApp> {
  const built: { app?: App } = {};
  const control = { tamper: null as Tamper | null, unreachable: false, shiftMs: 0 };
  const esiaFetch: FetchLike = async (url, init) => {
    if (control.unreachable) throw new TypeError('fetch failed: connect ECONNREFUSED 10.0.0.1:443');
    if (!built.app) throw new Error('app not built');
    const response = await injectFetch(built.app)(url, init);
    return control.tamper ? control.tamper(url, response) : response;
  };
  const t = await testApp(
    { signInRateLimit: 10_000, ...overrides },
    () => new Date(Date.now() + control.shiftMs),
    { esiaFetch },
  );
  built.app = t.app;
  const emulator = t.esia.emulator;
  if (!emulator) throw new Error('the emulator is not mounted');
  const extended = Object.assign(t, { emulator }) as EsiaTestApp;
  for (const key of ['tamper', 'unreachable', 'shiftMs'] as const) {
    Object.defineProperty(extended, key, {
      get: () => control[key],
      set: (value: never) => {
        control[key] = value;
      },
    });
  }
  return extended;
}

/** Re-signs (or not) the access token of v3/te answers after `mutate` changed it. */
export function forgeAccessToken(
  t: EsiaTestApp,
  mutate: (header: JsonObject, payload: JsonObject) => void,
  options: { key?: PrivateKeyInput; keepSignature?: boolean; rawToken?: (token: string) => string } = {},
): Tamper {
  return async (url, response) => {
    if (!url.endsWith('/aas/oauth2/v3/te') || !response.ok) return response;
    const body = (await response.json()) as { access_token: string } & JsonObject;
    const jwt = decodeJwt(body.access_token);
    if (!jwt) throw new Error('emulator token not a JWT');
    mutate(jwt.header, jwt.payload);
    let token: string;
    if (options.rawToken) token = options.rawToken(body.access_token);
    else if (options.keepSignature) {
      const [h = '', , s = ''] = body.access_token.split('.');
      token = `${h}.${Buffer.from(JSON.stringify(jwt.payload)).toString('base64url')}.${s}`;
    } else
      token = await signGostJwt(
        t.emulator.provider,
        options.key ?? t.emulator.signingKey,
        jwt.header,
        jwt.payload,
      );
    return Response.json({ ...body, access_token: token });
  };
}

export interface Attempt {
  browser: InjectBrowser;
  callback: LightMyRequestResponse;
  /** The redirect URI with ESIA's code and state, as the browser was sent to it. */
  callbackUrl: string;
  state: string;
}

/** A staff sign-in up to the response of the redirect URI. */
export async function staffAttempt(
  t: TestApp,
  name = 'Хасанова ',
  browser = new InjectBrowser(t.app),
): Promise<Attempt> {
  const toEsia = locationOf(await browser.get('/api/v1/auth/esia'));
  const state = new URL(toEsia).searchParams.get('state') ?? '';
  const page = await browser.get(locationOf(await browser.get(toEsia)));
  const back = locationOf(
    await browser.request({ method: 'POST', url: '/esia-emulator/login', form: personForm(page.body, name) }),
  );
  return { browser, callback: await browser.get(back), callbackUrl: back, state };
}

export async function countSessions(t: TestApp): Promise<number> {
  const rows = await t.database.system.selectFrom('sessions').select('tokenHash').execute();
  const portal = await t.database.system.selectFrom('applicantSessions').select('id').execute();
  return rows.length + portal.length;
}

/** The sign-in ended without a session and the result page tells why, in Russian. */
export async function expectRefused(t: TestApp, attempt: Attempt, code: string, sessionsBefore: number) {
  const location = locationOf(attempt.callback);
  expect(location).toMatch(/^\/(sign-in)?\?esia=result/);
  expect(attempt.callback.cookies.map((c) => c.name)).not.toContain('uslugi_session');
  expect(attempt.browser.cookies.has('uslugi_session')).toBe(false);
  expect(await countSessions(t)).toBe(sessionsBefore);
  const result = await attempt.browser.get(`/api/v1/auth/esia/result?state=${attempt.state}`);
  const body = result.json<{ outcome: string; code: string; message: string }>();
  expect(body).toMatchObject({ outcome: 'failed', code });
  expect(body.message).toMatch(/[а-яА-Я]/);
}

/** A client system of the test's own, registered with the emulator, to speak the protocol by hand. */
export async function handClient(
  t: EsiaTestApp,
  options: { clientId?: string; register?: boolean; fetch?: FetchLike; shiftMs?: number } = {},
) {
  const provider = selectProvider();
  const ca = await createTestRootCa({ provider, subject: { commonName: 'Тестовый УЦ', country: 'RU' } });
  const keys = await provider.generateKeyPair();
  const issued = await issueCertificate({
    provider,
    ca,
    subject: { commonName: 'Тестовая система', country: 'RU' },
    publicKeySpki: keys.publicKeySpki,
  });
  const clientId = options.clientId ?? 'TEST_CLIENT';
  if (options.register !== false) {
    t.emulator.registerClient({
      clientId,
      certificate: issued.certificate,
      allowsRedirect: (uri) => uri === REDIRECT,
      allowsLogoutRedirect: (url) => url.startsWith('https://client.example/'),
    });
  }
  const base = 'http://localhost/esia-emulator';
  const client = new EsiaClient({
    provider,
    clientId,
    clientKey: keys.privateKeyPem,
    clientCertificate: issued.certificate,
    esiaCertificate: t.emulator.certificate,
    issuer: t.emulator.issuer,
    browserBaseUrl: base,
    apiBaseUrl: base,
    fetch: options.fetch ?? injectFetch(t.app),
    clock: () => new Date(Date.now() + t.shiftMs + (options.shiftMs ?? 0)),
  });
  return { client, key: keys.privateKeyPem, certificate: issued.certificate, clientId };
}

export const REDIRECT = 'https://client.example/cb';
export const SCOPE = 'openid fullname snils id_doc';

/** Through the emulator's page as `name` with the hand client: the code ESIA sends back. */
export async function codeFor(t: TestApp, authorizationUrl: string, name = 'Морозов '): Promise<string> {
  const browser = new InjectBrowser(t.app);
  const page = await browser.get(locationOf(await browser.get(authorizationUrl)));
  const back = locationOf(
    await browser.request({ method: 'POST', url: '/esia-emulator/login', form: personForm(page.body, name) }),
  );
  const code = new URL(back).searchParams.get('code');
  if (!code) throw new Error(`no code in ${back}`);
  return code;
}
