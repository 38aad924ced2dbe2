import * as asn1js from 'asn1js';

/** Byte helpers without Node's Buffer: the same code runs in the browser. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...ALPHABET].map((ch, i) => [ch, i]));

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63]! : '=';
  }
  return out;
}

/**
 * Base64 (RFC 4648 section 4) in its one canonical form: padded, no whitespace, unused bits zero. A
 * lenient decoder reads "QQ==" and "QR==" as the same byte: a file changed that way would still verify,
 * so anything but the canonical form is refused (undefined).
 */
export function fromBase64Strict(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const chunk = text.slice(i, i + 4);
    const pad = last ? (chunk.endsWith('==') ? 2 : chunk.endsWith('=') ? 1 : 0) : 0;
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = chunk[j]!;
      const v = j >= 4 - pad ? 0 : VALUE.get(ch);
      if (v === undefined) return undefined;
      n = (n << 6) | v;
    }
    out.push((n >> 16) & 255);
    if (pad < 2) out.push((n >> 8) & 255);
    if (pad < 1) out.push(n & 255);
  }
  const bytes = new Uint8Array(out);
  return toBase64(bytes) === text ? bytes : undefined;
}

/** The DER of a PEM document (the first one), or the bytes themselves when they are not PEM. */
export function pemOrDer(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 100_000));
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!match?.[2]) return bytes;
  return fromBase64Strict(match[2].replace(/\s+/g, '')) ?? new Uint8Array(0);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toHexUpper(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out.toUpperCase();
}

/** Copies into a fresh ArrayBuffer (pkijs and asn1js take ArrayBuffer-backed views). */
export function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

/**
 * Parses DER and requires it to be DER: the whole input one element, which re-encodes to the same
 * bytes. A BER variant (long length forms, trailing bytes) of signed data is refused: an unsigned
 * byte that could change without changing the meaning would let a changed file pass.
 */
export function parseDerStrict(bytes: Uint8Array): asn1js.AsnType | undefined {
  const parsed = asn1js.fromBER(buffer(bytes));
  if (parsed.offset !== bytes.length || parsed.result.error) return undefined;
  let again: Uint8Array;
  try {
    again = new Uint8Array(parsed.result.toBER(false));
  } catch {
    return undefined;
  }
  return bytesEqual(again, bytes) ? parsed.result : undefined;
}
