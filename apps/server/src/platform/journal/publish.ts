import fs from 'node:fs';
import path from 'node:path';
import {
  PUBLISHED_HEAD_FORMAT,
  parsePublishedHeads as parseHeadLines,
  type PublishedHead,
} from '@uslugi/journal-verifier';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

/**
 * The journal's signed tree heads published outside the database it protects (RFC 9162's idea of a
 * log whose heads others hold): a rewrite of the whole database — seals, tree and entries recomputed
 * — no longer matches a head someone else keeps. By default an append-only JSON Lines file outside
 * DATA_DIR (JOURNAL_HEADS_FILE); point it at other storage (a mounted share, a WORM volume) in
 * production. Each line is one seal of version 2 with its signature, as {@link PublishedHead}.
 */

// Any constant, distinct from the other advisory locks (the sealer's is 7_345_002, the PKI's 7_345_003).
const PUBLISH_LOCK = 7_345_005;

/** The line of a published head, with the installation's CA fingerprint to tell installations apart. */
export type PublishedHeadLine = PublishedHead & { installation?: string };

/**
 * Appends every version-2 seal not yet in the file, oldest first; returns how many. Under a lock, so
 * two workers do not write the same head twice. A crash after the seal and before this leaves the head
 * for the next run: the file catches up from its own last line.
 */
export async function publishHeads(database: Database, file: string, installation?: string): Promise<number> {
  return database.system.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${PUBLISH_LOCK})`.execute(tx);
    const known = readPublishedHeads(file).heads.filter(
      (h) => installation === undefined || h.installation === undefined || h.installation === installation,
    );
    const after = known.reduce((max, h) => Math.max(max, h.sealId), 0);
    const seals = await tx
      .selectFrom('journalSeals')
      .selectAll()
      .where('version', '=', 2)
      .where('id', '>', after)
      .orderBy('id')
      .limit(10_000)
      .execute();
    if (seals.length === 0) return 0;
    const lines = seals.map((s) => {
      const line: PublishedHeadLine = {
        format: PUBLISHED_HEAD_FORMAT,
        sealId: s.id,
        sealedAt: s.sealedAt.toISOString(),
        headCount: s.headCount,
        rootHash: s.rootHash,
        prevSealHash: s.prevSealHash,
        treeSize: s.treeSize ?? 0,
        treeRoot: s.treeRoot ?? '',
        sealHash: s.sealHash,
        signature: s.signature ? Buffer.from(s.signature).toString('base64') : '',
        ...(installation ? { installation } : {}),
      };
      return JSON.stringify(line) + '\n';
    });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(file, 'a');
    try {
      fs.writeSync(fd, lines.join(''));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return seals.length;
  });
}

export interface PublishedHeadsRead {
  heads: PublishedHeadLine[];
  /** Lines that are not a published head, by number from 1. */
  problems: Array<{ line: number; reason: string }>;
}

/** Reads the published heads; a missing file is an empty list. */
export function readPublishedHeads(file: string): PublishedHeadsRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { heads: [], problems: [] };
    throw error;
  }
  return parsePublishedHeads(text);
}

/** The file's lines as the offline verifier reads them (each line's seal hash recomputed). */
export function parsePublishedHeads(text: string): PublishedHeadsRead {
  const read = parseHeadLines(text);
  return {
    heads: read.heads.map((h) => h.head as PublishedHeadLine),
    problems: read.problems.map((p) => ({ line: p.line, reason: p.what })),
  };
}
