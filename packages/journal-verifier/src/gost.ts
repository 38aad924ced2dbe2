import gostLibrary from '@wavesenterprise/crypto-gost-js';

/**
 * GOST R 34.10-2012 signature verification (256-bit and 512-bit keys) in BigInt, and Streebog
 * (GOST R 34.11-2012) through `@wavesenterprise/crypto-gost-js`. Written apart from the server's code
 * (which signs with the OpenSSL engine or the same library) and without any Node API, so that the CLI
 * and the offline HTML page run the same code.
 *
 * Byte order, as RFC 9215 and OpenSSL have it: a public key is x||y, each little-endian; a signature is
 * s||r, each big-endian; the digest is read as a little-endian number.
 */

export type StreebogAlgorithm = 'streebog256' | 'streebog512';

export const GOST_OID = {
  publicKey256: '1.2.643.7.1.1.1.1',
  publicKey512: '1.2.643.7.1.1.1.2',
  streebog256: '1.2.643.7.1.1.2.2',
  streebog512: '1.2.643.7.1.1.2.3',
  signWithStreebog256: '1.2.643.7.1.1.3.2',
  signWithStreebog512: '1.2.643.7.1.1.3.3',
} as const;

/** A key size and what goes with it. */
export interface GostAlgorithm {
  bits: 256 | 512;
  /** Octets of a coordinate and of each half of a signature. */
  size: 32 | 64;
  digest: StreebogAlgorithm;
  digestOid: string;
  keyOid: string;
  signatureOid: string;
}

export const GOST_256: GostAlgorithm = {
  bits: 256,
  size: 32,
  digest: 'streebog256',
  digestOid: GOST_OID.streebog256,
  keyOid: GOST_OID.publicKey256,
  signatureOid: GOST_OID.signWithStreebog256,
};

export const GOST_512: GostAlgorithm = {
  bits: 512,
  size: 64,
  digest: 'streebog512',
  digestOid: GOST_OID.streebog512,
  keyOid: GOST_OID.publicKey512,
  signatureOid: GOST_OID.signWithStreebog512,
};

export function algorithmByKeyOid(oid: string): GostAlgorithm | undefined {
  return oid === GOST_256.keyOid ? GOST_256 : oid === GOST_512.keyOid ? GOST_512 : undefined;
}

export function algorithmByDigestOid(oid: string): GostAlgorithm | undefined {
  return oid === GOST_256.digestOid ? GOST_256 : oid === GOST_512.digestOid ? GOST_512 : undefined;
}

let digesters: Record<StreebogAlgorithm, { digest(data: Uint8Array): ArrayBuffer }> | undefined;

export function streebog(algorithm: StreebogAlgorithm, data: Uint8Array): Uint8Array {
  digesters ??= {
    streebog256: gostLibrary.GostEngine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 256 }),
    streebog512: gostLibrary.GostEngine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 512 }),
  };
  return new Uint8Array(digesters[algorithm].digest(data));
}

/** A short Weierstrass curve y² = x³ + ax + b over GF(p), a base point (x, y) of prime order q. */
interface Curve {
  name: string;
  bits: 256 | 512;
  p: bigint;
  a: bigint;
  b: bigint;
  q: bigint;
  x: bigint;
  y: bigint;
}

