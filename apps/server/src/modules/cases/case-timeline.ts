import type { CaseTimelineEntry } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { readObjectEntries } from '../../platform/journal/read.js';
import type { JournalTitles } from '../../platform/journal/titles.js';
import { employeeNames } from '../org/index.js';

type Payload = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** What an entry adds to its title, in words: the action taken, the comment, the reason, the outcome. */
function detailsOf(action: string, payload: Payload, names: Map<string, string>): string | null {
  const parts: string[] = [];
  const label = text(payload.label);
  if (label) parts.push(`«${label}»`);
  const executor = text(payload.executorId);
  if (action === 'case.assigned' && executor) parts.push(`исполнитель: ${names.get(executor) ?? executor}`);
  const outcome = text(payload.outcomeTitle);
  if (outcome) parts.push(outcome);
  for (const key of ['reason', 'comment', 'message'] as const) {
    const value = text(payload[key]);
    if (value) parts.push(value);
  }
  return parts.length > 0 ? parts.join('; ') : null;
}

/**
 * The case's history as its journal tells it (004 item 8), in Russian: the entries of the case, of
 * its application and of its decisions and documents, oldest first, each with who made it.
 */
export async function caseTimeline(
  tx: Tx,
  titles: JournalTitles,
  objects: ReadonlyArray<{ objectType: string; objectId: string }>,
): Promise<CaseTimelineEntry[]> {
  const entries = await readObjectEntries(tx, objects);
  const executors = entries.flatMap((e) => {
    const id = text((e.payload as Payload | null)?.executorId);
    return id ? [id] : [];
  });
  const names = await employeeNames(tx, executors);
  return entries.map((e) => ({
    at: e.recordedAt.toISOString(),
    action: e.action,
    title: titles.actionTitle(e.action),
    actor: e.actorName || 'Система',
    details: detailsOf(e.action, (e.payload ?? {}) as Payload, names),
  }));
}
