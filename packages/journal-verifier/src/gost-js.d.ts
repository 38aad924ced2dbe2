/**
 * Types for the part of `@wavesenterprise/crypto-gost-js` (CommonJS, untyped) that this package uses:
 * Streebog (GOST R 34.11-2012). The same shape as the server's declaration of the library.
 */
declare module '@wavesenterprise/crypto-gost-js' {
  interface GostDigestAlgorithm {
    name: 'GOST R 34.11';
    version: 2012;
    length: 256 | 512;
  }

  interface GostDigestInstance {
    digest(data: ArrayBuffer | Uint8Array): ArrayBuffer;
  }

  const gost: {
    GostEngine: {
      getGostDigest(algorithm: GostDigestAlgorithm): GostDigestInstance;
    };
  };
  export default gost;
}