// GOST R 34.10-2012 appendices A.1 and A.2 (test curves), RFC 4357 section 11.4 (CryptoPro A, B, C),
// RFC 7836 section A.1 (TC26 512-bit A, B).
const TEST_256: Curve = {
  name: 'тестовая кривая ГОСТ Р 34.10-2012 (256 бит)',
  bits: 256,
  p: 0x8000000000000000000000000000000000000000000000000000000000000431n,
  a: 7n,
  b: 0x5fbff498aa938ce739b8e022fbafef40563f6e6a3472fc2a514c0ce9dae23b7en,
  q: 0x8000000000000000000000000000000150fe8a1892976154c59cfc193accf5b3n,
  x: 2n,
  y: 0x8e2a8a0e65147d4bd6316030e16d19c85c97f0a9ca267122b96abbcea7e8fc8n,
};
const CRYPTOPRO_A: Curve = {
  name: 'CryptoPro-A',
  bits: 256,
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd97n,
  a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd94n,
  b: 166n,
  q: 0xffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893n,
  x: 1n,
  y: 0x8d91e471e0989cda27df505a453f2b7635294f2ddf23e3b122acc99c9e9f1e14n,
};
const CRYPTOPRO_B: Curve = {
  name: 'CryptoPro-B',
  bits: 256,
  p: 0x8000000000000000000000000000000000000000000000000000000000000c99n,
  a: 0x8000000000000000000000000000000000000000000000000000000000000c96n,
  b: 0x3e1af419a269a5f866a7d3c25c3df80ae979259373ff2b182f49d4ce7e1bbc8bn,
  q: 0x800000000000000000000000000000015f700cfff1a624e5e497161bcc8a198fn,
  x: 1n,
  y: 0x3fa8124359f96680b83d1c3eb2c070e5c545c9858d03ecfb744bf8d717717efcn,
};
const CRYPTOPRO_C: Curve = {
  name: 'CryptoPro-C',
  bits: 256,
  p: 0x9b9f605f5a858107ab1ec85e6b41c8aacf846e86789051d37998f7b9022d759bn,
  a: 0x9b9f605f5a858107ab1ec85e6b41c8aacf846e86789051d37998f7b9022d7598n,
  b: 32858n,
  q: 0x9b9f605f5a858107ab1ec85e6b41c8aa582ca3511eddfb74f02f3a6598980bb9n,
  x: 0n,
  y: 0x41ece55743711a8c3cbf3783cd08c0ee4d4dc440d4641a8f366e550dfdb3bb67n,
};
const TEST_512: Curve = {
  name: 'тестовая кривая ГОСТ Р 34.10-2012 (512 бит)',
  bits: 512,
  p: 0x4531acd1fe0023c7550d267b6b2fee80922b14b2ffb90f04d4eb7c09b5d2d15df1d852741af4704a0458047e80e4546d35b8336fac224dd81664bbf528be6373n,
  a: 7n,
  b: 0x1cff0806a31116da29d8cfa54e57eb748bc5f377e49400fdd788b649eca1ac4361834013b2ad7322480a89ca58e0cf74bc9e540c2add6897fad0a3084f302adcn,
  q: 0x4531acd1fe0023c7550d267b6b2fee80922b14b2ffb90f04d4eb7c09b5d2d15da82f2d7ecb1dbac719905c5eecc423f1d86e25edbe23c595d644aaf187e6e6dfn,
  x: 0x24d19cc64572ee30f396bf6ebbfd7a6c5213b3b3d7057cc825f91093a68cd762fd60611262cd838dc6b60aa7eee804e28bc849977fac33b4b530f1b120248a9an,
  y: 0x2bb312a43bd2ce6e0d020613c857acddcfbf061e91e5f2c3f32447c259f39b2c83ab156d77f1496bf7eb3351e1ee4e43dc1a18b91b24640b6dbb92cb1add371en,
};
const TC26_512_A: Curve = {
  name: 'ТК26 512-A',
  bits: 512,
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc7n,
  a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc4n,
  b: 0xe8c2505dedfc86ddc1bd0b2b6667f1da34b82574761cb0e879bd081cfd0b6265ee3cb090f30d27614cb4574010da90dd862ef9d4ebee4761503190785a71c760n,
  q: 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275n,
  x: 3n,
  y: 0x7503cfe87a836ae3a61b8816e25450e6ce5e1c93acf1abc1778064fdcbefa921df1626be4fd036e93d75e6a50e3a41e98028fe5fc235f5b889a589cb5215f2a4n,
};
const TC26_512_B: Curve = {
  name: 'ТК26 512-B',
  bits: 512,
  p: 0x8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006fn,
  a: 0x8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006cn,
  b: 0x687d1b459dc841457e3e06cf6f5e2517b97c7d614af138bcbf85dc806c4b289f3e965d2db1416d217f8b276fad1ab69c50f78bee1fa3106efb8ccbc7c5140116n,
  q: 0x800000000000000000000000000000000000000000000000000000000000000149a1ec142565a545acfdb77bd9d40cfa8b996712101bea0ec6346c54374f25bdn,
  x: 2n,
  y: 0x1a8f7eda389b094c2c071e3647a8940f3c123b697578c213be6dd9e6c8ec7335dcb228fd1edf4a39152cbcaaf8c0398828041055f94ceeec7e21340780fe41bdn,
};

