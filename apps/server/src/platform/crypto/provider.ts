import { existsSync } from 'node:fs';
import { AppError } from '../errors.js';
import type { GostSignatureAlgorithm } from './algorithms.js';
import type { GostParamSet } from './keys.js';
import { createNativeProvider } from './native-provider.js';
import { createPureJsProvider } from './pure-js-provider.js';

export type { GostSignatureAlgorithm } from './algorithms.js';
export type { GostParamSet } from './keys.js';

export type StreebogAlgorithm = 'streebog256' | 'streebog512';

/**
 * A private key: PKCS#8 (PEM or DER) for the software providers; `{ keyId }` names a key that never
 * leaves a token or an HSM, for a certified provider plugged in later.
 */
export type PrivateKeyInput = string | Uint8Array | { keyId: string };

/** A public key: PEM (PUBLIC KEY or CERTIFICATE), or DER marked as what it is. */
export type PublicKeyInput = string | { spki: Uint8Array } | { certificate: Uint8Array };

export interface GostKeyPair {
  /**
   * The private key as this provider takes it back in `sign`: opaque to everything else. The PKI
   * keeps it (serializePrivateKey, in an encrypted envelope) and hands it back; a software provider
   * gives PKCS#8 PEM, a token or HSM provider `{ keyId }`.
   */
  privateKey: PrivateKeyInput;
  /**
   * The same key as PKCS#8 PEM, readable by `openssl pkey -engine gost`: software providers only,
   * for the tests' OpenSSL interoperability and files an operator exports. Product code signs with
   * `privateKey` alone; a token or HSM provider sets this to ''.
   */
  privateKeyPem: string;
  /** SubjectPublicKeyInfo DER, to put into a certificate. */
  publicKeySpki: Uint8Array;
  publicKeyPem: string;
  paramSet: GostParamSet;
  /** 256-bit keys sign over Streebog-256, 512-bit ones over Streebog-512. */
  algorithm: GostSignatureAlgorithm;
}

/**
 * The one seam between the product and GOST cryptography. Everything else (CMS, the test CA, later
 * the XML signatures of SMEV) takes a provider and never calls a library itself, so a certified
 * provider (CryptoPro CSP, an HSM, a cloud signature service) is one more implementation of this
 * interface, registered with {@link registerProvider}.
 */
export interface GostProvider {
  readonly name: 'native' | 'pure-js' | (string & {});
  /**
   * The signing tool as a certificate's subjectSignTool extension names it (FSB order No. 795), e.g.
   * «КриптоПро CSP»; defaults to the provider's name.
   */
  readonly signTool?: string;
  digest(alg: StreebogAlgorithm, data: Uint8Array): Uint8Array;
  /** A key pair; parameter set A (256-bit keys) by default, '512-A' / '512-B' for 512-bit keys. */
  generateKeyPair(paramSet?: GostParamSet): Promise<GostKeyPair>;
  /**
   * Signs Streebog(data) of the key's size (Streebog-256 for a 256-bit key, Streebog-512 for a
   * 512-bit one), as OpenSSL does. Returns the signature s||r, each big-endian (RFC 9215 section
   * 2.2.2; 64 or 128 octets): the form of CMS SignerInfo.signature and of X.509 signatureValue.
   * `alg`, when given, must be the key's own: a mismatch is an error, not another digest.
   */
  sign(privateKey: PrivateKeyInput, data: Uint8Array, alg?: GostSignatureAlgorithm): Promise<Uint8Array>;
  /** Over Streebog(data) of the key's size. False for a wrong signature; throws only for a key it cannot read. */
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
