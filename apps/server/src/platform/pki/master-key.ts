import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';

/** The installation's master key: KEY_ENCRYPTION_KEY, else `<secrets>/master.key` (made at first start). */

export class MasterKeyError extends Error {}

const KEY_BYTES = 32;

function decode(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new MasterKeyError(
      `${source}: мастер-ключ должен быть 32 байтами в base64 или 64 шестнадцатеричными цифрами`,
    );
  }
  return key;
}

export function masterKeyFile(config: Pick<Config, 'secretsDir'>): string {
  return path.join(config.secretsDir, 'master.key');
}

export interface MasterKey {
  key: Buffer;
  /** KEY_ENCRYPTION_KEY or the file it was read from. */
  source: string;
  generated: boolean;
  /**
   * An earlier version's key file taken out of the data directory at this start: moved (`link`: a new
   * name on the same filesystem, `copy`: across filesystems), or removed as a copy of SECRETS_DIR's.
   */
  moved?: { from: string; to: string; method: 'link' | 'copy' | 'removed-duplicate' };
  /** A different key file still inside the data directory (a copy of DATA_DIR carries it). */
  leftover?: string;
}

type KeyConfig = Pick<Config, 'secretsDir' | 'keyEncryptionKey'> & Partial<Pick<Config, 'legacySecretsDir'>>;

function fsyncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Moves a key file without ever overwriting one: a hard link (atomic, refuses an existing target),
 * then the old name removed; across filesystems a copy written under the new name (refusing an
 * existing one), flushed, then the old file removed. The key exists under at least one name at every
 * moment, so a crash in between leaves both, and the next start removes the duplicate.
 */
export function moveKeyFile(
  from: string,
  to: string,
  link: (existing: string, created: string) => void = fs.linkSync,
): 'link' | 'copy' {
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
  let method: 'link' | 'copy' = 'link';
  try {
    link(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    method = 'copy';
    const fd = fs.openSync(to, 'wx', 0o600);
    try {
      fs.writeSync(fd, fs.readFileSync(from));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  fs.chmodSync(to, 0o600);
  fsyncDirectory(path.dirname(to));
  fs.rmSync(from);
  fsyncDirectory(path.dirname(from));
  return method;
}

/** The old secrets directory goes too when nothing else is in it. */
function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // not empty, or already gone: left as it is
  }
}

/**
 * Reads the master key. Without one, a new key is generated only when nothing is encrypted yet
 * (`keysExist` false) and no key file exists anywhere: a missing key for existing keys is an error,
 * never a silent new key. An earlier version kept the key in `<DATA_DIR>/secrets` (`legacySecretsDir`),
 * so a copy of the data directory carried the key to every envelope in it; that file is moved to
 * SECRETS_DIR when SECRETS_DIR has none. With KEY_ENCRYPTION_KEY no file is touched.
 */
export function loadMasterKey(config: KeyConfig, keysExist: boolean): MasterKey {
  const file = masterKeyFile(config);
  const legacy = config.legacySecretsDir ? path.join(config.legacySecretsDir, 'master.key') : undefined;
  const old = legacy !== undefined && legacy !== file && fs.existsSync(legacy) ? legacy : undefined;
  if (config.keyEncryptionKey) {
    return {
      key: decode(config.keyEncryptionKey, 'KEY_ENCRYPTION_KEY'),
      source: 'KEY_ENCRYPTION_KEY',
      generated: false,
      ...(old && { leftover: old }),
    };
  }
  if (fs.existsSync(file)) {
    const key = decode(fs.readFileSync(file, 'utf8'), file);
    if (!old) return { key, source: file, generated: false };
    // Both: the same key in the data directory is a copy that must not be there (a crash during the
    // move leaves one); a different one is left for a person to look at.
    if (!decode(fs.readFileSync(old, 'utf8'), old).equals(key)) {
      return { key, source: file, generated: false, leftover: old };
    }
    fs.rmSync(old);
    removeIfEmpty(path.dirname(old));
    return {
      key,
      source: file,
      generated: false,
      moved: { from: old, to: file, method: 'removed-duplicate' },
    };
  }
  if (old) {
    decode(fs.readFileSync(old, 'utf8'), old); // a damaged file stays where it is
    const method = moveKeyFile(old, file);
    removeIfEmpty(path.dirname(old));
    const key = decode(fs.readFileSync(file, 'utf8'), file);
    return { key, source: file, generated: false, moved: { from: old, to: file, method } };
  }
  if (keysExist) {
    throw new MasterKeyError(
      `Ключи установки в базе данных зашифрованы мастер-ключом, а его нет: задайте KEY_ENCRYPTION_KEY ` +
        `или верните файл ${file}`,
    );
  }
  const key = randomBytes(KEY_BYTES);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx': a concurrent first start that wrote the file first wins; we read its key instead.
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: decode(fs.readFileSync(file, 'utf8'), file), source: file, generated: false };
  }
  return { key, source: file, generated: true };
}
