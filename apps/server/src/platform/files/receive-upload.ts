import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyMultipartOptions } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { line } from '@uslugi/contracts';
import type { Config } from '../../config.js';
import { runCommand, type CommandContext } from '../commands.js';
import { AppError } from '../errors.js';
import { scanFile, ScannerUnavailable } from './clamav.js';
import type { FileStore, StoredFile } from './file-store.js';
import {
  ACCEPTED_TITLES,
  extensionOf,
  FILE_KINDS,
  kindsOfExtension,
  sniffFile,
  type FileKind,
} from './file-types.js';

/**
 * File intake (docs/file-intake.md): a multipart upload is written to a temporary file under
 * <DATA_DIR>/tmp while it arrives — hashed and counted on the way, never held whole in memory —
 * then recognised by its content, checked by clamd when one is configured, and only then taken into
 * the content-addressed FileStore. A refused upload leaves nothing: no temporary file, no stored bytes.
 */

/** What an intake needs of the installation (from the config) and where it stores. */
export interface UploadIntake {
  files: FileStore;
  tmpDir: string;
  quarantineDir: string;
  /** The largest file, bytes (UPLOAD_MAX_FILE_MB). */
  maxFileBytes: number;
  /** CLAMAV_SOCKET; undefined: no scan (`not_scanned`). */
  clamavSocket: string | undefined;
}

export const MB = 1024 * 1024;

export function uploadIntake(config: Config, files: FileStore): UploadIntake {
  return {
    files,
    tmpDir: config.uploadTmpDir,
    quarantineDir: config.quarantineDir,
    maxFileBytes: config.uploadMaxFileMb * MB,
    clamavSocket: config.clamavSocket,
  };
}

/**
 * The multipart parser's options (registered once in app.ts): one file and a few short text fields
 * a request; the file's own limit is the intake's (cut at the limit, and the intake refuses it).
 */
export const MULTIPART_OPTIONS: FastifyMultipartOptions = {
  limits: { files: 1, fields: 10, fieldSize: 10_000, parts: 12, headerPairs: 100 },
};

/**
 * How a route's OpenAPI description shows an upload: a multipart form with the file in the field
 * `file` (and, for some routes, text fields before it). Nullish, so that Fastify's validation lets
 * the multipart stream through untouched (the parsed body is null); the intake reads the stream and
 * refuses anything else (a JSON body) with «Приложите файл».
 */
export function multipartBody(fields: Record<string, ReturnType<typeof line>> = {}) {
  return {
    consumes: ['multipart/form-data'],
    body: z
      .object({
        ...fields,
        file: line().meta({ format: 'binary' }).describe('Файл'),
      })
      .nullish(),
  };
}

export type ScanStatus = 'clean' | 'not_scanned';

/** An upload received and accepted, still in its temporary file. */
export interface ReceivedUpload {
  /** The name as the client gave it, without any directory, control characters cut, at most 255. */
  fileName: string;
  kind: FileKind;
  /** The media type of the recognised kind (never the one the client declared). */
  mediaType: string;
  size: number;
  sha256: string;
  scan: ScanStatus;
  /** Text fields sent before the file in the same form. */
  fields: Record<string, string>;
  /** The temporary file (0600), to read what needs the bytes (a digest with no streaming form). */
  path: string;
  /** Takes the file into the FileStore (moved, not read into memory). */
  store(): Promise<StoredFile>;
  /** Removes the temporary file if it is still there (after `store` it is not). Always call it. */
  discard(): Promise<void>;
}

export interface ReceiveOptions {
  intake: UploadIntake;
  /** Who uploads, for the journal entry of a quarantined file. */
  ctx: CommandContext;
  /** A smaller limit than the intake's (a document: 10 МБ). */
  maxBytes?: number;
}

/** «Файл «x.exe»: …» — the refusal names the file. */
function refusal(code: ConstructorParameters<typeof AppError>[0], fileName: string, what: string) {
  return new AppError(code, `${fileName}: ${what}`, [
    { path: 'file', message: `Файл «${fileName}»: ${what}` },
  ]);
}

