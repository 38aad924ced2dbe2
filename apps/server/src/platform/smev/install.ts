import fs from 'node:fs';
import { pemToDer } from '../crypto/keys.js';
import { demoSystemKey, readDerFile, readPrivateKeyFile } from '../crypto/system-keys.js';
import type { GostProvider } from '../crypto/provider.js';
import { SmevClient } from './client.js';
import type { SmevSettings } from './settings.js';
import type { SmevFetch, XmlSigner } from './types.js';

/**
 * The bundled SMEV emulator as the adapter sees it (app.ts mounts it; demo mode, tests): where it is,
 * how to reach it without a network, and how to register our certificate as the technology portal does.
 */
export interface BundledSmev {
  prefix: string;
  /** The certificate the emulator's SMEV signs answers with: the one SMEVSignature trusted. */
  smevCertificate: Uint8Array;
  fetch: SmevFetch;
  registerClient(input: { mnemonic: string; certificate: Uint8Array }): void;
}

/** The SMEV adapter of the process: null client when SMEV is not configured (requests then wait, told so). */
export interface SmevRuntime {
  client: SmevClient | null;
  settings: SmevSettings;
  /** Why there is no client, in Russian (shown on a request that cannot be sent). */
  unavailable: string | null;
  /**
   * SMEV's signing certificates (DER): an answer's SMEVSignature must be made with one of them, else a
   * valid signature by anyone else would pass. Empty: not configured (any valid signature passes).
   */
  smevCertificates: Uint8Array[];
  /** Asks the answers' poller to look soon (after a send: an answer may come within seconds). */
  pollSoon(): void;
  /** The poller's hook for `pollSoon` (set by the smev module's job). */
  onPollSoon(listener: () => void): void;
}

/** Every certificate of a PEM file (a bundle), or the one DER certificate it holds. */
function readCertificates(path: string): Uint8Array[] {
  const bytes = fs.readFileSync(path);
  const text = bytes.toString('latin1');
  if (!text.includes('-----BEGIN')) return [new Uint8Array(bytes)];
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => pemToDer(block, 'CERTIFICATE').der);
}

export async function installSmev(options: {
  settings: SmevSettings;
  provider: GostProvider;
  bundled: BundledSmev | null;
  now?: () => Date;
  /** Tests: a transport in front of the emulator (a dropped connection, a counter). */
  fetch?: SmevFetch;
}): Promise<SmevRuntime> {
  const { settings, provider, bundled } = options;
  const listeners: (() => void)[] = [];
  const runtime = (
    client: SmevClient | null,
    unavailable: string | null,
    smevCertificates: Uint8Array[] = [],
  ): SmevRuntime => ({
    client,
    settings,
    unavailable,
    smevCertificates,
    pollSoon: () => listeners.forEach((l) => l()),
    onPollSoon: (listener) => listeners.push(listener),
  });
  const common = {
    version: settings.version,
    provider,
    ...(settings.nodeId ? { nodeId: settings.nodeId } : {}),
    ...(options.now ? { now: options.now } : {}),
  };

  if (settings.url) {
    if (!settings.certPath || !settings.keyPath) {
      throw new Error('Для обмена через СМЭВ (задан SMEV_URL) нужны SMEV_CERT и SMEV_KEY');
    }
    const signer: XmlSigner = {
      provider,
      privateKey: readPrivateKeyFile(settings.keyPath),
      certificate: readDerFile(settings.certPath, 'CERTIFICATE'),
    };
    const fetch = options.fetch ?? (globalThis.fetch as unknown as SmevFetch);
    const trusted = settings.trustedCertPath ? readCertificates(settings.trustedCertPath) : [];
    return runtime(new SmevClient({ ...common, url: settings.url, signer, fetch }), null, trusted);
  }
  if (!bundled) {
    return runtime(null, 'Обмен через СМЭВ не настроен (не задан SMEV_URL): запрос не отправлен');
  }
  // Demo mode: the system's ЭП-ОВ key made at start, registered with the emulator.
  const demo = await demoSystemKey(
    provider,
    'Система управления муниципальными услугами (ЭП-ОВ, демонстрационный стенд)',
  );
  const signer: XmlSigner = { provider, ...demo };
  bundled.registerClient({ mnemonic: settings.mnemonic, certificate: signer.certificate });
  const fetch = options.fetch ?? bundled.fetch;
  return runtime(
    new SmevClient({ ...common, url: `http://smev-emulator.local${bundled.prefix}/ws`, signer, fetch }),
    null,
    [bundled.smevCertificate],
  );
}