/**
 * Parameter-set OIDs: RFC 4357 (CryptoPro; the key-exchange sets XchA and XchB are the curves A and C),
 * RFC 7836 (TC26 256-bit sets B, C, D are CryptoPro A, B, C under new names). TC26 256-bit set A and
 * 512-bit set C are twisted Edwards curves, which the server makes no keys on: not supported here.
 */
const CURVES: Record<string, Curve> = {
  '1.2.643.2.2.35.0': TEST_256,
  '1.2.643.2.2.35.1': CRYPTOPRO_A,
  '1.2.643.2.2.35.2': CRYPTOPRO_B,
  '1.2.643.2.2.35.3': CRYPTOPRO_C,
  '1.2.643.2.2.36.0': CRYPTOPRO_A,
  '1.2.643.2.2.36.1': CRYPTOPRO_C,
  '1.2.643.7.1.2.1.1.2': CRYPTOPRO_A,
  '1.2.643.7.1.2.1.1.3': CRYPTOPRO_B,
  '1.2.643.7.1.2.1.1.4': CRYPTOPRO_C,
  '1.2.643.7.1.2.1.2.0': TEST_512,
  '1.2.643.7.1.2.1.2.1': TC26_512_A,
  '1.2.643.7.1.2.1.2.2': TC26_512_B,
};

/** A public key as a certificate carries it. */
export interface GostPublicKey {
  algorithm: GostAlgorithm;
  paramSetOid: string;
  /** x||y, each little-endian. */
  point: Uint8Array;
}

/** The curve of a parameter set, or undefined for one this code does not know. */
export function curveName(paramSetOid: string): string | undefined {
  return CURVES[paramSetOid]?.name;
}

export function leToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] ?? 0);
  return n;
}

function beToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function mod(n: bigint, m: bigint): bigint {
  const r = n % m;
  return r < 0n ? r + m : r;
}

function inverse(n: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(n, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const t = r0 / r1;
    [r0, r1] = [r1, r0 - t * r1];
    [s0, s1] = [s1, s0 - t * s1];
  }
  return mod(s0, m);
}

/** Jacobian coordinates: (X, Y, Z) is the affine point (X/Z², Y/Z³); Z = 0 is the point at infinity. */
interface Jacobian {
  x: bigint;
  y: bigint;
  z: bigint;
}

const INFINITY: Jacobian = { x: 1n, y: 1n, z: 0n };

function double(c: Curve, P: Jacobian): Jacobian {
  if (P.z === 0n || P.y === 0n) return INFINITY;
  const { p } = c;
  const yy = (P.y * P.y) % p;
  const zz = (P.z * P.z) % p;
  const s = (4n * P.x * yy) % p;
  const m = (3n * P.x * P.x + c.a * ((zz * zz) % p)) % p;
  const x = mod(m * m - 2n * s, p);
  const y = mod(m * (s - x) - 8n * yy * yy, p);
  const z = (2n * P.y * P.z) % p;
  return { x, y, z };
}

function add(c: Curve, P: Jacobian, Q: Jacobian): Jacobian {
  if (P.z === 0n) return Q;
  if (Q.z === 0n) return P;
  const { p } = c;
  const z1z1 = (P.z * P.z) % p;
  const z2z2 = (Q.z * Q.z) % p;
  const u1 = (P.x * z2z2) % p;
  const u2 = (Q.x * z1z1) % p;
  const s1 = (((P.y * Q.z) % p) * z2z2) % p;
  const s2 = (((Q.y * P.z) % p) * z1z1) % p;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  if (h === 0n) return r === 0n ? double(c, P) : INFINITY;
  const hh = (h * h) % p;
  const hhh = (h * hh) % p;
  const v = (u1 * hh) % p;
  const x = mod(r * r - hhh - 2n * v, p);
  const y = mod(r * (v - x) - s1 * hhh, p);
  const z = (((P.z * Q.z) % p) * h) % p;
  return { x, y, z };
}

