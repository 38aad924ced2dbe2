import { describe, expect, it } from 'vitest';
import { streebog, verifyDigest, type GostPublicKey } from '../src/gost.js';
import { GOST_256, GOST_512 } from '../src/gost.js';
import { toHex } from '../src/hash.js';

/** The standard prints numbers big-endian; keys and digests travel little-endian. */
const le = (bigEndianHex: string) => Uint8Array.from(Buffer.from(bigEndianHex, 'hex').reverse());
const be = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

// GOST R 34.10-2012 appendix A.1 (RFC 7091 section 7.1), on the 256-bit test curve.
const A1 = {
  qx: '7f2b49e270db6d90d8595bec458b50c58585ba1d4e9b788f6689dbd8e56fd80b',
  qy: '26f1b489d6701dd185c8413a977b3cbbaf64d1c593d26627dffb101a87ff77da',
  e: '2dfbc1b372d89a1188c09c52e0eec61fce52032ab1022e8e67ece6672b043ee5',
  r: '41aa28d2f1ab148280cd9ed56feda41974053554a42767b83ad043fd39dc0493',
  s: '01456c64ba4642a1653c235a98a60249bcd6d3f746b631df928014f6c5bf9c40',
};
// Appendix A.2 (RFC 7091 section 7.2), on the 512-bit test curve.
const A2 = {
  qx: '115dc5bc96760c7b48598d8ab9e740d4c4a85a65be33c1815b5c320c854621dd5a515856d13314af69bc5b924c8b4ddff75c45415c1d9dd9dd33612cd530efe1',
  qy: '37c7c90cd40b0f5621dc3ac1b751cfa0e2634fa0503b3d52639f5d7fb72afd61ea199441d943ffe7f0c70a2759a3cdb84c114e1f9339fdf27f35eca93677beec',
  e: '3754f3cfacc9e0615c4f4a7c4d8dab531b09b6f9c170c533a71d147035b0c5917184ee536593f4414339976c647c5d5a407adedb1d560c4fc6777d2972075b8c',
  r: '2f86fa60a081091a23dd795e1e3c689ee512a3c82ee0dcc2643c78eea8fcacd35492558486b20f1c9ec197c90699850260c93bcbcd9c5c3317e19344e173ae36',
  s: '1081b394696ffe8e6585e7a9362d26b6325f56778aadbc081c0bfbe933d52ff5823ce288e8c4f362526080df7f70ce406a6eeb1f56919cb92a9853bde73e5b4a',
};

const EXAMPLES = [
  ['A.1 (256-bit)', A1, { algorithm: GOST_256, paramSetOid: '1.2.643.2.2.35.0' }],
  ['A.2 (512-bit)', A2, { algorithm: GOST_512, paramSetOid: '1.2.643.7.1.2.1.2.0' }],
] as const;

describe('GOST R 34.10-2012 verification (BigInt)', () => {
  it.each(EXAMPLES)('accepts the standard example %s and refuses any change', (_name, example, key) => {
    const publicKey: GostPublicKey = {
      ...key,
      point: new Uint8Array([...le(example.qx), ...le(example.qy)]),
    };
    const digest = le(example.e);
    const signature = be(example.s + example.r);
    expect(verifyDigest(publicKey, digest, signature)).toBe('valid');

    const flipped = signature.slice();
    flipped[5] = flipped[5]! ^ 1;
    expect(verifyDigest(publicKey, digest, flipped)).toBe('invalid');
    const otherDigest = digest.slice();
    otherDigest[0] = otherDigest[0]! ^ 1;
    expect(verifyDigest(publicKey, otherDigest, signature)).toBe('invalid');
    // r||s instead of s||r: the order matters.
    expect(verifyDigest(publicKey, digest, be(example.r + example.s))).toBe('invalid');
    const offCurve = publicKey.point.slice();
    offCurve[0] = offCurve[0]! ^ 1;
    expect(verifyDigest({ ...publicKey, point: offCurve }, digest, signature)).toBe('invalid');
    expect(verifyDigest(publicKey, digest, signature.subarray(1))).toBe('invalid');
    expect(verifyDigest({ ...publicKey, paramSetOid: '1.2.643.7.1.2.1.1.1' }, digest, signature)).toBe(
      'unsupported_curve',
    );
  });
});

describe('Streebog (GOST R 34.11-2012) through the library', () => {
  // The standard's example M1 (RFC 6986 section 10.1), digests in OpenSSL's byte order.
  const M1 = new TextEncoder().encode('012345678901234567890123456789012345678901234567890123456789012');
  it('gives the standard example M1', () => {
    expect(toHex(streebog('streebog256', M1))).toBe(
      '9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500',
    );
    expect(toHex(streebog('streebog512', M1))).toBe(
      '1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48',
    );
  });
});
