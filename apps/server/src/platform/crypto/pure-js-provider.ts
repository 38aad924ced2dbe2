import { AppError } from '../errors.js';
import {
  PARAM_SET_OID,
  algorithmOfCurve,
  curveOf,
  decodePkcs8,
  decodeSpki,
  derToPem,
  encodePkcs8,
  encodeSpki,
  pkcs8Der,
  randomScalar,
  spkiDer,
  type GostParamSet,
} from './keys.js';
import type { GostProvider } from './provider.js';
import { publicPoint, signDigest, streebog, verifyDigest } from './pure-js-gost.js';

/**
 * GOST in JavaScript, for machines without Debian's engine. About a hundred times slower than the
 * native provider; keys and signatures are the same bytes, so either verifies the other's work.
 * CryptoPro parameter sets of 256-bit keys (and TC26 B–D, which are the same curves), TC26 sets A and
 * B of 512-bit keys; not the twisted Edwards curves (TC26 256-bit A, 512-bit C).
 */
export function createPureJsProvider(): GostProvider {
  return {
    name: 'pure-js',
    signTool: '@wavesenterprise/crypto-gost-js (не СКЗИ)',
    digest: streebog,
    async generateKeyPair(paramSet: GostParamSet = 'A') {
      const paramSetOid = PARAM_SET_OID[paramSet];
      const curve = curveOf(paramSetOid);
      const d = randomScalar(curve);
      const spki = encodeSpki({ paramSetOid, point: publicPoint(curve, d) });
      const privateKeyPem = derToPem('PRIVATE KEY', encodePkcs8({ paramSetOid, d }));
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
      const key = decodePkcs8(pkcs8Der(privateKey));
      const curve = curveOf(key.paramSetOid);
      const algorithm = algorithmOfCurve(curve);
      if (alg && alg !== algorithm.name) {
        throw new AppError('internal', `a ${algorithm.name} key cannot sign as ${String(alg)}`);
      }
      return signDigest(curve, key.d, streebog(algorithm.digest, data));
    },
    async verify(publicKey, data, signature) {
      const key = decodeSpki(spkiDer(publicKey));
      const curve = curveOf(key.paramSetOid);
      return verifyDigest(curve, key.point, streebog(algorithmOfCurve(curve).digest, data), signature);
    },
  };
}