/** `50 МБ`, `1,5 МБ`. */
export function formatMb(bytes: number): string {
  const mb = bytes / MB;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace('.', ',')} МБ`;
}

export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return Array.from(clean || 'файл')
    .slice(0, 255)
    .join('');
}

class TooLarge extends Error {}

/**
 * Receives the request's one file (field `file`): streamed to a temporary file (0600 under
 * <DATA_DIR>/tmp) while hashed and counted, refused at the limit (413) as soon as it is passed;
 * recognised by content (type whitelist, extension agreeing); scanned when CLAMAV_SOCKET is set.
 * Every refusal is an AppError with the file's Russian message in `fields[0]` and removes the
 * temporary file; an infected file goes to the quarantine and `file.quarantined` is journaled.
 */
export async function receiveUpload(
  request: FastifyRequest,
  options: ReceiveOptions,
): Promise<ReceivedUpload> {
  const { intake } = options;
  const maxBytes = Math.min(options.maxBytes ?? intake.maxFileBytes, intake.maxFileBytes);
  if (!request.isMultipart()) throw new AppError('upload_file_missing', 'not multipart/form-data');
  let part;
  try {
    // One byte past the limit reaches the counter, which refuses it; the parser cuts the rest.
    part = await request.file({ limits: { ...MULTIPART_OPTIONS.limits, fileSize: maxBytes + 1 } });
  } catch (error) {
    throw new AppError('bad_request', `multipart: ${String(error)}`);
  }
  if (!part) throw new AppError('upload_file_missing', 'no file part');
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw new AppError('upload_file_missing', `file in field ${part.fieldname}`);
  }
  const fileName = cleanFileName(part.filename);
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    const field = Array.isArray(value) ? value[0] : value;
    if (field && field.type === 'field' && typeof field.value === 'string') fields[name] = field.value;
  }

  await fs.mkdir(intake.tmpDir, { recursive: true, mode: 0o700 });
  const tempPath = path.join(intake.tmpDir, `upload-${randomBytes(12).toString('hex')}`);
  const discard = () => fs.rm(tempPath, { force: true });
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new TooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const sink = createWriteStream(tempPath, { flags: 'wx', mode: 0o600 });
  try {
    await pipeline(part.file, counter, sink);
    if (part.file.truncated) throw new TooLarge();
  } catch (error) {
    // A request cut short can fail the pipeline while the file is still being opened: wait until the
    // file stream has closed, so the file its open creates is there to be discarded, not left behind.
    if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
    await discard();
    if (error instanceof TooLarge) throw refusal('file_too_large', fileName, `больше ${formatMb(maxBytes)}`);
    throw new AppError('bad_request', `upload interrupted: ${String(error)}`);
  }

  try {
    if (size === 0) throw refusal('file_empty', fileName, 'файл пустой');
    const extension = extensionOf(fileName);
    const kind = await sniffFile(tempPath);
    const refusedType = () =>
      refusal('file_type_refused', fileName, `такой тип файла не принимается. Допустимы ${ACCEPTED_TITLES}`);
    if (kindsOfExtension(extension).length === 0 || !kind) throw refusedType();
    if (!(FILE_KINDS[kind].extensions as readonly string[]).includes(extension)) {
      throw refusal('file_extension_mismatch', fileName, 'расширение не соответствует содержимому');
    }
    const sha256 = hash.digest('hex');
    let scan: ScanStatus = 'not_scanned';
    if (intake.clamavSocket) {
      let result;
      try {
        result = await scanFile(intake.clamavSocket, tempPath);
      } catch (error) {
        if (!(error instanceof ScannerUnavailable)) throw error;
        request.log.warn({ err: error }, 'virus scanner unavailable: upload refused');
        throw new AppError('scanner_unavailable', error.message, [
          { path: 'file', message: `Файл «${fileName}»: проверка на вирусы недоступна, повторите позже` },
        ]);
      }
      if (result.infected) {
        await quarantine(intake, tempPath, sha256);
        await runCommand(options.ctx, ({ journal }) =>
          journal({
            action: 'file.quarantined',
            objectType: 'file',
            objectId: sha256,
            payload: { sha256, finding: result.finding, fileName, size },
          }),
        );
        request.log.warn({ sha256, finding: result.finding }, 'infected upload quarantined');
        throw new AppError('file_infected', `${sha256}: ${result.finding}`, [
          { path: 'file', message: `Файл «${fileName}»: файл заражён (${result.finding})` },
        ]);
      }
      scan = 'clean';
    }
    return {
      fileName,
      kind,
      mediaType: FILE_KINDS[kind].mediaType,
      size,
      sha256,
      scan,
      fields,
      path: tempPath,
      store: () => intake.files.putFile(tempPath, { sha256, size }),
      discard,
    };
  } catch (error) {
    await discard();
    throw error;
  }
}

/** An infected file is kept for the administrator under <DATA_DIR>/quarantine (0700), not in the store. */
async function quarantine(intake: UploadIntake, tempPath: string, sha256: string): Promise<void> {
  await fs.mkdir(intake.quarantineDir, { recursive: true, mode: 0o700 });
  await fs.chmod(intake.quarantineDir, 0o700);
  const target = path.join(intake.quarantineDir, `${sha256}-${Date.now()}`);
  try {
    await fs.rename(tempPath, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await fs.copyFile(tempPath, target);
    await fs.rm(tempPath, { force: true });
  }
  await fs.chmod(target, 0o600);
}

/**
 * Receives and stores in one step, for a caller with no check between the two (see `receiveUpload`
 * for one that checks under its own transaction before storing).
 */
export async function receiveAndStore(
  request: FastifyRequest,
  options: ReceiveOptions,
): Promise<{
  stored: StoredFile;
  fileName: string;
  mediaType: string;
  scan: ScanStatus;
  fields: Record<string, string>;
}> {
  const received = await receiveUpload(request, options);
  try {
    const stored = await received.store();
    return {
      stored,
      fileName: received.fileName,
      mediaType: received.mediaType,
      scan: received.scan,
      fields: received.fields,
    };
  } finally {
    await received.discard();
  }
}
