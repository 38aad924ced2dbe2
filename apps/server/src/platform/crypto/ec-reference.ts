import { AppError } from '../errors.js';
import { bigIntToLe, leToBigInt, type GostCurve } from './keys.js';

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

// GOST R 34.10-2012 appendix A.1 (test) and RFC 4357 section 11.4 (CryptoPro A, B, C).
const CURVES: Record<Exclude<GostCurve, 'tc26-a'>, Curve> = {
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
  if (curve === 'tc26-a') throw new AppError('internal', 'TC26 parameter set A is not supported');
  return CURVES[curve];
}

export function referencePublicPoint(curve: GostCurve, d: Uint8Array): Uint8Array {
  const c = curveParams(curve);
  const q = multiply(c, { x: c.x, y: c.y }, leToBigInt(d));
  if (!q) throw new AppError('internal', 'd is a multiple of the group order');
  const out = new Uint8Array(64);
  out.set(bigIntToLe(q.x, 32));
  out.set(bigIntToLe(q.y, 32), 32);
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
  const s = leToBigInt(signature.slice(0, 32).reverse());
  const r = leToBigInt(signature.slice(32, 64).reverse());
  if (r <= 0n || r >= c.q || s <= 0n || s >= c.q) return false;
  const e = mod(leToBigInt(digest), c.q) || 1n;
  const v = inverse(e, c.q);
  const z1 = mod(s * v, c.q);
  const z2 = mod(-r * v, c.q);
  const publicKey = { x: leToBigInt(point.slice(0, 32)), y: leToBigInt(point.slice(32, 64)) };
  const sum = add(c, multiply(c, { x: c.x, y: c.y }, z1), multiply(c, publicKey, z2));
  return sum !== null && mod(sum.x, c.q) === r;
}
