import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { appendJournal, lockStreamHead, type Actor } from './append.js';

/**
 * Access to an applicant's personal data by staff, recorded in the journal: приказ ФСТЭК России от
 * 11.04.2025 № 117 requires registering security events, access to protected information among them;
 * 152-ФЗ ст. 19 ч. 2 — recording actions with personal data; ст. 14, 20 — the subject's right to know
 * how their data are processed (the portal shows these entries to the applicant).
 */
export const PERSONAL_DATA_VIEWED = 'personal_data.viewed';

/** The stream of one applicant's accesses: `applicant:<registry record id>`, in their municipality. */
export const PERSONAL_DATA_OBJECT = 'applicant';

/** What was looked at: the registry record, an application (or its case), a document, a file. */
export type ViewedKind = 'applicant' | 'application' | 'document' | 'file';

/**
 * A repeat within this window (the same employee, the same object) is not recorded again: the card a
 * page fetches again is one view, not many. Measured in the journal's own time (its `recorded_at`).
 */
export const REPEAT_WINDOW_MS = 10 * 60 * 1000;

/** A user agent is kept up to this length: enough to tell the browser, no room for anything else. */
export const USER_AGENT_MAX = 200;

export interface PersonalDataView {
  /** The applicant registry record whose data were shown: the stream the entry goes into. */
  applicantRecordId: string;
  viewed: ViewedKind;
  /** The object shown: the record, the application, the document or the file. */
  objectId: string;
}

/** Who looked, in which municipality and from where (as the request's meta tells it). */
export interface Viewer {
  municipalityId: string;
  actor: Actor;
  ip: string;
  userAgent: string | null;
}

/**
 * Records that an employee was shown an applicant's personal data, in the caller's (tenant)
 * transaction, so the read and its record commit together: if recording fails, the read fails
 * (no unrecorded view). One entry per (employee, viewed object, applicant) per `REPEAT_WINDOW_MS`:
 * the journal is looked back in, under the lock of the applicant's stream head, so concurrent requests
 * of several processes still record once. Only employees are recorded; an applicant reading their own
 * data on the portal is not. Returns how many entries were appended.
 */
export async function recordPersonalDataViews(
  tx: Tx,
  viewer: Viewer,
  views: readonly PersonalDataView[],
  now: Date = new Date(),
): Promise<number> {
  if (viewer.actor.type !== 'employee' || !viewer.actor.id) return 0;
  const unique = new Map(views.map((v) => [`${v.applicantRecordId}|${v.viewed}|${v.objectId}`, v]));
  let appended = 0;
  for (const view of unique.values()) {
    await lockStreamHead(tx, viewer.municipalityId, `${PERSONAL_DATA_OBJECT}:${view.applicantRecordId}`);
    if (await viewedRecently(tx, viewer, view, now)) continue;
    await appendJournal(tx, {
      municipalityId: viewer.municipalityId,
      actor: viewer.actor,
      action: PERSONAL_DATA_VIEWED,
      objectType: PERSONAL_DATA_OBJECT,
      objectId: view.applicantRecordId,
      payload: {
        viewed: view.viewed,
        objectId: view.objectId,
        ip: viewer.ip,
        userAgent: trimUserAgent(viewer.userAgent),
      },
    });
    appended++;
  }
  return appended;
}

export function trimUserAgent(userAgent: string | null | undefined): string | null {
  return userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null;
}

/** Whether this employee's view of this object is in the applicant's stream within the window. */
async function viewedRecently(tx: Tx, viewer: Viewer, view: PersonalDataView, now: Date): Promise<boolean> {
  // The index journal_entries_object (municipality, object type, object id, id) finds the stream.
  const row = await tx
    .selectFrom('journalEntries')
    .select('id')
    .where('municipalityId', '=', viewer.municipalityId)
    .where('objectType', '=', PERSONAL_DATA_OBJECT)
    .where('objectId', '=', view.applicantRecordId)
    .where('action', '=', PERSONAL_DATA_VIEWED)
    .where('actorId', '=', viewer.actor.id)
    .where('recordedAt', '>', new Date(now.getTime() - REPEAT_WINDOW_MS))
    .where(sql<boolean>`payload->>'viewed' = ${view.viewed}`)
    .where(sql<boolean>`payload->>'objectId' = ${view.objectId}`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
