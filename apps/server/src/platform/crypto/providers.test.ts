import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { referencePublicPoint, referenceVerifyDigest } from './ec-reference.js';
import { derToPem, encodePkcs8, decodeSpki } from './keys.js';
import { OID } from './oids.js';
import { registerProvider, selectProvider, type GostProvider } from './provider.js';
import { createPureJsProvider } from './pure-js-provider.js';
import { publicPoint, signDigest } from './pure-js-gost.js';
import { nativeProvider, skipNote } from './testing.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
/** The standard prints numbers big-endian; the wire form is little-endian. */
const le = (bigEndianHex: string): Uint8Array => new Uint8Array(Buffer.from(bigEndianHex, 'hex').reverse());

// GOST R 34.11-2012, appendix A (RFC 6986 section 10), digests in OpenSSL's byte order.
const M1 = new TextEncoder().encode('012345678901234567890123456789012345678901234567890123456789012');
// "Се ветри, Стрибожи внуци, веютъ с моря стрелами на храбрыя плъкы Игоревы" in CP1251.
const M2 = Buffer.from(
  'd1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20f120eceef0ff20f1f2f0e5ebe0ece820ede020f5f0e0e1f0fbff20efebfaeafb20c8e3eef0e5e2fb',
  'hex',
);
const STREEBOG = [
  ['M1', M1, 'streebog256', '9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500'],
  [
    'M1',
    M1,
    'streebog512',
    '1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48',
  ],
  ['M2', M2, 'streebog256', '9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50'],
  [
    'M2',
    M2,
    'streebog512',
    '1e88e62226bfca6f9994f1f2d51569e0daf8475a3b0fe61a5300eee46d961376035fe83549ada2b8620fcd7c496ce5b33f0cb9dddc2b6460143b03dabac9fb28',
  ],
] as const;

// GOST R 34.10-2012, appendix A.1 (RFC 7091 section 7.1): the example curve, key, digest and nonce.
export const STANDARD_EXAMPLE = {
  d: '7a929ade789bb9be10ed359dd39a72c11b60961f49397eee1d19ce9891ec3b28',
  qx: '7f2b49e270db6d90d8595bec458b50c58585ba1d4e9b788f6689dbd8e56fd80b',
  qy: '26f1b489d6701dd185c8413a977b3cbbaf64d1c593d26627dffb101a87ff77da',
  e: '2dfbc1b372d89a1188c09c52e0eec61fce52032ab1022e8e67ece6672b043ee5',
  k: '77105c9b20bcd3122823c8cf6fcc7b956de33814e95b7fe64fed924594dceab3',
  r: '41aa28d2f1ab148280cd9ed56feda41974053554a42767b83ad043fd39dc0493',
  s: '01456c64ba4642a1653c235a98a60249bcd6d3f746b631df928014f6c5bf9c40',
};
const EXAMPLE_POINT = new Uint8Array([...le(STANDARD_EXAMPLE.qx), ...le(STANDARD_EXAMPLE.qy)]);
const EXAMPLE_SIGNATURE = Buffer.from(STANDARD_EXAMPLE.s + STANDARD_EXAMPLE.r, 'hex');

const native = nativeProvider();
const pureJs = createPureJsProvider();
const providers: Array<[string, GostProvider | undefined]> = [
  ['pure-js', pureJs],
  [`native${skipNote(native)}`, native.value],
];

describe.each(providers)('GOST provider %s', (_title, provider) => {
  it.skipIf(!provider).each(STREEBOG)(
    'Streebog of the standard example %s (%s)',
    (_m, message, alg, digest) => {
      expect(hex(provider!.digest(alg, message))).toBe(digest);
    },
  );

  it.skipIf(!provider)('signs and verifies; a changed message or another key fails', async () => {
    const p = provider!;
    const keys = await p.generateKeyPair('A');
    const other = await p.generateKeyPair('B');
    const data = new TextEncoder().encode('Заявление о предоставлении услуги');
    const signature = await p.sign(keys.privateKeyPem, data);
    expect(signature).toHaveLength(64);
    expect(await p.verify(keys.publicKeyPem, data, signature)).toBe(true);
    expect(await p.verify({ spki: keys.publicKeySpki }, data, signature)).toBe(true);
    expect(await p.verify(keys.publicKeyPem, data.subarray(1), signature)).toBe(false);
    expect(await p.verify(other.publicKeyPem, data, signature)).toBe(false);
    const flipped = new Uint8Array(signature);
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(await p.verify(keys.publicKeyPem, data, flipped)).toBe(false);
  });
});

