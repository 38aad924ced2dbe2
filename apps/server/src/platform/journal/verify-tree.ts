import { GrowingTree, leafHash } from '@uslugi/journal-verifier';
import type { Kysely, Selectable } from 'kysely';
import type { DB, JournalSealsTable } from '../../db/schema.js';
import type { PublishedHeadLine } from './publish.js';
import type { BrokenEntry, JournalMoment } from './verify-streams.js';

const BATCH = 5000;

export interface TreeReport {
  treeSize: number;
  publishedHeads: number;
  broken?: BrokenEntry;
}

/**
 * The checks that need more than the streams and the seals' chain:
 * - each stream's recorded seal point (sealed_seq) is where the seals last vouched for it, and the
 *   streams' tree points add up to the last head's tree size;
 * - the Merkle tree: leaves dense from 0, each the hash of its entry, each entry once, and the root at
 *   every version-2 seal's size equal to the root that seal signs;
 * - the heads published outside the database: each is a seal of this journal with the same hash, and
 *   the journal is not shorter than any of them. Only this catches a rewrite of the database as a
 *   whole (entries, tree and seals recomputed and re-signed by someone holding the keys, or all four
 *   journal tables emptied): what someone else holds cannot be rewritten with it.
 */
export async function verifyTree(
  db: Kysely<DB>,
  moment: JournalMoment,
  sealRows: Array<Selectable<JournalSealsTable>>,
  published: PublishedHeadLine[],
): Promise<TreeReport> {
  const sealBroken = (id: number, reason: string, treeSize = 0): TreeReport => ({
    treeSize,
    publishedHeads: 0,
    broken: { kind: 'seal', id, reason },
  });

  // sealed_seq against the seals' heads.
  const vouched = new Map<string, number>();
  const sealedHeads = await db
    .selectFrom('journalSealHeads')
    .select(['municipalityId', 'stream', (eb) => eb.fn.max('seq').as('seq')])
    .where('sealId', '<=', moment.lastSealId)
    .groupBy(['municipalityId', 'stream'])
    .execute();
  for (const h of sealedHeads) vouched.set(`${h.municipalityId}|${h.stream}`, Number(h.seq));
  let treeSeqSum = 0;
  for (const head of moment.heads) {
    const expected = vouched.get(`${head.municipalityId}|${head.stream}`) ?? 0;
    treeSeqSum += head.treeSeq;
    if (head.sealedSeq !== expected || head.treeSeq > head.sealedSeq) {
      return {
        treeSize: 0,
        publishedHeads: 0,
        broken: {
          kind: 'stream',
          municipalityId: head.municipalityId,
          stream: head.stream,
          seq: head.seq,
          reason:
            `по учёту потока печатью закреплены записи до № ${head.sealedSeq}, а по печатям — до № ${expected}: ` +
            'учёт потоков или печати изменены',
        },
      };
    }
  }

  // The tree, leaf by leaf, with the roots the version-2 seals sign.
  const heads = sealRows.filter((s) => s.version === 2 && s.treeSize !== null);
  const lastHead = heads.at(-1);
  const size = lastHead?.treeSize ?? 0;
  if (lastHead && treeSeqSum !== size) {
    return sealBroken(
      lastHead.id,
      `печать закрепляет в дереве журнала ${size} записей, а потоки — ${treeSeqSum}: учёт потоков или печати изменены`,
    );
  }
  const rootsAt = new Map<number, Array<{ id: number; root: string; published: boolean }>>();
  for (const h of heads) {
    const at = rootsAt.get(h.treeSize!) ?? [];
    at.push({ id: h.id, root: h.treeRoot!, published: false });
    rootsAt.set(h.treeSize!, at);
  }
  const sealsById = new Map(sealRows.map((s) => [s.id, s]));
  const usable = published.filter((p) => p.treeSize > 0);
  // Published heads first by what the database says of them, then by the tree's roots.
  for (const p of [...usable].sort((a, b) => a.sealId - b.sealId)) {
    const seal = sealsById.get(p.sealId);
    if (!seal || p.sealId > moment.lastSealId) {
      if (p.treeSize > size) {
        return sealBroken(
          p.sealId,
          `журнал короче опубликованной головы: опубликована печать № ${p.sealId} от ${p.sealedAt} ` +
            `над ${p.treeSize} записями, а в журнале печатей этого размера нет (дерево из ${size} записей)`,
        );
      }
      return sealBroken(p.sealId, `опубликованной печати № ${p.sealId} от ${p.sealedAt} нет в журнале`);
    }
    if (seal.sealHash !== p.sealHash || seal.treeSize !== p.treeSize || seal.treeRoot !== p.treeRoot) {
      return sealBroken(
        p.sealId,
        `печать не совпадает с опубликованной ${p.sealedAt}: журнал переписан после публикации`,
      );
    }
    for (const at of rootsAt.get(p.treeSize) ?? []) if (at.id === p.sealId) at.published = true;
  }

  const tree = new GrowingTree();
  const seen = new Set<number>();
  const checkRoots = (): TreeReport | undefined => {
    for (const at of rootsAt.get(tree.size) ?? []) {
      if (at.root !== tree.root()) {
        return sealBroken(
          at.id,
          at.published
            ? 'дерево журнала не совпадает с опубликованной головой: записи журнала изменены'
            : 'корень дерева журнала не совпадает с печатью: записи или дерево изменены',
          tree.size,
        );
      }
    }
    return undefined;
  };
  while (tree.size < size) {
    const rows = await db
      .selectFrom('journalTreeLeaves as l')
      .leftJoin('journalEntries as e', 'e.id', 'l.entryId')
      .select([
        'l.leafIndex',
        'l.entryId',
        'l.hash as leafHash',
        'e.id',
        'e.hash',
        'e.municipalityId',
        'e.stream',
        'e.seq',
      ])
      .where('l.leafIndex', '>=', tree.size)
      .where('l.leafIndex', '<', size)
      .orderBy('l.leafIndex')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) {
      return sealBroken(lastHead!.id, `в дереве журнала нет листа № ${tree.size}`, tree.size);
    }
    for (const row of rows) {
      if (row.leafIndex !== tree.size) {
        return sealBroken(lastHead!.id, `в дереве журнала нет листа № ${tree.size}`, tree.size);
      }
      if (row.id === null || row.hash === null) {
        return sealBroken(
          lastHead!.id,
          `лист № ${row.leafIndex} дерева журнала указывает на удалённую запись № ${row.entryId}`,
          tree.size,
        );
      }
      const where = { municipalityId: row.municipalityId!, stream: row.stream!, seq: row.seq! };
      if (leafHash(row.hash) !== row.leafHash) {
        return {
          treeSize: tree.size,
          publishedHeads: 0,
          broken: {
            kind: 'entry',
            id: row.id,
            ...where,
            reason: `запись не совпадает с листом № ${row.leafIndex} дерева журнала`,
          },
        };
      }
      if (seen.has(row.id)) {
        return {
          treeSize: tree.size,
          publishedHeads: 0,
          broken: { kind: 'entry', id: row.id, ...where, reason: 'запись стоит в дереве журнала дважды' },
        };
      }
      seen.add(row.id);
      tree.push(row.leafHash);
      const broken = checkRoots();
      if (broken) return broken;
    }
  }
  const broken = checkRoots();
  if (broken) return broken;
  return { treeSize: tree.size, publishedHeads: usable.length };
}
