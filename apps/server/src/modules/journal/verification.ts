import type { JournalBreak, JournalVerification } from '@uslugi/contracts';
import type { Database } from '../../db/database.js';
import { runCommand, type CommandContext } from '../../platform/commands.js';
import { publishedHeadsFor } from '../../platform/journal/published-heads.js';
import type { Pki } from '../../platform/pki/installation.js';
import {
  JOURNAL_INTACT,
  describeBreak,
  verifyJournal,
  type BrokenEntry,
  type VerifyReport,
} from '../../platform/journal/verify.js';

const ELSEWHERE =
  'НАРУШЕНИЕ в записях журнала другого муниципального образования этой установки. Подробности увидит ' +
  'технический оператор того муниципального образования, выполнив ту же проверку.';

/** One walk at a time per database in this process: a second request waits for the running one. */
const running = new WeakMap<
  Database,
  Promise<{ report: VerifyReport; startedAt: Date; durationMs: number }>
>();

function walkOnce(database: Database, pki: Pki, headsFile: string) {
  let walk = running.get(database);
  if (!walk) {
    walk = (async () => {
      // The CA the seals must chain to is the one whose key the master key opens, as journal:verify
      // checks it: a CA certificate swapped in the database alone does not pass.
      const installation = await pki.ready();
      const startedAt = new Date();
      // Read before the journal's moment: every head in it was published after its seal committed.
      const published = publishedHeadsFor(headsFile, installation.caFingerprint);
      const report = await verifyJournal(database, {
        signatures: { provider: pki.provider, trustedRoots: [installation.ca.certificate] },
        published: published.heads,
      });
      return { report, startedAt, durationMs: Date.now() - startedAt.getTime() };
    })().finally(() => running.delete(database));
    running.set(database, walk);
  }
  return walk;
}

/**
 * The break as the viewer's municipality may know it. Seals belong to the whole installation and are
 * named to everyone; an entry or stream of another municipality is not (its stream names its objects),
 * only that the break is there.
 */
function breakFor(b: BrokenEntry, municipalityId: string): { firstBroken: JournalBreak; summary: string } {
  if (b.kind !== 'seal' && b.municipalityId !== municipalityId) {
    return {
      firstBroken: {
        kind: 'elsewhere',
        entryId: null,
        sealId: null,
        stream: null,
        seq: null,
        reason: 'нарушение в записях другого муниципального образования',
      },
      summary: ELSEWHERE,
    };
  }
  const firstBroken: JournalBreak =
    b.kind === 'seal'
      ? { kind: 'seal', entryId: null, sealId: String(b.id), stream: null, seq: null, reason: b.reason }
      : b.kind === 'entry'
        ? {
            kind: 'entry',
            entryId: String(b.id),
            sealId: null,
            stream: b.stream,
            seq: b.seq,
            reason: b.reason,
          }
        : b.kind === 'missing_entry'
          ? {
              kind: 'missing_entry',
              entryId: null,
              sealId: String(b.sealId),
              stream: b.stream,
              seq: b.seq,
              reason: b.reason,
            }
          : {
              kind: 'stream',
              entryId: b.lastEntryId === undefined ? null : String(b.lastEntryId),
              sealId: null,
              stream: b.stream,
              seq: b.seq ?? null,
              reason: b.reason,
            };
  return { firstBroken, summary: describeBreak(b) };
}

/**
 * Verifies the whole journal in the running server, as `npm run journal:verify` does, so that checking
 * it needs no downtime (the CLI cannot open the embedded database a server holds). Journaled in the
 * caller's municipality with its outcome (seed 000 item 2.11: every operation is recorded).
 */
export async function runJournalVerification(
  ctx: CommandContext,
  pki: Pki,
  /** The heads published outside the database (JOURNAL_HEADS_FILE) the journal is held against. */
  headsFile: string,
): Promise<JournalVerification> {
  const { report, startedAt, durationMs } = await walkOnce(ctx.database, pki, headsFile);
  const named = report.firstBroken ? breakFor(report.firstBroken, ctx.municipalityId) : undefined;
  const result: JournalVerification = {
    ok: report.ok,
    startedAt: startedAt.toISOString(),
    durationMs,
    entries: report.entries,
    streams: report.streams,
    seals: report.seals,
    signedSeals: report.signedSeals,
    summary: named?.summary ?? JOURNAL_INTACT,
    firstBroken: named?.firstBroken ?? null,
  };
  await runCommand(ctx, ({ journal }) =>
    journal({
      action: 'journal.verified',
      objectType: 'journal',
      objectId: 'integrity',
      payload: {
        ok: result.ok,
        startedAt: result.startedAt,
        entries: result.entries,
        streams: result.streams,
        seals: result.seals,
        signedSeals: result.signedSeals,
        firstBroken: result.firstBroken,
      },
    }),
  );
  return result;
}
