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

/**
 * Reads the master key. Without one, a new key is generated only when nothing is encrypted yet
 * (`keysExist` false): a missing key for existing keys is an error, never a silent new key.
 */
export function loadMasterKey(
  config: Pick<Config, 'secretsDir' | 'keyEncryptionKey'>,
  keysExist: boolean,
): { key: Buffer; source: string; generated: boolean } {
  if (config.keyEncryptionKey) {
    return {
      key: decode(config.keyEncryptionKey, 'KEY_ENCRYPTION_KEY'),
      source: 'KEY_ENCRYPTION_KEY',
      generated: false,
    };
  }
  const file = masterKeyFile(config);
  if (fs.existsSync(file))
    return { key: decode(fs.readFileSync(file, 'utf8'), file), source: file, generated: false };
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
