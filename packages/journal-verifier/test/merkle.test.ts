import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/hash.js';
import {
  combineRange,
  frontierOf,
  GrowingTree,
  consistencyProofRanges,
  inclusionProofRanges,
  leafHash,
  nodeHash,
  perfectNodesOf,
  rootOf,
  verifyConsistency,
  verifyInclusion,
  type Range,
} from '../src/merkle.js';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(sha256Hex(`entry ${i}`)));
const rangeHash = (all: string[], r: Range) => rootOf(all.slice(r.start, r.end));

describe('RFC 9162 Merkle tree', () => {
  it('hashes as RFC 6962/9162 define: empty, leaf, node', () => {
    // RFC 6962's reference test vectors (the first leaf is the empty string).
    expect(rootOf([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(nodeHash('00'.repeat(32), 'ff'.repeat(32))).toBe(
      sha256Hex(new Uint8Array([1, ...new Uint8Array(32), ...new Uint8Array(32).fill(255)])),
    );
    expect(leafHash('ab'.repeat(32))).toBe(sha256Hex(new Uint8Array([0, ...new Uint8Array(32).fill(0xab)])));
  });

  it('proves every leaf of every tree up to 70 leaves, and refuses a wrong leaf, index or root', () => {
    for (let n = 1; n <= 70; n++) {
      const all = leaves(n);
      const root = rootOf(all);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProofRanges(i, n).map((r) => rangeHash(all, r));
        expect(verifyInclusion(i, n, all[i]!, proof, root)).toBe(true);
        expect(verifyInclusion(i, n, all[(i + 1) % n]!, proof, root)).toBe(n === 1);
        if (n > 1) expect(verifyInclusion((i + 1) % n, n, all[i]!, proof, root)).toBe(false);
        expect(verifyInclusion(i, n, all[i]!, proof, nodeHash(root, root))).toBe(false);
      }
    }
  });

  it('proves every older tree consistent with every newer one up to 70 leaves', () => {
    const all = leaves(70);
    for (let n = 1; n <= 70; n++) {
      const newRoot = rootOf(all.slice(0, n));
      for (let m = 1; m <= n; m++) {
        const oldRoot = rootOf(all.slice(0, m));
        const proof = consistencyProofRanges(m, n).map((r) => rangeHash(all, r));
        expect(verifyConsistency(m, n, oldRoot, newRoot, proof)).toBe(true);
        if (m < n) {
          expect(verifyConsistency(m, n, nodeHash(oldRoot, oldRoot), newRoot, proof)).toBe(false);
          expect(verifyConsistency(m, n, oldRoot, nodeHash(newRoot, newRoot), proof)).toBe(false);
        }
      }
    }
  });

  it('computes any range from perfect subtrees only', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), (end, s) => {
        const all = leaves(end);
        const start = s % end;
        const range = { start, end };
        const perfect = (level: number, index: number) =>
          rootOf(all.slice(index * 2 ** level, (index + 1) * 2 ** level));
        for (const node of perfectNodesOf(range))
          expect(node.index * 2 ** node.level).toBeGreaterThanOrEqual(start);
        return combineRange(range, perfect) === rangeHash(all, range);
      }),
      { numRuns: 100 },
    );
  });
});

describe('a growing tree', () => {
  it('has the root of RFC 9162 at every size and completes exactly the perfect nodes', () => {
    const all = leaves(100);
    const tree = new GrowingTree();
    const nodes = new Map<string, string>();
    for (let i = 0; i < all.length; i++) {
      for (const n of tree.push(all[i]!)) nodes.set(`${n.level}/${n.index}`, n.hash);
      expect(tree.root()).toBe(rootOf(all.slice(0, i + 1)));
    }
    for (const [key, hash] of nodes) {
      const [level, index] = key.split('/').map(Number) as [number, number];
      expect(hash).toBe(rootOf(all.slice(index * 2 ** level, (index + 1) * 2 ** level)));
    }
    // Resumed from its frontier at size 37, it goes on to the same roots.
    const frontier = frontierOf(37).map((f) => ({
      ...f,
      hash: rootOf(all.slice(f.index * 2 ** f.level, (f.index + 1) * 2 ** f.level)),
    }));
    const resumed = new GrowingTree(37, frontier);
    expect(resumed.root()).toBe(rootOf(all.slice(0, 37)));
    for (let i = 37; i < 100; i++) resumed.push(all[i]!);
    expect(resumed.root()).toBe(rootOf(all));
  });
});
