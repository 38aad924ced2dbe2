import type { GostProvider, PrivateKeyInput } from '../crypto/provider.js';
import { ESIA_JWT_ALG, base64url } from './protocol.js';

/**
 * JWS compact tokens signed with GOST R 34.10-2012 (256) as ESIA signs them (§2.3): the signature
 * segment is the raw 64-octet value in OpenSSL order over `base64url(header).base64url(payload)`,
 * digest Streebog-256. By hand: no JWT library knows the algorithm, and a hand-written verifier
 * cannot be talked into `alg: none`.
 */

export type JsonObject = Record<string, unknown>;

export interface DecodedJwt {
  header: JsonObject;
  payload: JsonObject;
  signingInput: string;
  signature: Uint8Array;
}

export async function signGostJwt(
  provider: GostProvider,
  key: PrivateKeyInput,
  header: JsonObject,
  payload: JsonObject,
): Promise<string> {
  const signingInput = `${base64url(JSON.stringify({ ...header, alg: ESIA_JWT_ALG }))}.${base64url(JSON.stringify(payload))}`;
  const signature = await provider.sign(key, Buffer.from(signingInput, 'ascii'));
  return `${signingInput}.${base64url(signature)}`;
}

const SEGMENT_RE = /^[A-Za-z0-9_-]*$/;

function jsonSegment(segment: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : null;
  } catch {
    return null;
  }
}

/** The parts of a compact JWS, or null when it is not one. Verifies nothing. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => SEGMENT_RE.test(p))) return null;
  const [h = '', p = '', s = ''] = parts;
  const header = jsonSegment(h);
  const payload = jsonSegment(p);
  if (!header || !payload) return null;
  return {
    header,
    payload,
    signingInput: `${h}.${p}`,
    signature: new Uint8Array(Buffer.from(s, 'base64url')),
  };
}

/** True only for a GOST-signed token whose signature the certificate's key verifies. */
export async function verifyGostJwtSignature(
  provider: GostProvider,
  certificateDer: Uint8Array,
  jwt: DecodedJwt,
): Promise<boolean> {
  if (jwt.header.alg !== ESIA_JWT_ALG || jwt.signature.length !== 64) return false;
  try {
    return await provider.verify(
      { certificate: certificateDer },
      Buffer.from(jwt.signingInput, 'ascii'),
      jwt.signature,
    );
  } catch {
    return false;
  }
}
