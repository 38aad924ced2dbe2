import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import { Certificate } from 'pkijs';
import { AppError } from '../errors.js';
import { GOST_ALGORITHMS, algorithmByKeyOid, type GostAlgorithm } from './algorithms.js';
import { OID } from './oids.js';
import type { PrivateKeyInput, PublicKeyInput } from './provider.js';

/**
 * Key encodings shared by every software provider, so a key made by one is read by the other and by
 * the OpenSSL CLI: PKCS#8 and SubjectPublicKeyInfo of RFC 9215: the private key an OCTET STRING of
 * 32 (or, for 512-bit keys, 64) little-endian octets, the public key an OCTET STRING of x||y, each
 * little-endian of the same length.
 */

/**
 * Parameter sets a key is made with: the CryptoPro sets of 256-bit keys (RFC 4357; XA and XB are the
 * key-exchange aliases of A and C), and TC26 sets A and B of 512-bit keys (RFC 7836).
 */
export type GostParamSet = 'A' | 'B' | 'C' | 'XA' | 'XB' | '512-A' | '512-B';

/**
 * The curves behind the parameter-set OIDs. 'test' and 'tc26-512-test' are the example curves of
 * GOST R 34.10-2012 appendices A.1 and A.2; 'tc26-a' and 'tc26-512-c' (twisted Edwards curves) are
 * read, and the native provider verifies with them, but no key is made on them here.
 */
export type GostCurve =
  'A' | 'B' | 'C' | 'test' | 'tc26-a' | 'tc26-512-a' | 'tc26-512-b' | 'tc26-512-test' | 'tc26-512-c';

/** Curves on which keys are made and which the BigInt reference code knows. */
export type SupportedCurve = Exclude<GostCurve, 'tc26-a' | 'tc26-512-c'>;

const CURVE_ORDER: Record<SupportedCurve, bigint> = {
  A: 0xffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893n,
  B: 0x800000000000000000000000000000015f700cfff1a624e5e497161bcc8a198fn,
  C: 0x9b9f605f5a858107ab1ec85e6b41c8aa582ca3511eddfb74f02f3a6598980bb9n,
  test: 0x8000000000000000000000000000000150fe8a1892976154c59cfc193accf5b3n,
  'tc26-512-a':
    0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275n,
  'tc26-512-b':
    0x800000000000000000000000000000000000000000000000000000000000000149a1ec142565a545acfdb77bd9d40cfa8b996712101bea0ec6346c54374f25bdn,
  'tc26-512-test':
    0x4531acd1fe0023c7550d267b6b2fee80922b14b2ffb90f04d4eb7c09b5d2d15da82f2d7ecb1dbac719905c5eecc423f1d86e25edbe23c595d644aaf187e6e6dfn,
};

export const PARAM_SET_OID: Record<GostParamSet, string> = {
  A: OID.paramSetCryptoProA,
  B: OID.paramSetCryptoProB,
  C: OID.paramSetCryptoProC,
  XA: OID.paramSetCryptoProXchA,
  XB: OID.paramSetCryptoProXchB,
  '512-A': OID.paramSet512A,
  '512-B': OID.paramSet512B,
};

/** TC26 sets B, C and D are the CryptoPro curves A, B and C under new names (RFC 7836 section A.2). */
const CURVE_BY_OID: Record<string, GostCurve> = {
  [OID.paramSetTest]: 'test',
  [OID.paramSetCryptoProA]: 'A',
  [OID.paramSetCryptoProB]: 'B',
  [OID.paramSetCryptoProC]: 'C',
  [OID.paramSetCryptoProXchA]: 'A',
  [OID.paramSetCryptoProXchB]: 'C',
  [OID.paramSetTc26A]: 'tc26-a',
  [OID.paramSetTc26B]: 'A',
  [OID.paramSetTc26C]: 'B',
  [OID.paramSetTc26D]: 'C',
  [OID.paramSet512Test]: 'tc26-512-test',
  [OID.paramSet512A]: 'tc26-512-a',
  [OID.paramSet512B]: 'tc26-512-b',
  [OID.paramSet512C]: 'tc26-512-c',
};

