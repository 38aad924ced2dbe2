import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback } from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../errors.js';

/**
 * Private keys at rest. AES-256-GCM everywhere; the additional data binds each envelope to what it
 * protects (purpose and certificate), so an envelope moved to another row does not open.
 *  - installation keys (CA, system signer): under the master key;
 *  - an employee's key: under a key derived by scrypt from the PIN, then under the master key, so a
 *    copy of the database alone is not enough to try PINs offline.
 */

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

interface Box {
  iv: string;
  tag: string;
}

export interface MasterEnvelope {
  v: 1;
  alg: 'A256GCM';
  box: Box;
  data: string;
}

export interface PinEnvelope {
  v: 1;
  alg: 'A256GCM';
  kdf: { alg: 'scrypt'; n: number; r: number; p: number; salt: string };
  pin: Box;
  master: Box;
  data: string;
}

/** scrypt cost: 2^15 × 8 × 128 bytes = 32 MiB and ~0.1 s a try; the lock stops online guessing. */
const SCRYPT = { n: 2 ** 15, r: 8, p: 1 };

const b64 = (data: Uint8Array) => Buffer.from(data).toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64');

function encrypt(key: Buffer, plaintext: Uint8Array, aad: string): { box: Box; data: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { box: { iv: b64(iv), tag: b64(cipher.getAuthTag()) }, data };
}

/** The plaintext, or undefined when the key is wrong or anything was changed. */
function decrypt(key: Buffer, box: Box, data: Buffer, aad: string): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, unb64(box.iv));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(unb64(box.tag));
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return undefined;
  }
}

export function sealWithMasterKey(masterKey: Buffer, plaintext: Uint8Array, aad: string): MasterEnvelope {
  const { box, data } = encrypt(masterKey, plaintext, aad);
  return { v: 1, alg: 'A256GCM', box, data: b64(data) };
}

export function openWithMasterKey(masterKey: Buffer, envelope: unknown, aad: string): Buffer {
  const e = envelope as MasterEnvelope;
  const plaintext = e?.v === 1 ? decrypt(masterKey, e.box, unb64(e.data), aad) : undefined;
  if (!plaintext) {
    throw new AppError(
      'unavailable',
      'the master key does not open the installation keys: KEY_ENCRYPTION_KEY or master.key is not the one they were made with',
    );
  }
  return plaintext;
}

function pinKey(pin: string, salt: Buffer, kdf: PinEnvelope['kdf']): Promise<Buffer> {
  return scrypt(pin.normalize('NFC'), salt, 32, {
    N: kdf.n,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.n * kdf.r,
  });
}

export async function sealWithPin(
  masterKey: Buffer,
  pin: string,
  plaintext: Uint8Array,
  aad: string,
): Promise<PinEnvelope> {
  const kdf = { alg: 'scrypt' as const, ...SCRYPT, salt: b64(randomBytes(16)) };
  const inner = encrypt(await pinKey(pin, unb64(kdf.salt), kdf), plaintext, aad);
  const outer = encrypt(masterKey, inner.data, aad);
  return { v: 1, alg: 'A256GCM', kdf, pin: inner.box, master: outer.box, data: b64(outer.data) };
}

/** The key, or undefined for a wrong PIN. A master key that does not fit is an installation fault. */
export async function openWithPin(
  masterKey: Buffer,
  pin: string,
  envelope: unknown,
  aad: string,
): Promise<Buffer | undefined> {
  const e = envelope as PinEnvelope;
  if (e?.v !== 1 || e.kdf?.alg !== 'scrypt') throw new AppError('internal', 'unknown key envelope');
  const inner = decrypt(masterKey, e.master, unb64(e.data), aad);
  if (!inner) throw new AppError('unavailable', 'the master key does not open an employee key');
  return decrypt(await pinKey(pin, unb64(e.kdf.salt), e.kdf), e.pin, inner, aad);
}
