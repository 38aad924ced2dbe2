import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createNativeProvider } from '../../../src/platform/crypto/native-provider.js';
import { DEFAULT_ENGINE_PATH, type GostProvider } from '../../../src/platform/crypto/provider.js';

/**
 * For the crypto tests: the native provider and the OpenSSL CLI when present. In CI (`CI` set) their
 * absence is an error that names the missing package; elsewhere the tests that need them are skipped
 * with the reason in their title.
 */

export interface Availability<T> {
  value?: T;
  missing?: string;
}

function required<T>(availability: Availability<T>): Availability<T> {
  if (availability.missing && process.env.CI) {
    throw new Error(
      `GOST tests in CI need ${availability.missing}: install libengine-gost-openssl and openssl`,
    );
  }
  return availability;
}

export function nativeProvider(): Availability<GostProvider> {
  if (!existsSync(DEFAULT_ENGINE_PATH))
    return required({ missing: `the GOST engine (${DEFAULT_ENGINE_PATH})` });
  try {
    return { value: createNativeProvider(DEFAULT_ENGINE_PATH) };
  } catch (error) {
    return required({ missing: `a loadable GOST engine (${String(error)})` });
  }
}

export function opensslCli(): Availability<string> {
  try {
    execFileSync('openssl', ['engine', 'gost'], { stdio: 'pipe' });
    return { value: 'openssl' };
  } catch {
    return required({ missing: 'the openssl CLI with the gost engine' });
  }
}

export function skipNote(availability: Availability<unknown>): string {
  return availability.missing ? ` (skipped: no ${availability.missing})` : '';
}

/** Runs the openssl CLI; the output is stdout and stderr together. */
export function openssl(args: string[]): { ok: boolean; output: string } {
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

/**
 * The independent check of docs/protocols/signatures.md §2, exactly: -cades makes OpenSSL require
 * signingCertificateV2; -binary keeps the bytes as they are.
 */
export function opensslCmsVerify(options: {
  sig: string;
  content: string;
  ca: string;
  inform?: 'DER' | 'PEM';
}) {
  return openssl([
    'cms',
    '-verify',
    '-engine',
    'gost',
    '-cades',
    '-binary',
    '-inform',
    options.inform ?? 'DER',
    '-in',
    options.sig,
    '-content',
    options.content,
    '-CAfile',
    options.ca,
    '-out',
    '/dev/null',
  ]);
}

/** A detached CAdES-BES made by OpenSSL, DER: the signatures "made elsewhere" that we must verify. */
export function opensslCmsSign(options: {
  content: string;
  cert: string;
  key: string;
  out: string;
  md?: 'md_gost12_256' | 'md_gost12_512';
}) {
  return openssl([
    'cms',
    '-sign',
    '-engine',
    'gost',
    '-binary',
    '-cades',
    '-nosmimecap',
    '-md',
    options.md ?? 'md_gost12_256',
    '-in',
    options.content,
    '-signer',
    options.cert,
    '-inkey',
    options.key,
    '-outform',
    'DER',
    '-out',
    options.out,
  ]);
}
