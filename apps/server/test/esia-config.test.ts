import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { derToPem } from '../src/platform/crypto/keys.js';
import { createTestRootCa, issueCertificate } from '../src/platform/crypto/pki.js';
import { selectProvider } from '../src/platform/crypto/provider.js';
import { injectFetch } from '../src/platform/esia/inject-fetch.js';
import { installEsia } from '../src/platform/esia/install.js';
import type { App } from '../src/platform/http/fastify-types.js';
import { InjectBrowser, locationOf, personForm } from './esia-browser.js';
import { testApp, type TestApp } from './harness.js';

// Switching ESIA_URL needs no code change: system A is configured only by environment variables
// (keys and certificates in files) and talks over HTTP to "another ESIA", here the emulator of a
// separate application B, reached at https://esia-portal1.test.gosuslugi.ru.

const ESIA_HOST = 'https://esia-portal1.test.gosuslugi.ru';

describe('ESIA configured by environment', () => {
  let esia: TestApp;
  let system: TestApp;
  let dir: string;

  beforeAll(async () => {
    esia = await testApp();
    const emulator = esia.esia.emulator;
    if (!emulator) throw new Error('no emulator');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uslugi-esia-'));
    const provider = selectProvider();
    const ca = await createTestRootCa({ provider, subject: { commonName: 'УЦ', country: 'RU' } });
    const keys = await provider.generateKeyPair();
    const cert = await issueCertificate({
      provider,
      ca,
      subject: { commonName: 'Система', country: 'RU' },
      publicKeySpki: keys.publicKeySpki,
    });
    fs.writeFileSync(path.join(dir, 'client.key'), keys.privateKeyPem);
    fs.writeFileSync(path.join(dir, 'client.cer'), cert.certificate); // DER, as the tech portal takes it
    fs.writeFileSync(path.join(dir, 'esia.pem'), derToPem('CERTIFICATE', emulator.certificate));
    const callback = 'https://uslugi.example.ru/api/v1/auth/esia/callback';
    emulator.registerClient({
      clientId: 'USLUGI',
      certificate: cert.certificate,
      allowsRedirect: (uri) => uri === callback,
      allowsLogoutRedirect: (url) => url.startsWith('https://uslugi.example.ru/'),
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      ESIA_URL: `${ESIA_HOST}/`,
      ESIA_CLIENT_ID: 'USLUGI',
      ESIA_CLIENT_CERT: path.join(dir, 'client.cer'),
      ESIA_CLIENT_KEY: path.join(dir, 'client.key'),
      ESIA_CERT: path.join(dir, 'esia.pem'),
      ESIA_ISSUER: emulator.issuer,
      ESIA_REDIRECT_URL: callback,
      ESIA_EMULATOR: '0',
    });
    // "The network": anything for ESIA's host goes to B under its emulator's prefix.
    const toEsia = injectFetch(esia.app);
    system = await testApp({ esia: config.esia }, undefined, {
      esiaFetch: (url, init) => {
        expect(url.startsWith(`${ESIA_HOST}/`)).toBe(true);
        return toEsia(url.replace(ESIA_HOST, 'http://b/esia-emulator'), init);
      },
    });
  });
  afterAll(async () => {
    await system.close();
    await esia.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('signs a staff member in against the ESIA that ESIA_URL names', async () => {
    expect(system.esia.emulator).toBeNull();
    const browser = new InjectBrowser(system.app);
    const toEsia = locationOf(await browser.get('/api/v1/auth/esia'));
    expect(toEsia.startsWith(`${ESIA_HOST}/aas/oauth2/v2/ac?`)).toBe(true);
    expect(new URL(toEsia).searchParams.get('client_id')).toBe('USLUGI');
    // The person's browser on ESIA's side (application B).
    const onEsia = new InjectBrowser(esia.app);
    const page = await onEsia.get(locationOf(await onEsia.get(toEsia.replace(ESIA_HOST, '/esia-emulator'))));
    const back = locationOf(
      await onEsia.request({
        method: 'POST',
        url: '/esia-emulator/login',
        form: personForm(page.body, 'Хасанова '),
      }),
    );
    expect(back.startsWith('https://uslugi.example.ru/api/v1/auth/esia/callback?code=')).toBe(true);
    const landed = await browser.get(back);
    expect(locationOf(landed)).toBe('/admin');
    expect((await browser.get('/api/v1/session')).json()).toMatchObject({
      user: { fullName: 'Хасанова Гульнара Ринатовна' },
    });
    const csrf = (await browser.get('/api/v1/session')).json<{ csrfToken: string }>().csrfToken;
    const out = await browser.request({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { 'x-csrf-token': csrf },
    });
    expect(
      out.json<{ logoutUrl: string }>().logoutUrl.startsWith(`${ESIA_HOST}/idp/ext/Logout?client_id=USLUGI`),
    ).toBe(true);
  });

  it('refuses to start with ESIA_URL but without the keys', async () => {
    const config = loadConfig({ ESIA_URL: ESIA_HOST, ESIA_EMULATOR: '0' });
    expect(config.esia.url).toBe(ESIA_HOST);
    await expect(installEsia({} as App, { config, database: system.database })).rejects.toThrow(
      /ESIA_CLIENT_ID/,
    );
  });
});
