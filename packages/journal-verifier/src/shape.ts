import { EXTRACT_FORMAT, PUBLISHED_HEAD_FORMAT, type ExtractBundle, type PublishedHead } from './format.js';

/**
 * The shape of an extract file (format.ts): every field the checks read, with its type. The first
 * problem is named by its path in the file (body.entries[3].proof[1]), in Russian.
 */

type Json = Record<string, unknown>;

class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

const HASH_RE = /^[0-9a-f]{64}$/;
const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function object(value: unknown, path: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ShapeError(path, 'не объект');
  return value as Json;
}

function field(o: Json, key: string, path: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(o, key)) throw new ShapeError(`${path}.${key}`, 'нет поля');
  return o[key];
}

function string(o: Json, key: string, path: string): string {
  const value = field(o, key, path);
  if (typeof value !== 'string') throw new ShapeError(`${path}.${key}`, 'не строка');
  return value;
}

function optionalString(o: Json, key: string, path: string): void {
  if (o[key] !== undefined) string(o, key, path);
}

function nullableString(o: Json, key: string, path: string): void {
  const value = field(o, key, path);
  if (value !== null && typeof value !== 'string')
    throw new ShapeError(`${path}.${key}`, 'не строка и не null');
}

function hash(o: Json, key: string, path: string): void {
  if (!HASH_RE.test(string(o, key, path))) {
    throw new ShapeError(`${path}.${key}`, 'не хэш SHA-256 (64 строчные шестнадцатеричные цифры)');
  }
}

function time(o: Json, key: string, path: string): void {
  const value = string(o, key, path);
  if (!TIME_RE.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ShapeError(`${path}.${key}`, 'не дата и время ISO 8601');
  }
}

function integer(o: Json, key: string, path: string, min = 0): void {
  const value = field(o, key, path);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ShapeError(
      `${path}.${key}`,
      min > 0 ? 'не целое число больше нуля' : 'не целое неотрицательное число',
    );
  }
}

function array(o: Json, key: string, path: string): unknown[] {
  const value = field(o, key, path);
  if (!Array.isArray(value)) throw new ShapeError(`${path}.${key}`, 'не массив');
  return value;
}

function hashes(o: Json, key: string, path: string): void {
  array(o, key, path).forEach((item, i) => {
    if (typeof item !== 'string' || !HASH_RE.test(item)) {
      throw new ShapeError(`${path}.${key}[${i}]`, 'не хэш SHA-256 (64 строчные шестнадцатеричные цифры)');
    }
  });
}

function strings(o: Json, key: string, path: string): void {
  array(o, key, path).forEach((item, i) => {
    if (typeof item !== 'string') throw new ShapeError(`${path}.${key}[${i}]`, 'не строка');
  });
}

function oneOf(o: Json, key: string, path: string, allowed: readonly string[]): void {
  const value = field(o, key, path);
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new ShapeError(`${path}.${key}`, `не одно из значений ${allowed.join(', ')}`);
  }
}

function signedHead(head: Json, path: string): void {
  integer(head, 'sealId', path);
  hash(head, 'sealHash', path);
  string(head, 'signature', path);
  string(head, 'prevSealHash', path);
  time(head, 'sealedAt', path);
  integer(head, 'headCount', path);
  string(head, 'rootHash', path);
  integer(head, 'treeSize', path, 1);
  hash(head, 'treeRoot', path);
}

function checkBundle(value: unknown): void {
  const bundle = object(value, 'файл');
  const body = object(field(bundle, 'body', 'файл'), 'body');
  const manifest = object(field(bundle, 'manifest', 'файл'), 'manifest');
  string(bundle, 'signature', 'файл');

  if (field(body, 'format', 'body') !== EXTRACT_FORMAT) {
    throw new ShapeError('body.format', `не ${EXTRACT_FORMAT}: файл не выписка этого формата`);
  }
  const extract = object(field(body, 'extract', 'body'), 'body.extract');
  for (const key of ['id', 'number', 'recipient', 'purpose']) string(extract, key, 'body.extract');
  time(extract, 'madeAt', 'body.extract');
  const madeBy = object(field(extract, 'madeBy', 'body.extract'), 'body.extract.madeBy');
  string(madeBy, 'name', 'body.extract.madeBy');
  nullableString(madeBy, 'position', 'body.extract.madeBy');
  const scope = object(field(extract, 'scope', 'body.extract'), 'body.extract.scope');
  oneOf(scope, 'kind', 'body.extract.scope', ['case', 'applicant', 'employee', 'period']);
  string(scope, 'label', 'body.extract.scope');
  optionalString(scope, 'from', 'body.extract.scope');
  optionalString(scope, 'to', 'body.extract.scope');
  const municipality = object(field(extract, 'municipality', 'body.extract'), 'body.extract.municipality');
  for (const key of ['id', 'name', 'oktmo']) string(municipality, key, 'body.extract.municipality');
  oneOf(extract, 'payloads', 'body.extract', ['included', 'withheld']);

  array(body, 'entries', 'body').forEach((item, i) => {
    const path = `body.entries[${i}]`;
    const entry = object(item, path);
    integer(entry, 'leafIndex', path);
    integer(entry, 'id', path);
    string(entry, 'title', path);
    hashes(entry, 'proof', path);
    const fields = object(field(entry, 'entry', path), `${path}.entry`);
    const p = `${path}.entry`;
    for (const key of [
      'municipalityId',
      'stream',
      'actorType',
      'actorName',
      'action',
      'objectType',
      'objectId',
    ]) {
      string(fields, key, p);
    }
    integer(fields, 'seq', p);
    time(fields, 'recordedAt', p);
    nullableString(fields, 'actorId', p);
    hash(fields, 'payloadHash', p);
    hash(fields, 'prevHash', p);
    hash(fields, 'hash', p);
  });
  signedHead(object(field(body, 'head', 'body'), 'body.head'), 'body.head');
  array(body, 'consistency', 'body').forEach((item, i) => {
    const path = `body.consistency[${i}]`;
    const proof = object(item, path);
    integer(proof, 'fromSize', path, 1);
    hash(proof, 'fromRoot', path);
    hashes(proof, 'proof', path);
  });
  strings(body, 'certificates', 'body');
  strings(body, 'crls', 'body');

  if (field(manifest, 'format', 'manifest') !== EXTRACT_FORMAT) {
    throw new ShapeError('manifest.format', `не ${EXTRACT_FORMAT}`);
  }
  for (const key of ['extract', 'head', 'consistency', 'certificates', 'crls'])
    hash(manifest, key, 'manifest');
  hashes(manifest, 'entries', 'manifest');
}

export type ShapeResult<T> = { ok: true; value: T } | { ok: false; path: string; problem: string };

function run<T>(value: unknown, check: (value: unknown) => void): ShapeResult<T> {
  try {
    check(value);
    return { ok: true, value: value as T };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, path: error.path, problem: error.problem };
    throw error;
  }
}

export function checkBundleShape(value: unknown): ShapeResult<ExtractBundle> {
  return run(value, checkBundle);
}

export function checkPublishedHeadShape(value: unknown): ShapeResult<PublishedHead> {
  return run(value, (v) => {
    const head = object(v, 'строка');
    if (field(head, 'format', 'строка') !== PUBLISHED_HEAD_FORMAT) {
      throw new ShapeError('format', `не ${PUBLISHED_HEAD_FORMAT}`);
    }
    signedHead(head, 'голова');
  });
}