export function curveOf(paramSetOid: string): GostCurve {
  const curve = CURVE_BY_OID[paramSetOid];
  if (!curve) throw new AppError('internal', `unknown GOST R 34.10-2012 parameter set ${paramSetOid}`);
  return curve;
}

/** The algorithm (key size and digest) of keys on a curve. */
export function algorithmOfCurve(curve: GostCurve): GostAlgorithm {
  return curve.startsWith('tc26-512-') ? GOST_ALGORITHMS.gost2012_512 : GOST_ALGORITHMS.gost2012_256;
}

export function algorithmOfParamSet(paramSet: GostParamSet): GostAlgorithm {
  return algorithmOfCurve(curveOf(PARAM_SET_OID[paramSet]));
}

export function supportedCurve(curve: GostCurve): SupportedCurve {
  if (curve === 'tc26-a' || curve === 'tc26-512-c') {
    throw new AppError('internal', `GOST curve ${curve} (twisted Edwards) is not supported here`);
  }
  return curve;
}

export interface RawPrivateKey {
  paramSetOid: string;
  /** The secret scalar, 32 (512-bit keys: 64) octets little-endian. */
  d: Uint8Array;
}

export interface RawPublicKey {
  paramSetOid: string;
  /** x||y, each 32 (512-bit keys: 64) octets little-endian. */
  point: Uint8Array;
}

export function leToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] ?? 0);
  return n;
}

export function bigIntToLe(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/** A uniformly random scalar in [1, q-1] from the system CSPRNG (rejection sampling), little-endian. */
export function randomScalar(curve: GostCurve): Uint8Array {
  const q = CURVE_ORDER[supportedCurve(curve)];
  const size = algorithmOfCurve(curve).size;
  const bits = q.toString(2).length;
  const mask = (1n << BigInt(bits)) - 1n;
  for (;;) {
    const k = leToBigInt(randomBytes(size)) & mask;
    if (k > 0n && k < q) return bigIntToLe(k, size);
  }
}

/** RFC 9215 section 4: the parameter set, then the digest (written for 512-bit keys too, as OpenSSL does). */
function algorithmIdentifier(paramSetOid: string): asn1js.Sequence {
  const algorithm = algorithmOfCurve(curveOf(paramSetOid));
  return new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: algorithm.keyOid }),
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: paramSetOid }),
          new asn1js.ObjectIdentifier({ value: algorithm.digestOid }),
        ],
      }),
    ],
  });
}

function parseDer(der: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) throw new AppError('internal', `${what}: not DER`);
  return parsed.result;
}

/** The parameter set of a GOST R 34.10-2012 key, checked against the key algorithm's size. */
function readAlgorithm(
  node: asn1js.AsnType | undefined,
  what: string,
): { paramSetOid: string; size: 32 | 64 } {
  if (!(node instanceof asn1js.Sequence)) throw new AppError('internal', `${what}: no algorithm`);
  const [oid, params] = node.valueBlock.value;
  const algorithm = oid instanceof asn1js.ObjectIdentifier ? algorithmByKeyOid(oid.getValue()) : undefined;
  if (!algorithm) throw new AppError('internal', `${what}: not a GOST R 34.10-2012 key`);
  const paramSet = params instanceof asn1js.Sequence ? params.valueBlock.value[0] : undefined;
  if (!(paramSet instanceof asn1js.ObjectIdentifier))
    throw new AppError('internal', `${what}: no parameter set`);
  const paramSetOid = paramSet.getValue();
  if (algorithmOfCurve(curveOf(paramSetOid)) !== algorithm) {
    throw new AppError(
      'internal',
      `${what}: parameter set ${paramSetOid} is not of a ${algorithm.size * 8}-bit key`,
    );
  }
  return { paramSetOid, size: algorithm.size };
}

