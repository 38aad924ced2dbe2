import { systemClock } from '../clock.js';
import { demoSystemKey, readDerFile, readPrivateKeyFile } from '../crypto/system-keys.js';
import { selectProvider } from '../crypto/provider.js';
import type { App, AppDeps } from '../http/fastify-types.js';
import { EsiaClient } from './client.js';
import { injectFetch } from './inject-fetch.js';
import type { EsiaSettings } from './settings.js';

/** The one redirect URI of the system: staff and applicants come back here (the state tells which). */
export const ESIA_CALLBACK_PATH = '/api/v1/auth/esia/callback';

/** The demo system's mnemonic when ESIA_CLIENT_ID is not set. */
export const DEMO_CLIENT_ID = 'USLUGI_DEMO';

export interface EsiaRuntime {
  /** null: ESIA is not configured (production without ESIA_URL); sign-in answers so. */
  client: EsiaClient | null;
  settings: EsiaSettings;
  /** ESIA_REDIRECT_URL, else PUBLIC_URL + the callback path: never the request's Host. */
  redirectUri: string;
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === new URL(origin).origin;
  } catch {
    return false;
  }
}

/**
 * An ESIA inside this server: the bundled emulator, which app.ts mounts (demo mode, tests,
 * ESIA_EMULATOR=1). What the adapter needs of it: its token signer and where it is mounted.
 */
export interface BundledEsia {
  issuer: string;
  /** DER of the certificate verifying its tokens. */
  certificate: Uint8Array;
  /** The path prefix it is mounted under in this server. */
  prefix: string;
  /** Registers a client system's certificate, as the technology portal does. */
  registerClient(input: {
    clientId: string;
    certificate: Uint8Array;
    allowsRedirect: (uri: string) => boolean;
    allowsLogoutRedirect: (url: string) => boolean;
  }): void;
}

/**
 * Builds the ESIA adapter, either for the ESIA that ESIA_URL names (keys and certificates from files)
 * or for the bundled ESIA that app.ts mounted (demo).
 */
export async function installEsia(
  app: App,
  deps: AppDeps,
  bundled: BundledEsia | null = null,
): Promise<EsiaRuntime> {
  const settings = deps.config.esia;
  const clock = deps.clock ?? systemClock;
  // The installation's provider when the PKI is wired already (one per process), else the same choice.
  const provider = deps.pki?.provider ?? selectProvider();
  const emulator = bundled;
  const publicUrl = deps.config.publicUrl;
  const redirectUri = settings.redirectUrl ?? `${publicUrl}${ESIA_CALLBACK_PATH}`;
  const fetch = deps.esiaFetch ?? (settings.url ? globalThis.fetch : injectFetch(app));

  if (settings.url) {
    const missing = (['clientId', 'clientCertPath', 'clientKeyPath', 'certPath'] as const).filter(
      (k) => !settings[k],
    );
    if (missing.length > 0) {
      throw new Error(
        'Для входа через ЕСИА (задан ESIA_URL) нужны ESIA_CLIENT_ID, ESIA_CLIENT_CERT, ESIA_CLIENT_KEY и ESIA_CERT',
      );
    }
    const client = new EsiaClient({
      provider,
      clientId: settings.clientId ?? '',
      clientKey: readPrivateKeyFile(settings.clientKeyPath ?? ''),
      clientCertificate: readDerFile(settings.clientCertPath ?? '', 'CERTIFICATE'),
      esiaCertificate: readDerFile(settings.certPath ?? '', 'CERTIFICATE'),
      issuer: settings.issuer ?? `http://${new URL(settings.url).host}/`,
      browserBaseUrl: settings.url,
      apiBaseUrl: settings.url,
      fetch,
      clock,
    });
    return { client, settings, redirectUri };
  }
  if (!emulator || !deps.config.demo) return { client: null, settings, redirectUri };

  // Demo mode without ESIA_URL: registered with the emulator as the technology portal would.
  const keys = await demoSystemKey(
    provider,
    'Система управления муниципальными услугами (демонстрационный стенд)',
  );
  const clientId = settings.clientId ?? DEMO_CLIENT_ID;
  emulator.registerClient({
    clientId,
    certificate: keys.certificate,
    // As ESIA registers a system's redirect URIs and domains (docs/protocols/esia.md §4.2): exactly our callback, and
    // logout returns only to our own origin (no open redirect through the emulator).
    allowsRedirect: (uri) => uri === redirectUri,
    allowsLogoutRedirect: (url) => sameOrigin(url, publicUrl),
  });
  const client = new EsiaClient({
    provider,
    clientId,
    clientKey: keys.privateKey,
    clientCertificate: keys.certificate,
    esiaCertificate: emulator.certificate,
    issuer: emulator.issuer,
    browserBaseUrl: `${publicUrl}${emulator.prefix}`,
    apiBaseUrl: `http://esia-emulator.internal${emulator.prefix}`,
    fetch,
    clock,
  });
  return { client, settings, redirectUri };
}
