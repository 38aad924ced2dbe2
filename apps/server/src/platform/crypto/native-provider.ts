import crypto from 'node:crypto';
import { AppError } from '../errors.js';
import type { GostAlgorithm } from './algorithms.js';
import {
  PARAM_SET_OID,
  algorithmOfCurve,
  curveOf,
  algorithmOfSpkiDer,
  decodePkcs8,
  derToPem,
  encodePkcs8,
  pemToDer,
  pkcs8Der,
  randomScalar,
  spkiDer,
  type GostParamSet,
} from './keys.js';
import type { GostProvider, StreebogAlgorithm } from './provider.js';

const DIGEST_NAME: Record<StreebogAlgorithm, string> = {
  streebog256: 'md_gost12_256',
  streebog512: 'md_gost12_512',
};

const loaded = new Set<string>();

/**
 * Loads the OpenSSL GOST engine into Node's own OpenSSL (process-wide, once per path). `setEngine` is
 * deprecated in documentation only (DEP0183) and works on Node 20; OpenSSL 3.0's GOST provider does
 * not sign yet, so the engine is the way in.
 */
export function loadGostEngine(enginePath: string): void {
  if (loaded.has(enginePath)) return;
  crypto.setEngine(enginePath, crypto.constants.ENGINE_METHOD_ALL);
  crypto.createHash(DIGEST_NAME.streebog256); // throws here, not at first use, if the engine is not usable
  loaded.add(enginePath);
}

/**
 * `createHash('md_gost12_…')` first asks OpenSSL 3's providers, which do not know the name, then the
 * engine: the hash works but the failed lookup stays on OpenSSL's thread error queue, and the next key
 * import reads it as its own failure ("unsupported", "decode error"). The failed call empties the
 * queue, so a second attempt tells a stale error from a real one.
 */
export function retryOnStaleError<T>(operation: () => T): T {
  try {
    return operation();
  } catch {
    return operation();
  }
}

/** Parsed private keys by PEM: parsing costs more than signing. Small, so few secrets stay in memory. */
const KEY_CACHE_SIZE = 16;
const keyCache = new Map<string, { key: crypto.KeyObject; algorithm: GostAlgorithm }>();

function privateKeyObject(pem: string): { key: crypto.KeyObject; algorithm: GostAlgorithm } {
  let entry = keyCache.get(pem);
  if (!entry) {
    const { paramSetOid } = decodePkcs8(pemToDer(pem, 'PRIVATE KEY').der);
    entry = {
      key: retryOnStaleError(() => crypto.createPrivateKey(pem)),
      algorithm: algorithmOfCurve(curveOf(paramSetOid)),
    };
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value ?? '');
    keyCache.set(pem, entry);
  }
  return entry;
}

/**
 * GOST through OpenSSL's engine: fast (thousands of signatures a second). Node cannot generate GOST
 * keys, so the secret scalar comes from Node's CSPRNG and is written as PKCS#8; the engine derives
 * the public key on import. No child process, and the key is in OpenSSL's own encoding.
 */
export function createNativeProvider(
  enginePath = '/usr/lib/x86_64-linux-gnu/engines-3/gost.so',
): GostProvider {
  loadGostEngine(enginePath);
  return {
    name: 'native',
    signTool: 'OpenSSL GOST engine, libengine-gost-openssl (не СКЗИ)',
    digest(alg, data) {
      return new Uint8Array(crypto.createHash(DIGEST_NAME[alg]).update(data).digest());
    },
    async generateKeyPair(paramSet: GostParamSet = 'A') {
      const paramSetOid = PARAM_SET_OID[paramSet];
      const curve = curveOf(paramSetOid);
      const pkcs8 = encodePkcs8({ paramSetOid, d: randomScalar(curve) });
      const privateKeyPem = derToPem('PRIVATE KEY', pkcs8);
      const spki = new Uint8Array(
        retryOnStaleError(() => crypto.createPublicKey(privateKeyPem)).export({
          type: 'spki',
          format: 'der',
        }),
      );
      return {
        privateKey: privateKeyPem,
        privateKeyPem,
        publicKeySpki: spki,
        publicKeyPem: derToPem('PUBLIC KEY', spki),
        paramSet,
        algorithm: algorithmOfCurve(curve).name,
      };
    },
    async sign(privateKey, data, alg) {
      // OpenSSL 3 finds the engine's key decoder for PEM only; DER PKCS#8 fails with "unsupported".
      const pem = typeof privateKey === 'string' ? privateKey : derToPem('PRIVATE KEY', pkcs8Der(privateKey));
      const { key, algorithm } = privateKeyObject(pem);
      if (alg && alg !== algorithm.name) {
        throw new AppError('internal', `a ${algorithm.name} key cannot sign as ${String(alg)}`);
      }
      return new Uint8Array(crypto.sign(DIGEST_NAME[algorithm.digest], data, key));
    },
    async verify(publicKey, data, signature) {
      const spki = spkiDer(publicKey);
      const algorithm = algorithmOfSpkiDer(spki);
      const key = retryOnStaleError(() =>
        crypto.createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }),
      );
      if (signature.length !== 2 * algorithm.size) return false;
      return crypto.verify(DIGEST_NAME[algorithm.digest], data, key, signature);
    },
  };
}