describe('GOST R 34.10-2012 appendix A.1 example', () => {
  it('pure-JS derives the example public key and reproduces the example signature', () => {
    expect(hex(publicPoint('test', le(STANDARD_EXAMPLE.d)))).toBe(hex(EXAMPLE_POINT));
    const signature = signDigest(
      'test',
      le(STANDARD_EXAMPLE.d),
      le(STANDARD_EXAMPLE.e),
      le(STANDARD_EXAMPLE.k),
    );
    expect(hex(signature)).toBe(STANDARD_EXAMPLE.s + STANDARD_EXAMPLE.r);
  });

  it('the BigInt reference code agrees with the example', () => {
    expect(hex(referencePublicPoint('test', le(STANDARD_EXAMPLE.d)))).toBe(hex(EXAMPLE_POINT));
    expect(referenceVerifyDigest('test', EXAMPLE_POINT, le(STANDARD_EXAMPLE.e), EXAMPLE_SIGNATURE)).toBe(
      true,
    );
    expect(referenceVerifyDigest('test', EXAMPLE_POINT, le(STANDARD_EXAMPLE.k), EXAMPLE_SIGNATURE)).toBe(
      false,
    );
  });

  it.skipIf(!native.value)(`the native engine derives the example public key${skipNote(native)}`, () => {
    const pem = derToPem(
      'PRIVATE KEY',
      encodePkcs8({ paramSetOid: OID.paramSetTest, d: le(STANDARD_EXAMPLE.d) }),
    );
    const spki = crypto.createPublicKey(pem).export({ type: 'spki', format: 'der' });
    expect(hex(decodeSpki(new Uint8Array(spki)).point)).toBe(hex(EXAMPLE_POINT));
  });
});

describe.skipIf(!native.value)(`native and pure-JS on the same key${skipNote(native)}`, () => {
  it('each verifies the signature of the other, both ways and for keys made by either', async () => {
    const nativeProvider = native.value!;
    const data = new TextEncoder().encode('Решение о предоставлении услуги');
    for (const maker of [nativeProvider, pureJs]) {
      const keys = await maker.generateKeyPair('XA');
      const bySelf = await maker.sign(keys.privateKeyPem, data);
      for (const other of [nativeProvider, pureJs]) {
        expect(await other.verify(keys.publicKeyPem, data, bySelf)).toBe(true);
        expect(await maker.verify(keys.publicKeyPem, data, await other.sign(keys.privateKeyPem, data))).toBe(
          true,
        );
      }
    }
  });

  it('a point where the library throws falls back to the reference code and matches OpenSSL', () => {
    // Found by a random search: the library's modular inverse hits its undefined `subtract` here.
    const d = new Uint8Array(
      Buffer.from('6a5931a6cb193bdc94f19f4012d9c874d7dda10ac1296a1493d42ef06d9bdbbe', 'hex'),
    );
    const pem = derToPem('PRIVATE KEY', encodePkcs8({ paramSetOid: OID.paramSetCryptoProA, d }));
    const spki = crypto.createPublicKey(pem).export({ type: 'spki', format: 'der' });
    expect(hex(publicPoint('A', d))).toBe(hex(decodeSpki(new Uint8Array(spki)).point));
  });
});

describe('selectProvider', () => {
  it('honours GOST_PROVIDER, falls back to pure-JS without the engine, and refuses an unknown name', () => {
    expect(selectProvider({ forced: 'pure-js' }).name).toBe('pure-js');
    expect(selectProvider({ forced: undefined, enginePath: '/nonexistent/gost.so' }).name).toBe('pure-js');
    expect(() => selectProvider({ forced: 'cryptopro' })).toThrow(/no such provider/);
    registerProvider('cryptopro', () => ({ ...pureJs, name: 'cryptopro' }));
    expect(selectProvider({ forced: 'cryptopro' }).name).toBe('cryptopro');
    if (native.value) expect(selectProvider({ forced: undefined }).name).toBe('native');
  });
});
