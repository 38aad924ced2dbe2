import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import { Certificate } from 'pkijs';
import { AppError } from '../errors.js';
import { OID } from './oids.js';
import type { PrivateKeyInput, PublicKeyInput } from './provider.js';

/**
 * Key encodings shared by every software provider, so a key made by one is read by the other and by
 * the OpenSSL CLI: PKCS#8 and SubjectPublicKeyInfo of RFC 9215: the private key an OCTET STRING of
 * 32 little-endian octets, the public key an OCTET STRING of x||y, each little-endian.
 */

/** CryptoPro parameter sets of 256-bit keys (RFC 4357); XA and XB are the key-exchange aliases of A and C. */
export type GostParamSet = 'A' | 'B' | 'C' | 'XA' | 'XB';

/** The curves behind the parameter-set OIDs; 'test' is the example curve of GOST R 34.10-2012, appendix A.1. */
export type GostCurve = 'A' | 'B' | 'C' | 'test' | 'tc26-a';

const CURVE_ORDER: Record<Exclude<GostCurve, 'tc26-a'>, bigint> = {
  A: 0xffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893n,
  B: 0x800000000000000000000000000000015f700cfff1a624e5e497161bcc8a198fn,
  C: 0x9b9f605f5a858107ab1ec85e6b41c8aa582ca3511eddfb74f02f3a6598980bb9n,
  test: 0x8000000000000000000000000000000150fe8a1892976154c59cfc193accf5b3n,
};

export const PARAM_SET_OID: Record<GostParamSet, string> = {
  A: OID.paramSetCryptoProA,
  B: OID.paramSetCryptoProB,
  C: OID.paramSetCryptoProC,
  XA: OID.paramSetCryptoProXchA,
  XB: OID.paramSetCryptoProXchB,
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
};

export function curveOf(paramSetOid: string): GostCurve {
  const curve = CURVE_BY_OID[paramSetOid];
  if (!curve) throw new AppError('internal', `unknown GOST R 34.10-2012 parameter set ${paramSetOid}`);
  return curve;
}

export interface RawPrivateKey {
  paramSetOid: string;
  /** The secret scalar, 32 octets little-endian. */
  d: Uint8Array;
}

export interface RawPublicKey {
  paramSetOid: string;
  /** x||y, each 32 octets little-endian. */
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
  if (curve === 'tc26-a') throw new AppError('internal', 'TC26 parameter set A is not supported');
  const q = CURVE_ORDER[curve];
  const bits = q.toString(2).length;
  const mask = (1n << BigInt(bits)) - 1n;
  for (;;) {
    const k = leToBigInt(randomBytes(32)) & mask;
    if (k > 0n && k < q) return bigIntToLe(k, 32);
  }
}

function algorithmIdentifier(paramSetOid: string): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: OID.gost2012PublicKey256 }),
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: paramSetOid }),
          new asn1js.ObjectIdentifier({ value: OID.streebog256 }),
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

function readAlgorithm(node: asn1js.AsnType | undefined, what: string): string {
  if (!(node instanceof asn1js.Sequence)) throw new AppError('internal', `${what}: no algorithm`);
  const [oid, params] = node.valueBlock.value;
  if (!(oid instanceof asn1js.ObjectIdentifier) || oid.getValue() !== OID.gost2012PublicKey256) {
    throw new AppError('internal', `${what}: not a GOST R 34.10-2012 256-bit key`);
  }
  const paramSet = params instanceof asn1js.Sequence ? params.valueBlock.value[0] : undefined;
  if (!(paramSet instanceof asn1js.ObjectIdentifier))
    throw new AppError('internal', `${what}: no parameter set`);
  return paramSet.getValue();
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
  const paramSetOid = readAlgorithm(algorithm, 'PKCS#8');
  if (!(privateKey instanceof asn1js.OctetString)) throw new AppError('internal', 'PKCS#8: no private key');
  const raw = privateKey.valueBlock.valueHexView;
  if (raw.length === 32) return { paramSetOid, d: raw.slice() };
  // Other writers wrap the key once more: an OCTET STRING (little-endian) or an INTEGER (big-endian).
  const inner = parseDer(raw, 'PKCS#8 key');
  if (inner instanceof asn1js.OctetString && inner.valueBlock.valueHexView.length === 32) {
    return { paramSetOid, d: inner.valueBlock.valueHexView.slice() };
  }
  if (inner instanceof asn1js.Integer) {
    const be = inner.valueBlock.valueHexView;
    return { paramSetOid, d: bigIntToLe(leToBigInt(be.slice().reverse()), 32) };
  }
  throw new AppError('internal', 'PKCS#8: unsupported GOST private key encoding (masked keys are not read)');
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
  const paramSetOid = readAlgorithm(algorithm, 'SPKI');
  if (!(bits instanceof asn1js.BitString)) throw new AppError('internal', 'SPKI: no key');
  const inner = parseDer(bits.valueBlock.valueHexView, 'SPKI key');
  if (!(inner instanceof asn1js.OctetString) || inner.valueBlock.valueHexView.length !== 64) {
    throw new AppError('internal', 'SPKI: the key is not a 64-octet OCTET STRING');
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
