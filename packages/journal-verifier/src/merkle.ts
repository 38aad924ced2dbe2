import { sha256 } from '@noble/hashes/sha2.js';
import { fromHex, toHex } from './hash.js';

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0) section 2.1 over the journal's entries in
 * sealing order, with SHA-256: a leaf is HASH(0x00 || leaf data), a node HASH(0x01 || left || right),
 * the tree of n leaves splits at the largest power of two smaller than n. The leaf data of a journal
 * entry is its hash (32 bytes), which covers every field of the entry and its stream's chain.
 *
 * Both sides live here: proof verification (RFC 9162 2.1.3.2, 2.1.4.2), which the offline verifier
 * runs, and the ranges a proof is made of (2.1.3.1, 2.1.4.1), which the server fills from its stored
 * nodes.
 */

export const EMPTY_TREE_ROOT = toHex(sha256(new Uint8Array(0)));

export function leafHash(entryHashHex: string): string {
  const data = fromHex(entryHashHex);
  const buf = new Uint8Array(1 + data.length);
  buf[0] = 0;
  buf.set(data, 1);
  return toHex(sha256(buf));
}

export function nodeHash(leftHex: string, rightHex: string): string {
  const left = fromHex(leftHex);
  const right = fromHex(rightHex);
  const buf = new Uint8Array(1 + left.length + right.length);
  buf[0] = 1;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return toHex(sha256(buf));
}

/** n is 2^x (tree sizes may pass 2^31: no bitwise operators). */
function isPowerOfTwo(n: number): boolean {
  return n > 0 && Number.isInteger(Math.log2(n));
}

/** The largest power of two smaller than n (n > 1). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) of RFC 9162 2.1.1 over leaf hashes. */
export function rootOf(leafHashes: readonly string[]): string {
  if (leafHashes.length === 0) return EMPTY_TREE_ROOT;
  if (leafHashes.length === 1) return leafHashes[0]!;
  const k = splitPoint(leafHashes.length);
  return nodeHash(rootOf(leafHashes.slice(0, k)), rootOf(leafHashes.slice(k)));
}

/** A subtree D[start:end] of a tree: the unit proofs are made of. */
export interface Range {
  start: number;
  end: number;
}

/** PATH(m, D[start:end]) of RFC 9162 2.1.3.1, as the ranges whose hashes form the proof, leaf first. */
export function inclusionProofRanges(leafIndex: number, treeSize: number): Range[] {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) throw new RangeError('leaf outside the tree');
  const path = (m: number, start: number, end: number): Range[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...path(m, start, start + k), { start: start + k, end }]
      : [...path(m - k, start + k, end), { start, end: start + k }];
  };
  return path(leafIndex, 0, treeSize);
}

/** PROOF(m, D[n]) of RFC 9162 2.1.4.1 (0 < m <= n), as ranges. */
export function consistencyProofRanges(oldSize: number, newSize: number): Range[] {
  if (!(oldSize > 0 && oldSize <= newSize)) throw new RangeError('sizes out of order');
  const subproof = (m: number, start: number, end: number, whole: boolean): Range[] => {
    const n = end - start;
    if (m === n) return whole ? [] : [{ start, end }];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(m, start, start + k, whole), { start: start + k, end }]
      : [...subproof(m - k, start + k, end, false), { start, end: start + k }];
  };
  return subproof(oldSize, 0, newSize, true);
}

/**
 * The perfect subtrees (2^level leaves starting at index * 2^level) a range of a tree is made of, in
 * the order MTH combines them; with {@link combineRange} a server that stores only perfect subtrees
 * computes any range's hash from O(log n) stored nodes.
 */
export function perfectNodesOf(range: Range): Array<{ level: number; index: number }> {
  const n = range.end - range.start;
  if (n <= 0) throw new RangeError('empty range');
  if (isPowerOfTwo(n) && range.start % n === 0) {
    return [{ level: Math.log2(n), index: range.start / n }];
  }
  const k = splitPoint(n);
  return [
    ...perfectNodesOf({ start: range.start, end: range.start + k }),
    ...perfectNodesOf({ start: range.start + k, end: range.end }),
  ];
}

/** The hash of a range from the hashes of {@link perfectNodesOf}, looked up by `node`. */
export function combineRange(range: Range, node: (level: number, index: number) => string): string {
  const n = range.end - range.start;
  if (isPowerOfTwo(n) && range.start % n === 0) return node(Math.log2(n), range.start / n);
  const k = splitPoint(n);
  return nodeHash(
    combineRange({ start: range.start, end: range.start + k }, node),
    combineRange({ start: range.start + k, end: range.end }, node),
  );
}

/** RFC 9162 2.1.3.2: does `proof` place the leaf at `leafIndex` in the tree of `treeSize` with `root`? */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: string,
  proof: readonly string[],
  root: string,
): boolean {
  if (!(Number.isSafeInteger(leafIndex) && Number.isSafeInteger(treeSize))) return false;
  if (leafIndex < 0 || leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r === root;
}

/** RFC 9162 2.1.4.2: does `proof` show the tree (newSize, newRoot) extends the tree (oldSize, oldRoot)? */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: string,
  newRoot: string,
  proof: readonly string[],
): boolean {
  if (!(Number.isSafeInteger(oldSize) && Number.isSafeInteger(newSize))) return false;
  if (oldSize < 1 || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && oldRoot === newRoot;
  let path = [...proof];
  // If the old tree is a perfect subtree of the new one, its root is the first node of the path.
  if (isPowerOfTwo(oldSize)) path = [oldRoot, ...path];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  const first = path[0];
  if (first === undefined) return false;
  let fr = first;
  let sr = first;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr === oldRoot && sr === newRoot;
}

/** A perfect subtree: 2^level leaves starting at leaf index * 2^level. */
export interface PerfectNode {
  level: number;
  index: number;
  hash: string;
}

/** The perfect subtrees a tree of `size` leaves is made of, left to right (its "frontier"). */
export function frontierOf(size: number): Array<{ level: number; index: number }> {
  const out: Array<{ level: number; index: number }> = [];
  let start = 0;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
    const width = 2 ** level;
    if (start + width <= size) {
      out.push({ level, index: start / width });
      start += width;
    }
  }
  return out;
}

/**
 * A tree grown leaf by leaf from its frontier (RFC 9162's tree, kept as a compact range): O(log n)
 * memory, the root at any size, and the inner nodes each new leaf completes (for a store of nodes).
 */
export class GrowingTree {
  private readonly stack: PerfectNode[];
  size: number;

  /** `frontier`: the hashes of {@link frontierOf}(size), for a tree that already has `size` leaves. */
  constructor(size = 0, frontier: PerfectNode[] = []) {
    this.size = size;
    this.stack = [...frontier];
  }

  /** Appends a leaf hash; returns the inner nodes (level ≥ 1) it completes. */
  push(leaf: string): PerfectNode[] {
    const completed: PerfectNode[] = [];
    let node: PerfectNode = { level: 0, index: this.size, hash: leaf };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.level === node.level) {
      const left = this.stack.pop()!;
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
      completed.push(node);
    }
    this.stack.push(node);
    this.size++;
    return completed;
  }

  root(): string {
    if (this.stack.length === 0) return EMPTY_TREE_ROOT;
    let r = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) r = nodeHash(this.stack[i]!.hash, r);
    return r;
  }
}
