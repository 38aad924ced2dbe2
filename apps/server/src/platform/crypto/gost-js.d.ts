/**
 * Types for the parts of `@wavesenterprise/crypto-gost-js` (CommonJS, untyped; the 2014–2016 code of
 * gostcrypto.com) that the pure-JS provider uses. Byte strings are little-endian unless noted.
 */
declare module '@wavesenterprise/crypto-gost-js' {
  interface GostDigestAlgorithm {
    name: 'GOST R 34.11';
    version: 2012;
    length: 256 | 512;
  }

  interface GostCurveParameters {
    p: string;
    a: string | number;
    b: string | number;
    q: string;
    x: string | number;
    y: string | number;
  }

  interface GostSignAlgorithm {
    name: 'GOST R 34.10';
    version: 2012;
    /**
     * Right: the CryptoPro names 'S-256-A', 'S-256-B', 'S-256-C', 'S-256-TEST' and the 512-bit
     * 'T-512-A', 'T-512-B', 'T-512-TEST'; wrong: the TC26 names of 256-bit curves ('T-256-*').
     */
    namedCurve?: string;
    /** Key length in bits; the curve's by default. */
    length?: 256 | 512;
    curve?: GostCurveParameters;
    /** 'CP': the signature is s||r big-endian, as CryptoPro and OpenSSL write it. */
    procreator?: 'CP';
    /** Without it `sign` and `verify` take the digest itself. */
    hash?: GostDigestAlgorithm;
  }

  interface GostDigestInstance {
    digest(data: ArrayBuffer | Uint8Array): ArrayBuffer;
  }

  interface GostSignInstance {
    /** Fixed randomness: the nonce k of `sign`, the secret d of `generateKey`. */
    ukm?: ArrayBuffer | Uint8Array;
    sign(privateKey: ArrayBuffer | Uint8Array, data: ArrayBuffer | Uint8Array): ArrayBuffer;
    verify(
      publicKey: ArrayBuffer | Uint8Array,
      signature: ArrayBuffer | Uint8Array,
      data: ArrayBuffer | Uint8Array,
    ): boolean;
    generateKey(): { privateKey: ArrayBuffer; publicKey: ArrayBuffer };
  }

  const gost: {
    GostEngine: {
      getGostDigest(algorithm: GostDigestAlgorithm): GostDigestInstance;
      getGostSign(algorithm: GostSignAlgorithm): GostSignInstance;
    };
  };
  export default gost;
}