/** k1·P + k2·Q (Shamir's trick). */
function twoMultiply(c: Curve, k1: bigint, P: Jacobian, k2: bigint, Q: Jacobian): Jacobian {
  const PQ = add(c, P, Q);
  const bits = Math.max(k1.toString(2).length, k2.toString(2).length);
  let R = INFINITY;
  for (let i = bits - 1; i >= 0; i--) {
    R = double(c, R);
    const b1 = (k1 >> BigInt(i)) & 1n;
    const b2 = (k2 >> BigInt(i)) & 1n;
    if (b1 && b2) R = add(c, R, PQ);
    else if (b1) R = add(c, R, P);
    else if (b2) R = add(c, R, Q);
  }
  return R;
}

function onCurve(c: Curve, x: bigint, y: bigint): boolean {
  if (x < 0n || x >= c.p || y < 0n || y >= c.p) return false;
  return mod(y * y - (x * x * x + c.a * x + c.b), c.p) === 0n;
}

export type GostVerifyOutcome = 'valid' | 'invalid' | 'unsupported_curve';

/**
 * GOST R 34.10-2012 section 6.2 over a digest already computed (Streebog of the key's size).
 * `signature` is s||r, each big-endian, as CMS and X.509 carry it.
 */
export function verifyDigest(
  key: GostPublicKey,
  digest: Uint8Array,
  signature: Uint8Array,
): GostVerifyOutcome {
  const c = CURVES[key.paramSetOid];
  if (!c || c.bits !== key.algorithm.bits) return 'unsupported_curve';
  const size = key.algorithm.size;
  if (signature.length !== 2 * size || key.point.length !== 2 * size) return 'invalid';
  if (digest.length !== size) return 'invalid';
  const s = beToBigInt(signature.subarray(0, size));
  const r = beToBigInt(signature.subarray(size));
  if (r <= 0n || r >= c.q || s <= 0n || s >= c.q) return 'invalid';
  const qx = leToBigInt(key.point.subarray(0, size));
  const qy = leToBigInt(key.point.subarray(size));
  if (!onCurve(c, qx, qy)) return 'invalid';
  const e = mod(leToBigInt(digest), c.q) || 1n;
  const v = inverse(e, c.q);
  const z1 = mod(s * v, c.q);
  const z2 = mod(-r * v, c.q);
  const C = twoMultiply(c, z1, { x: c.x, y: c.y, z: 1n }, z2, { x: qx, y: qy, z: 1n });
  if (C.z === 0n) return 'invalid';
  const zInv = inverse(C.z, c.p);
  const x = (C.x * ((zInv * zInv) % c.p)) % c.p;
  return mod(x, c.q) === r ? 'valid' : 'invalid';
}

/**
 * Verifications already made, by their exact inputs (key, message digest, signature): verifying is a
 * pure function, and a bundle names the same certificates many times (and a test verifies a thousand
 * variants of one bundle). Any changed byte of the inputs is a new key, so it is verified anew.
 */
const memo = new Map<string, GostVerifyOutcome>();
const MEMO_LIMIT = 512;

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Verifies `signature` over Streebog(`data`) of the key's size. */
export function verifyGost(key: GostPublicKey, data: Uint8Array, signature: Uint8Array): GostVerifyOutcome {
  const digest = streebog(key.algorithm.digest, data);
  const id = `${key.paramSetOid}|${hex(key.point)}|${hex(digest)}|${hex(signature)}`;
  const known = memo.get(id);
  if (known) return known;
  const outcome = verifyDigest(key, digest, signature);
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(id, outcome);
  return outcome;
}