export function encodePkcs8(key: RawPrivateKey): Uint8Array {
  const info = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      algorithmIdentifier(key.paramSetOid),
      // RFC 9215 section 5: the key is itself a DER OCTET STRING. OpenSSL writes the 32 octets bare,
      // which its own reader misparses when the first octet happens to be 0x02, 0x04 or 0x30.
      new asn1js.OctetString({ valueHex: new asn1js.OctetString({ valueHex: key.d }).toBER() }),
    ],
  });
  return new Uint8Array(info.toBER());
}

export function decodePkcs8(der: Uint8Array): RawPrivateKey {
  const root = parseDer(der, 'PKCS#8');
  if (!(root instanceof asn1js.Sequence)) throw new AppError('internal', 'PKCS#8: not a SEQUENCE');
  const [, algorithm, privateKey] = root.valueBlock.value;
  const { paramSetOid, size } = readAlgorithm(algorithm, 'PKCS#8');
  if (!(privateKey instanceof asn1js.OctetString)) throw new AppError('internal', 'PKCS#8: no private key');
  const raw = privateKey.valueBlock.valueHexView;
  if (raw.length === size) return { paramSetOid, d: raw.slice() };
  // Other writers wrap the key once more: an OCTET STRING (little-endian) or an INTEGER (big-endian).
  const inner = parseDer(raw, 'PKCS#8 key');
  if (inner instanceof asn1js.OctetString && inner.valueBlock.valueHexView.length === size) {
    return { paramSetOid, d: inner.valueBlock.valueHexView.slice() };
  }
  if (inner instanceof asn1js.Integer) {
    const be = inner.valueBlock.valueHexView;
    return { paramSetOid, d: bigIntToLe(leToBigInt(be.slice().reverse()), size) };
  }
  throw new AppError('internal', 'PKCS#8: unsupported GOST private key encoding (masked keys are not read)');
}

/** Where the content of the DER element at `offset` starts, and its length. */
function derElement(der: Uint8Array, offset: number): { start: number; length: number } {
  const first = der[offset + 1] ?? 0;
  if (first < 0x80) return { start: offset + 2, length: first };
  let length = 0;
  const octets = first & 0x7f;
  for (let i = 0; i < octets; i++) length = (length << 8) | (der[offset + 2 + i] ?? 0);
  return { start: offset + 2 + octets, length };
}

const OID_TAG = 0x06;
const SEQUENCE_TAG = 0x30;

/**
 * The GOST algorithm of a SubjectPublicKeyInfo, from its algorithm OID read straight off the DER: a
 * verification path that runs thousands of times a second cannot afford a full ASN.1 parse for it.
 */
export function algorithmOfSpkiDer(spki: Uint8Array): GostAlgorithm {
  if (spki[0] === SEQUENCE_TAG) {
    const outer = derElement(spki, 0);
    if (spki[outer.start] === SEQUENCE_TAG) {
      const algorithm = derElement(spki, outer.start);
      if (spki[algorithm.start] === OID_TAG) {
        const oid = derElement(spki, algorithm.start);
        const bytes = spki.subarray(oid.start, oid.start + oid.length);
        for (const candidate of Object.values(GOST_ALGORITHMS)) {
          if (Buffer.from(bytes).equals(Buffer.from(oidDer(candidate.keyOid)))) return candidate;
        }
      }
    }
  }
  throw new AppError('internal', 'SPKI: not a GOST R 34.10-2012 key');
}

const oidCache = new Map<string, Uint8Array>();
function oidDer(oid: string): Uint8Array {
  let der = oidCache.get(oid);
  if (!der) {
    der = new Uint8Array(new asn1js.ObjectIdentifier({ value: oid }).valueBlock.toBER());
    oidCache.set(oid, der);
  }
  return der;
}

