import type { Database, Tx } from '../../db/database.js';
import { runCommand } from '../../platform/commands.js';
import { SYSTEM_ACTOR } from '../../platform/journal/append.js';
import type { JobHandler } from '../../platform/jobs/queue.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { notify } from '../notifications/index.js';
import { computeTerm } from './compute-term.js';
import { formatRuDate } from './days.js';
import { bumpCalendarVersion, lockCalendarForTerms, municipalCalendar } from './municipal-calendar.js';

export const RECOMPUTE_QUEUE = 'calendar.recompute';

/**
 * Ends a calendar change (after its writes, in its transaction): bumps the version and enqueues the
 * recomputation of the open terms, which then exists only if the change commits.
 */
export async function finishCalendarChange(tx: Tx, municipalityId: string): Promise<number> {
  const version = await bumpCalendarVersion(tx, municipalityId);
  await enqueue(tx, {
    queue: RECOMPUTE_QUEUE,
    payload: { municipalityId, version },
    singletonKey: `${RECOMPUTE_QUEUE}:${municipalityId}:${version}`,
  });
  return version;
}

const PROVISIONAL_NOTE = 'Срок предварительный: календарь на этот период ещё не утверждён.';

/** What the executor is told about a recomputed term: a moved due date, or the same one confirmed or not. */
function recomputedText(
  title: string,
  before: { dueDate: string; provisional: boolean },
  after: { dueDate: string; provisional: boolean },
): string {
  if (before.dueDate !== after.dueDate) {
    return (
      `Срок «${title}» изменён из-за изменения производственного календаря: ` +
      `было ${formatRuDate(before.dueDate)}, стало ${formatRuDate(after.dueDate)}.` +
      (after.provisional ? ` ${PROVISIONAL_NOTE}` : '')
    );
  }
  return after.provisional
    ? `Срок «${title}» (${formatRuDate(after.dueDate)}) стал предварительным из-за изменения ` +
        `производственного календаря. ${PROVISIONAL_NOTE}`
    : `Срок «${title}» подтверждён производственным календарём: ${formatRuDate(after.dueDate)}. ` +
        'Календарь на этот период утверждён, срок больше не предварительный.';
}

/**
 * Recomputes the municipality's open terms on its current calendar. Idempotent: a term whose due date
 * and provisional mark already match is left alone, so a retried or repeated job changes nothing.
 * Each change is journaled ('term.recomputed', before/after) and told to the executor: a moved due date, or
 * the same date confirmed by an approved calendar (or become provisional).
 */
export async function recomputeTerms(database: Database, municipalityId: string): Promise<number> {
  return runCommand({ database, municipalityId, actor: SYSTEM_ACTOR }, async ({ tx, journal }) => {
    await lockCalendarForTerms(tx, municipalityId);
    const { calendar, sources } = await municipalCalendar(tx, municipalityId);
    const open = await tx
      .selectFrom('terms')
      .selectAll()
      .where('status', '=', 'open')
      .orderBy('dueDate')
      .orderBy('id')
      .forUpdate()
      .execute();
    let changed = 0;
    for (const term of open) {
      const next = computeTerm(calendar, term);
      if (next.dueDate === term.dueDate && next.provisional === term.provisional) continue;
      await tx
        .updateTable('terms')
        .set({ dueDate: next.dueDate, provisional: next.provisional, updatedAt: new Date() })
        .where('id', '=', term.id)
        .execute();
      changed++;
      await journal({
        action: 'term.recomputed',
        objectType: 'term',
        objectId: term.id,
        payload: {
          title: term.title,
          objectType: term.objectType,
          objectId: term.objectId,
          calendarVersion: sources.version,
          before: { dueDate: term.dueDate, provisional: term.provisional },
          after: next,
        },
      });
      if (term.executorId) {
        await notify(tx, {
          municipalityId,
          recipientId: term.executorId,
          text: recomputedText(term.title, term, next),
          objectType: term.objectType,
          objectId: term.objectId,
        });
      }
    }
    return changed;
  });
}

export function calendarJobs(database: Database): Record<string, JobHandler> {
  return {
    [RECOMPUTE_QUEUE]: async (job) => {
      const { municipalityId } = job.payload;
      if (typeof municipalityId !== 'string') throw new Error('calendar.recompute: no municipalityId');
      await recomputeTerms(database, municipalityId);
    },
  };
}
