import type { Database } from '../../db/database.js';
import { inTenant } from '../../db/tenant.js';
import { appendJournal, type Actor } from '../../platform/journal/append.js';

export type SessionAction =
  | 'session.signed_in'
  | 'session.signed_out'
  | 'session.ended'
  | 'session.sign_in_refused'
  | 'session.municipality_changed';

export interface SessionEventMeta {
  ip: string | null;
  userAgent: string | null;
  [key: string]: unknown;
}

/**
 * Sign-in and sign-out in the journal (seed 000 item 2.11) with the IP and browser. Staff events go
 * to the employee's municipality; an applicant has none, so theirs go to the municipality whose
 * portal they signed in on (applicant_sessions.municipality_id), under object type `portal_session`.
 */
export async function journalSessionEvent(
  database: Database,
  who: { kind: 'employee' | 'applicant'; municipalityId: string; id: string; fullName: string },
  action: SessionAction,
  meta: SessionEventMeta,
): Promise<void> {
  const actor: Actor = { type: who.kind, id: who.id, name: who.fullName };
  await inTenant(database, who.municipalityId, (tx) =>
    appendJournal(tx, {
      municipalityId: who.municipalityId,
      actor,
      action,
      objectType: who.kind === 'employee' ? 'session' : 'portal_session',
      objectId: who.id,
      payload: { ...meta, userAgent: meta.userAgent?.slice(0, 500) ?? null },
    }),
  );
}
