import { AppError } from '../errors.js';
import {
  PARAM_SET_OID,
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
 * CryptoPro parameter sets only (and TC26 B–D, which are the same curves).
 */
export function createPureJsProvider(): GostProvider {
  return {
    name: 'pure-js',
    digest: streebog,
    async generateKeyPair(paramSet: GostParamSet = 'A') {
      const paramSetOid = PARAM_SET_OID[paramSet];
      const curve = curveOf(paramSetOid);
      const d = randomScalar(curve);
      const spki = encodeSpki({ paramSetOid, point: publicPoint(curve, d) });
      return {
        privateKeyPem: derToPem('PRIVATE KEY', encodePkcs8({ paramSetOid, d })),
        publicKeySpki: spki,
        publicKeyPem: derToPem('PUBLIC KEY', spki),
        paramSet,
      };
    },
    async sign(privateKey, data, alg = 'gost2012_256') {
      if (alg !== 'gost2012_256')
        throw new AppError('internal', `unsupported signature algorithm ${String(alg)}`);
      const key = decodePkcs8(pkcs8Der(privateKey));
      return signDigest(curveOf(key.paramSetOid), key.d, streebog('streebog256', data));
    },
    async verify(publicKey, data, signature) {
      const key = decodeSpki(spkiDer(publicKey));
      return verifyDigest(curveOf(key.paramSetOid), key.point, streebog('streebog256', data), signature);
    },
  };
}
