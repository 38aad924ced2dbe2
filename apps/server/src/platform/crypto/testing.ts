import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createNativeProvider } from './native-provider.js';
import { DEFAULT_ENGINE_PATH, type GostProvider } from './provider.js';

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
