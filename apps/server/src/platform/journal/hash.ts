import { createHash } from 'node:crypto';
import { canonicalJson, entryHashInput, sealHash as treeSealHash } from '@uslugi/journal-verifier';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so that equal payloads hash equally. */
export { canonicalJson };

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface EntryHashInput {
  municipalityId: string;
  stream: string;
  seq: number;
  recordedAt: Date;
  actorType: string;
  actorId: string | null;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string;
  payloadHash: string;
  prevHash: string;
}

/**
 * The entry's hash covers every field of the entry and the previous entry's hash in its stream: the
 * format of @uslugi/journal-verifier (the offline verifier's), hashed here with Node's SHA-256.
 */
export function entryHash(entry: EntryHashInput): string {
  return sha256Hex(entryHashInput({ ...entry, recordedAt: entry.recordedAt.toISOString() }));
}

export interface SealHead {
  municipalityId: string;
  stream: string;
  seq: number;
  hash: string;
}

export function sealRoot(heads: SealHead[]): string {
  const lines = heads
    .map((h) => `${h.municipalityId}|${h.stream}|${h.seq}|${h.hash}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256Hex(lines.join('\n'));
}

/**
 * A seal's hash by its version: version 1 (before the Merkle tree) covers the chain, the time and the
 * streams' heads; version 2 also the tree's size and root (the format in @uslugi/journal-verifier).
 */
export function sealHash(seal: {
  version?: number;
  prevSealHash: string;
  sealedAt: Date;
  headCount: number;
  rootHash: string;
  treeSize?: number | null;
  treeRoot?: string | null;
}) {
  if (seal.version === 2) {
    return treeSealHash({
      prevSealHash: seal.prevSealHash,
      sealedAt: seal.sealedAt.toISOString(),
      headCount: seal.headCount,
      rootHash: seal.rootHash,
      treeSize: seal.treeSize ?? -1,
      treeRoot: seal.treeRoot ?? '',
    });
  }
  return sha256Hex(
    canonicalJson([
      'uslugi.journal.seal.v1',
      seal.prevSealHash,
      seal.sealedAt.toISOString(),
      seal.headCount,
      seal.rootHash,
    ]),
  );
}
