import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants, createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

export interface StoredFile {
  /** Where the bytes are: `sha256/<hex>`, the same for the same bytes. */
  key: string;
  sha256: string;
  size: number;
}

/**
 * Content-addressed storage of files (DESIGN "Files"): the key is the SHA-256 of the bytes, so storing
 * the same bytes twice stores them once and a stored file cannot change under its key. A local
 * directory by default; S3-compatible object storage is another implementation of this interface.
 */
export interface FileStore {
  put(data: Uint8Array): Promise<StoredFile>;
  /**
   * Takes a finished file at `source` (an upload written to disk while it arrived, its hash already
   * known) into the store without reading it into memory: moved when on the same disk, else copied.
   * `source` is gone afterwards. `sha256`, when the caller hashed the bytes as they arrived, saves
   * reading them again; a wrong one is the caller's bug (the store's `get` would refuse the file).
   */
  putFile(source: string, known?: { sha256: string; size: number }): Promise<StoredFile>;
  /** The bytes under `key`; refuses bytes whose hash no longer matches the key. */
  get(key: string): Promise<Buffer>;
}

const KEY_RE = /^sha256\/([0-9a-f]{64})$/;

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 and size of a file on disk, read as a stream. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Files under `<dir>/sha256/ab/cd/<hash>`; written to a temporary name, flushed, then renamed. */
export function localFileStore(dir: string): FileStore {
  const pathOf = (hash: string) => path.join(dir, 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash);
  return {
    async put(data) {
      const sha256 = sha256Hex(data);
      const target = pathOf(sha256);
      const stored = { key: `sha256/${sha256}`, sha256, size: data.byteLength };
      try {
        await fs.access(target);
        return stored;
      } catch {
        // not stored yet
      }
      // The owner's only, whatever the umask (152-ФЗ ст. 19): documents hold personal data.
      await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await fs.open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // A concurrent writer of the same bytes renames identical content over it: harmless.
      await fs.rename(temporary, target);
      return stored;
    },
    async putFile(source, known) {
      const { sha256, size } = known ?? (await hashFile(source));
      const target = pathOf(sha256);
      const stored = { key: `sha256/${sha256}`, sha256, size };
      try {
        await fs.access(target);
        await fs.rm(source, { force: true });
        return stored;
      } catch {
        // not stored yet
      }
      await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await fs.rename(source, temporary);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        // Another disk: copied (streamed by the kernel), then the source removed.
        await fs.copyFile(source, temporary, fsConstants.COPYFILE_EXCL);
        await fs.rm(source, { force: true });
      }
      try {
        await fs.chmod(temporary, 0o600);
        const handle = await fs.open(temporary, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(temporary, target);
      } catch (error) {
        await fs.rm(temporary, { force: true });
        throw error;
      }
      return stored;
    },
    async get(key) {
      const hash = KEY_RE.exec(key)?.[1];
      if (!hash) throw new AppError('internal', `bad file key ${key}`);
      let data: Buffer;
      try {
        data = await fs.readFile(pathOf(hash));
      } catch (error) {
        throw new AppError('file_missing', `${key}: ${String(error)}`);
      }
      if (sha256Hex(data) !== hash)
        throw new AppError('file_missing', `${key}: content does not match its hash`);
      return data;
    },
  };
}
