import { existsSync } from 'node:fs';
import { AppError } from '../errors.js';
import type { GostParamSet } from './keys.js';
import { createNativeProvider } from './native-provider.js';
import { createPureJsProvider } from './pure-js-provider.js';

export type { GostParamSet } from './keys.js';

export type StreebogAlgorithm = 'streebog256' | 'streebog512';

/** GOST R 34.10-2012 with a 256-bit key over a Streebog-256 digest; the only one the product signs with. */
export type GostSignatureAlgorithm = 'gost2012_256';

/**
 * A private key: PKCS#8 (PEM or DER) for the software providers; `{ keyId }` names a key that never
 * leaves a token or an HSM, for a certified provider plugged in later.
 */
export type PrivateKeyInput = string | Uint8Array | { keyId: string };

/** A public key: PEM (PUBLIC KEY or CERTIFICATE), or DER marked as what it is. */
export type PublicKeyInput = string | { spki: Uint8Array } | { certificate: Uint8Array };

export interface GostKeyPair {
  /** PKCS#8 as OpenSSL's GOST engine writes it, readable by `openssl pkey -engine gost`. */
  privateKeyPem: string;
  /** SubjectPublicKeyInfo DER, to put into a certificate. */
  publicKeySpki: Uint8Array;
  publicKeyPem: string;
  paramSet: GostParamSet;
}

/**
 * The one seam between the product and GOST cryptography. Everything else (CMS, the test CA, later
 * the XML signatures of SMEV) takes a provider and never calls a library itself, so a certified
 * provider (CryptoPro CSP, an HSM, a cloud signature service) is one more implementation of this
 * interface, registered with {@link registerProvider}.
 */
export interface GostProvider {
  readonly name: 'native' | 'pure-js' | (string & {});
  digest(alg: StreebogAlgorithm, data: Uint8Array): Uint8Array;
  generateKeyPair(paramSet?: GostParamSet): Promise<GostKeyPair>;
  /**
   * Signs Streebog-256(data), as OpenSSL does. Returns the 64-octet signature s||r, each big-endian
   * (RFC 9215 section 2.2.2): the form of CMS SignerInfo.signature and of X.509 signatureValue.
   */
  sign(privateKey: PrivateKeyInput, data: Uint8Array, alg?: GostSignatureAlgorithm): Promise<Uint8Array>;
  /** False for a wrong signature; throws only for a key it cannot read. */
  verify(publicKey: PublicKeyInput, data: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

/** Debian's `libengine-gost-openssl`; Node loads it only by full path. */
export const DEFAULT_ENGINE_PATH = '/usr/lib/x86_64-linux-gnu/engines-3/gost.so';

type ProviderFactory = () => GostProvider;

const factories = new Map<string, ProviderFactory>([
  ['native', () => createNativeProvider()],
  ['pure-js', () => createPureJsProvider()],
]);

/** Adds a provider that `GOST_PROVIDER=<name>` can select, e.g. a certified one in a deployment. */
export function registerProvider(name: string, factory: ProviderFactory): void {
  factories.set(name, factory);
}

export interface SelectProviderOptions {
  /** Defaults to `process.env.GOST_PROVIDER`: a registered name forces that provider. */
  forced?: string | undefined;
  enginePath?: string;
}

/**
 * Picks the provider: the one named by `GOST_PROVIDER`, else the native one when Debian's GOST engine
 * is installed, else the pure-JS one. Forcing a provider that cannot start is an error, not a silent
 * fallback: a deployment that asked for the fast or the certified path must not run on another.
 */
export function selectProvider(options: SelectProviderOptions = {}): GostProvider {
  const forced = 'forced' in options ? options.forced : process.env.GOST_PROVIDER;
  if (forced) {
    const factory = factories.get(forced);
    if (!factory) throw new AppError('internal', `GOST_PROVIDER=${forced}: no such provider`);
    return factory();
  }
  const enginePath = options.enginePath ?? DEFAULT_ENGINE_PATH;
  if (existsSync(enginePath)) {
    try {
      return createNativeProvider(enginePath);
    } catch {
      // The engine file is there but OpenSSL refused it (another OpenSSL build): the fallback serves.
    }
  }
  return createPureJsProvider();
}
