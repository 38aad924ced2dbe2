import { sha256 } from '@noble/hashes/sha2.js';

/**
 * The journal's hashes, written independently of the server's code from the format in
 * docs/journal-extract.md, so that a bundle is checked by code that does not share the server's bugs.
 * Pure JavaScript (no Node API): the same code runs in the CLI and in the offline HTML page.
 */

export const GENESIS_HASH = '0'.repeat(64);

const encoder = new TextEncoder();

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new Error(`не шестнадцатеричная строка: ${hex.slice(0, 20)}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function sha256Hex(data: string | Uint8Array): string {
  return toHex(sha256(typeof data === 'string' ? encoder.encode(data) : data));
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every level and no whitespace; undefined
 * members left out. Numbers and strings as JSON.stringify writes them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The fields of a journal entry that its hash covers (times as ISO 8601 UTC with milliseconds). */
export interface JournalEntryFields {
  municipalityId: string;
  stream: string;
  seq: number;
  recordedAt: string;
  actorType: string;
  actorId: string | null;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string;
  payloadHash: string;
  prevHash: string;
}

/** An entry's hash: every field and the previous entry's hash in its stream. */
export function entryHash(entry: JournalEntryFields): string {
  return sha256Hex(entryHashInput(entry));
}

/** The text an entry's hash is the SHA-256 of (UTF-8). */
export function entryHashInput(entry: JournalEntryFields): string {
  return canonicalJson([
    'uslugi.journal.v1',
    entry.municipalityId,
    entry.stream,
    entry.seq,
    entry.recordedAt,
    entry.actorType,
    entry.actorId,
    entry.actorName,
    entry.action,
    entry.objectType,
    entry.objectId,
    entry.payloadHash,
    entry.prevHash,
  ]);
}

/** The payload's hash: SHA-256 of its canonical JSON. */
export function payloadHash(payload: unknown): string {
  return sha256Hex(canonicalJson(payload));
}

/** A seal (signed tree head): version 2 carries the Merkle tree's size and root. */
export interface SealFields {
  prevSealHash: string;
  sealedAt: string;
  headCount: number;
  rootHash: string;
  treeSize: number;
  treeRoot: string;
}

export function sealHash(seal: SealFields): string {
  return sha256Hex(
    canonicalJson([
      'uslugi.journal.seal.v2',
      seal.prevSealHash,
      seal.sealedAt,
      seal.headCount,
      seal.rootHash,
      seal.treeSize,
      seal.treeRoot,
    ]),
  );
}
