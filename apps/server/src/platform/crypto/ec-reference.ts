import { AppError } from '../errors.js';
import {
  algorithmOfCurve,
  bigIntToLe,
  leToBigInt,
  supportedCurve,
  type GostCurve,
  type SupportedCurve,
} from './keys.js';

/**
 * A small, slow BigInt implementation of GOST R 34.10-2012 verification (section 6.2) and of Q = dP.
 * The pure-JS library throws `ReferenceError: subtract is not defined` from its modular inverse for
 * about one point in 1,500; its provider falls back to this code then instead of failing a valid
 * signature. Affine coordinates, no side-channel care: public data only.
 */

interface Curve {
  p: bigint;
  a: bigint;
  b: bigint;
  q: bigint;
  x: bigint;
  y: bigint;
}

// GOST R 34.10-2012 appendices A.1 and A.2 (test), RFC 4357 section 11.4 (CryptoPro A, B, C) and
// RFC 7836 section A.1 (TC26 512-bit A, B).
const CURVES: Record<SupportedCurve, Curve> = {
  test: {
    p: 0x8000000000000000000000000000000000000000000000000000000000000431n,
    a: 7n,
    b: 0x5fbff498aa938ce739b8e022fbafef40563f6e6a3472fc2a514c0ce9dae23b7en,
    q: 0x8000000000000000000000000000000150fe8a1892976154c59cfc193accf5b3n,
    x: 2n,
    y: 0x8e2a8a0e65147d4bd6316030e16d19c85c97f0a9ca267122b96abbcea7e8fc8n,
  },
  A: {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd97n,
    a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd94n,
    b: 166n,
    q: 0xffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893n,
    x: 1n,
    y: 0x8d91e471e0989cda27df505a453f2b7635294f2ddf23e3b122acc99c9e9f1e14n,
  },
  B: {
    p: 0x8000000000000000000000000000000000000000000000000000000000000c99n,
    a: 0x8000000000000000000000000000000000000000000000000000000000000c96n,
    b: 0x3e1af419a269a5f866a7d3c25c3df80ae979259373ff2b182f49d4ce7e1bbc8bn,
    q: 0x800000000000000000000000000000015f700cfff1a624e5e497161bcc8a198fn,
    x: 1n,
    y: 0x3fa8124359f96680b83d1c3eb2c070e5c545c9858d03ecfb744bf8d717717efcn,
  },
  C: {
    p: 0x9b9f605f5a858107ab1ec85e6b41c8aacf846e86789051d37998f7b9022d759bn,
    a: 0x9b9f605f5a858107ab1ec85e6b41c8aacf846e86789051d37998f7b9022d7598n,
    b: 32858n,
    q: 0x9b9f605f5a858107ab1ec85e6b41c8aa582ca3511eddfb74f02f3a6598980bb9n,
    x: 0n,
    y: 0x41ece55743711a8c3cbf3783cd08c0ee4d4dc440d4641a8f366e550dfdb3bb67n,
  },
  'tc26-512-test': {
    p: 0x4531acd1fe0023c7550d267b6b2fee80922b14b2ffb90f04d4eb7c09b5d2d15df1d852741af4704a0458047e80e4546d35b8336fac224dd81664bbf528be6373n,
    a: 7n,
    b: 0x1cff0806a31116da29d8cfa54e57eb748bc5f377e49400fdd788b649eca1ac4361834013b2ad7322480a89ca58e0cf74bc9e540c2add6897fad0a3084f302adcn,
    q: 0x4531acd1fe0023c7550d267b6b2fee80922b14b2ffb90f04d4eb7c09b5d2d15da82f2d7ecb1dbac719905c5eecc423f1d86e25edbe23c595d644aaf187e6e6dfn,
    x: 0x24d19cc64572ee30f396bf6ebbfd7a6c5213b3b3d7057cc825f91093a68cd762fd60611262cd838dc6b60aa7eee804e28bc849977fac33b4b530f1b120248a9an,
    y: 0x2bb312a43bd2ce6e0d020613c857acddcfbf061e91e5f2c3f32447c259f39b2c83ab156d77f1496bf7eb3351e1ee4e43dc1a18b91b24640b6dbb92cb1add371en,
  },
  'tc26-512-a': {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc7n,
    a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc4n,
    b: 0xe8c2505dedfc86ddc1bd0b2b6667f1da34b82574761cb0e879bd081cfd0b6265ee3cb090f30d27614cb4574010da90dd862ef9d4ebee4761503190785a71c760n,
    q: 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275n,
    x: 3n,
    y: 0x7503cfe87a836ae3a61b8816e25450e6ce5e1c93acf1abc1778064fdcbefa921df1626be4fd036e93d75e6a50e3a41e98028fe5fc235f5b889a589cb5215f2a4n,
  },
  'tc26-512-b': {
    p: 0x8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006fn,
    a: 0x8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006cn,
    b: 0x687d1b459dc841457e3e06cf6f5e2517b97c7d614af138bcbf85dc806c4b289f3e965d2db1416d217f8b276fad1ab69c50f78bee1fa3106efb8ccbc7c5140116n,
    q: 0x800000000000000000000000000000000000000000000000000000000000000149a1ec142565a545acfdb77bd9d40cfa8b996712101bea0ec6346c54374f25bdn,
    x: 2n,
    y: 0x1a8f7eda389b094c2c071e3647a8940f3c123b697578c213be6dd9e6c8ec7335dcb228fd1edf4a39152cbcaaf8c0398828041055f94ceeec7e21340780fe41bdn,
  },
};

