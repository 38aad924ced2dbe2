import {
  EMPTY_TREE_ROOT,
  GrowingTree,
  combineRange,
  consistencyProofRanges,
  frontierOf,
  inclusionProofRanges,
  leafHash,
  perfectNodesOf,
  type Range,
} from '@uslugi/journal-verifier';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * The journal's Merkle tree (RFC 9162) as stored: a leaf per sealed entry (journal_tree_leaves) and
 * every complete inner node (journal_tree_nodes). Appending k leaves touches O(k + log n) rows; a root,
 * an inclusion or a consistency proof at any size reads O(log n) nodes.
 */

/** The tree's size: the leaves stored (indexes are dense from 0; the primary key and the seal keep them). */
export async function treeSize(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('journalTreeLeaves')
    .select((eb) => eb.fn.max('leafIndex').as('last'))
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

/** The hashes of perfect subtrees, keyed `level/index`; level 0 from the leaves. */
async function perfectHashes(
  db: Kysely<DB>,
  wanted: Array<{ level: number; index: number }>,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const leaves = [...new Set(wanted.filter((w) => w.level === 0).map((w) => w.index))];
  const inner = wanted.filter((w) => w.level > 0);
  for (let i = 0; i < leaves.length; i += 1000) {
    const rows = await db
      .selectFrom('journalTreeLeaves')
      .select(['leafIndex', 'hash'])
      .where('leafIndex', 'in', leaves.slice(i, i + 1000))
      .execute();
    for (const r of rows) found.set(`0/${r.leafIndex}`, r.hash);
  }
  for (let i = 0; i < inner.length; i += 500) {
    const chunk = inner.slice(i, i + 500);
    const rows = await db
      .selectFrom('journalTreeNodes')
      .select(['level', 'idx', 'hash'])
      .where((eb) => eb.or(chunk.map((w) => eb.and([eb('level', '=', w.level), eb('idx', '=', w.index)]))))
      .execute();
    for (const r of rows) found.set(`${r.level}/${r.idx}`, r.hash);
  }
  return found;
}

/** The hashes of ranges of the tree, from the stored perfect subtrees. */
export async function rangeHashes(db: Kysely<DB>, ranges: Range[]): Promise<string[]> {
  const nodes = await perfectHashes(db, ranges.flatMap(perfectNodesOf));
  return ranges.map((range) =>
    combineRange(range, (level, index) => {
      const hash = nodes.get(`${level}/${index}`);
      if (hash === undefined) throw new Error(`journal tree: node ${level}/${index} is missing`);
      return hash;
    }),
  );
}

export async function treeRootAt(db: Kysely<DB>, size: number): Promise<string> {
  if (size === 0) return EMPTY_TREE_ROOT;
  const [root] = await rangeHashes(db, [{ start: 0, end: size }]);
  return root!;
}

/** RFC 9162 inclusion proofs of leaves in the tree of `size`. */
export async function inclusionProofs(
  db: Kysely<DB>,
  leafIndexes: number[],
  size: number,
): Promise<Map<number, string[]>> {
  const rangesOf = leafIndexes.map((i) => inclusionProofRanges(i, size));
  const nodes = await perfectHashes(db, rangesOf.flat().flatMap(perfectNodesOf));
  const lookup = (level: number, index: number) => {
    const hash = nodes.get(`${level}/${index}`);
    if (hash === undefined) throw new Error(`journal tree: node ${level}/${index} is missing`);
    return hash;
  };
  return new Map(leafIndexes.map((i, k) => [i, rangesOf[k]!.map((r) => combineRange(r, lookup))]));
}

/** RFC 9162 consistency proof of the tree of `oldSize` within the tree of `newSize`. */
export async function consistencyProof(db: Kysely<DB>, oldSize: number, newSize: number): Promise<string[]> {
  return rangeHashes(db, consistencyProofRanges(oldSize, newSize));
}

/**
 * Appends entries (by journal number and hash, in sealing order) to the tree in the caller's
 * transaction, and returns the new size and root. The caller holds the sealing lock.
 */
export async function appendToTree(
  db: Kysely<DB>,
  entries: Array<{ id: number; hash: string }>,
): Promise<{ size: number; root: string }> {
  const size = await treeSize(db);
  const frontier = frontierOf(size);
  const stored = size === 0 ? new Map<string, string>() : await perfectHashes(db, frontier);
  const tree = new GrowingTree(
    size,
    frontier.map((f) => ({ ...f, hash: stored.get(`${f.level}/${f.index}`) ?? missing(f) })),
  );
  const leaves: Array<{ leafIndex: number; entryId: number; hash: string }> = [];
  const nodes: Array<{ level: number; idx: number; hash: string }> = [];
  for (const entry of entries) {
    const hash = leafHash(entry.hash);
    leaves.push({ leafIndex: tree.size, entryId: entry.id, hash });
    for (const n of tree.push(hash)) nodes.push({ level: n.level, idx: n.index, hash: n.hash });
  }
  for (let i = 0; i < leaves.length; i += 1000) {
    await db
      .insertInto('journalTreeLeaves')
      .values(leaves.slice(i, i + 1000))
      .execute();
  }
  for (let i = 0; i < nodes.length; i += 1000) {
    await db
      .insertInto('journalTreeNodes')
      .values(nodes.slice(i, i + 1000))
      .execute();
  }
  return { size: tree.size, root: tree.root() };
}

function missing(node: { level: number; index: number }): never {
  throw new Error(`journal tree: frontier node ${node.level}/${node.index} is missing`);
}