export function encodeSpki(key: RawPublicKey): Uint8Array {
  const spki = new asn1js.Sequence({
    value: [
      algorithmIdentifier(key.paramSetOid),
      new asn1js.BitString({ valueHex: new asn1js.OctetString({ valueHex: key.point }).toBER() }),
    ],
  });
  return new Uint8Array(spki.toBER());
}

export function decodeSpki(der: Uint8Array): RawPublicKey {
  const root = parseDer(der, 'SubjectPublicKeyInfo');
  if (!(root instanceof asn1js.Sequence)) throw new AppError('internal', 'SPKI: not a SEQUENCE');
  const [algorithm, bits] = root.valueBlock.value;
  const { paramSetOid, size } = readAlgorithm(algorithm, 'SPKI');
  if (!(bits instanceof asn1js.BitString)) throw new AppError('internal', 'SPKI: no key');
  const inner = parseDer(bits.valueBlock.valueHexView, 'SPKI key');
  if (!(inner instanceof asn1js.OctetString) || inner.valueBlock.valueHexView.length !== 2 * size) {
    throw new AppError('internal', `SPKI: the key is not a ${2 * size}-octet OCTET STRING`);
  }
  return { paramSetOid, point: inner.valueBlock.valueHexView.slice() };
}

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

export function pemToDer(pem: string, expectedLabel?: string): { label: string; der: Uint8Array } {
  const match = PEM_RE.exec(pem);
  if (!match?.[1] || match[2] === undefined) throw new AppError('internal', 'not a PEM document');
  if (expectedLabel && match[1] !== expectedLabel) {
    throw new AppError('internal', `PEM: expected ${expectedLabel}, got ${match[1]}`);
  }
  return { label: match[1], der: new Uint8Array(Buffer.from(match[2].replace(/\s+/g, ''), 'base64')) };
}

export function derToPem(label: string, der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * A private key as the PKI stores it, inside an encrypted envelope: a software key as its PKCS#8 PEM
 * text (what the envelopes have always held), DER as PEM, a token or HSM key as `{"keyId": …}` JSON.
 */
export function serializePrivateKey(key: PrivateKeyInput): Buffer {
  if (typeof key === 'string') return Buffer.from(key, 'utf8');
  if (key instanceof Uint8Array) return Buffer.from(derToPem('PRIVATE KEY', key), 'utf8');
  return Buffer.from(JSON.stringify({ keyId: key.keyId }), 'utf8');
}

export function deserializePrivateKey(bytes: Uint8Array): PrivateKeyInput {
  const text = Buffer.from(bytes).toString('utf8');
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as { keyId?: unknown };
    if (typeof parsed.keyId !== 'string') throw new AppError('internal', 'stored key: no keyId');
    return { keyId: parsed.keyId };
  }
  return text;
}

/** A private key as the software providers take it: PKCS#8 in PEM or DER. */
export function pkcs8Der(key: PrivateKeyInput): Uint8Array {
  if (typeof key === 'string') return pemToDer(key, 'PRIVATE KEY').der;
  if (key instanceof Uint8Array) return key;
  throw new AppError('internal', 'a software GOST provider cannot use a key held in a token or HSM');
}

/** SubjectPublicKeyInfo DER of a PEM public key or certificate, or of a DER certificate. */
export function spkiDer(input: PublicKeyInput): Uint8Array {
  if (typeof input !== 'string') {
    if ('spki' in input) return input.spki;
    return certificateSpki(input.certificate);
  }
  const { label, der } = pemToDer(input);
  if (label === 'PUBLIC KEY') return der;
  if (label === 'CERTIFICATE') return certificateSpki(der);
  throw new AppError('internal', `PEM: expected PUBLIC KEY or CERTIFICATE, got ${label}`);
}

function certificateSpki(der: Uint8Array): Uint8Array {
  return new Uint8Array(Certificate.fromBER(new Uint8Array(der)).subjectPublicKeyInfo.toSchema().toBER());
}
