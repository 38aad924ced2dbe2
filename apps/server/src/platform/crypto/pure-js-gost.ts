import gost from '@wavesenterprise/crypto-gost-js';
import { AppError } from '../errors.js';
import { referencePublicPoint, referenceVerifyDigest } from './ec-reference.js';
import {
  algorithmOfCurve,
  randomScalar,
  supportedCurve,
  type GostCurve,
  type SupportedCurve,
} from './keys.js';
import type { StreebogAlgorithm } from './provider.js';

/**
 * A typed wrapper over the pure-JS library's primitives. Its own key, certificate and CMS code is not
 * used: its TC26 parameter sets point at wrong curves and its CMS is rejected by OpenSSL. Randomness
 * comes from Node's CSPRNG (passed as `ukm`), never from the library's fallback generator.
 *
 * The library's modular inverse calls an undefined `subtract` for about one point in 1,500 and throws.
 * Signing then retries with a fresh nonce; deriving a public key or verifying, whose inputs are
 * fixed, falls back to the BigInt reference code.
 */

const SIGN_ATTEMPTS = 8;

/**
 * The library's curve names. Its TC26 names of 256-bit curves point at wrong curves and are not used;
 * its 512-bit ones ('T-512-*') are RFC 7836's sets A and B and the appendix A.2 test curve, checked
 * against the standard's example and against OpenSSL (providers.test.ts).
 */
const LIB_CURVE: Record<SupportedCurve, string> = {
  A: 'S-256-A',
  B: 'S-256-B',
  C: 'S-256-C',
  test: 'S-256-TEST',
  'tc26-512-a': 'T-512-A',
  'tc26-512-b': 'T-512-B',
  'tc26-512-test': 'T-512-TEST',
};

const digesters = {
  streebog256: gost.GostEngine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 256 }),
  streebog512: gost.GostEngine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 512 }),
};

/**
 * A fresh instance for every operation: an instance that has been used keeps state that other curves'
 * instances disturb (after a signature on curve B, a cached curve-A instance signs wrongly).
 */
function signer(curve: GostCurve): ReturnType<typeof gost.GostEngine.getGostSign> {
  if (curve === 'tc26-a' || curve === 'tc26-512-c') {
    throw new AppError(
      'internal',
      `the pure-JS GOST provider does not support the twisted Edwards curve ${curve} (TC26 set ${curve === 'tc26-a' ? 'A, 256-bit' : 'C, 512-bit'})`,
    );
  }
  return gost.GostEngine.getGostSign({
    name: 'GOST R 34.10',
    version: 2012,
    namedCurve: LIB_CURVE[supportedCurve(curve)],
    procreator: 'CP',
    length: algorithmOfCurve(curve).size === 64 ? 512 : 256,
  });
}

export function streebog(alg: StreebogAlgorithm, data: Uint8Array): Uint8Array {
  return new Uint8Array(digesters[alg].digest(data));
}

/** Q = dP, as x||y little-endian (32 or 64 octets each). */
export function publicPoint(curve: GostCurve, d: Uint8Array): Uint8Array {
  const instance = signer(curve);
  instance.ukm = d;
  try {
    return new Uint8Array(instance.generateKey().publicKey);
  } catch {
    return referencePublicPoint(curve, d);
  }
}

/**
 * Signs a digest (GOST R 34.10-2012 section 6.1, from step 2): the digest octets read as a
 * little-endian number, as OpenSSL reads them. `k` is for the standard's example only.
 */
export function signDigest(curve: GostCurve, d: Uint8Array, digest: Uint8Array, k?: Uint8Array): Uint8Array {
  for (let attempt = 1; ; attempt++) {
    const instance = signer(curve);
    instance.ukm = k ?? randomScalar(curve);
    try {
      return new Uint8Array(instance.sign(d, digest));
    } catch (error) {
      if (k || attempt >= SIGN_ATTEMPTS) throw error;
    }
  }
}

export function verifyDigest(
  curve: GostCurve,
  point: Uint8Array,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  const size = algorithmOfCurve(curve).size;
  if (signature.length !== 2 * size || point.length !== 2 * size) return false;
  try {
    return signer(curve).verify(point, signature, digest);
  } catch {
    return referenceVerifyDigest(curve, point, digest, signature);
  }
}