type Point = { x: bigint; y: bigint } | null;

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

function add(c: Curve, p1: Point, p2: Point): Point {
  if (!p1) return p2;
  if (!p2) return p1;
  let slope: bigint;
  if (p1.x === p2.x) {
    if (mod(p1.y + p2.y, c.p) === 0n) return null;
    slope = mod((3n * p1.x * p1.x + c.a) * inverse(2n * p1.y, c.p), c.p);
  } else {
    slope = mod((p2.y - p1.y) * inverse(p2.x - p1.x, c.p), c.p);
  }
  const x = mod(slope * slope - p1.x - p2.x, c.p);
  return { x, y: mod(slope * (p1.x - x) - p1.y, c.p) };
}

function multiply(c: Curve, point: Point, k: bigint): Point {
  let result: Point = null;
  for (let bit = BigInt(k.toString(2).length - 1); bit >= 0n; bit--) {
    result = add(c, result, result);
    if ((k >> bit) & 1n) result = add(c, result, point);
  }
  return result;
}

function curveParams(curve: GostCurve): Curve {
  return CURVES[supportedCurve(curve)];
}

export function referencePublicPoint(curve: GostCurve, d: Uint8Array): Uint8Array {
  const c = curveParams(curve);
  const size = algorithmOfCurve(curve).size;
  const q = multiply(c, { x: c.x, y: c.y }, leToBigInt(d));
  if (!q) throw new AppError('internal', 'd is a multiple of the group order');
  const out = new Uint8Array(2 * size);
  out.set(bigIntToLe(q.x, size));
  out.set(bigIntToLe(q.y, size), size);
  return out;
}

/** Signature s||r big-endian, digest read little-endian, as in the rest of the module. */
export function referenceVerifyDigest(
  curve: GostCurve,
  point: Uint8Array,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  const c = curveParams(curve);
  const size = algorithmOfCurve(curve).size;
  if (signature.length !== 2 * size || point.length !== 2 * size) return false;
  // Copies: Buffer#slice is a view, and reverse() would turn the caller's signature around.
  const s = leToBigInt(Uint8Array.from(signature.subarray(0, size)).reverse());
  const r = leToBigInt(Uint8Array.from(signature.subarray(size)).reverse());
  if (r <= 0n || r >= c.q || s <= 0n || s >= c.q) return false;
  const e = mod(leToBigInt(digest), c.q) || 1n;
  const v = inverse(e, c.q);
  const z1 = mod(s * v, c.q);
  const z2 = mod(-r * v, c.q);
  const publicKey = { x: leToBigInt(point.slice(0, size)), y: leToBigInt(point.slice(size)) };
  const sum = add(c, multiply(c, { x: c.x, y: c.y }, z1), multiply(c, publicKey, z2));
  return sum !== null && mod(sum.x, c.q) === r;
}
