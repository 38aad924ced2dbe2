import { SMEV_STATUS_TITLES, type SmevAnswer, type SmevRequestState } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';

function answerOf(value: unknown): SmevAnswer | null {
  if (!value || typeof value !== 'object') return null;
  const a = value as Partial<SmevAnswer>;
  return {
    found: a.found === true,
    summary: typeof a.summary === 'string' ? a.summary : '',
    fields: Array.isArray(a.fields) ? a.fields : [],
    attachmentDocumentIds: Array.isArray(a.attachmentDocumentIds) ? a.attachmentDocumentIds : [],
  };
}

/** The SMEV exchange of each of a case's requests: the latest by case request id. */
export async function smevStatesOf(tx: Tx, caseId: string): Promise<Map<string, SmevRequestState>> {
  const rows = await tx
    .selectFrom('smevRequests')
    .selectAll()
    .where('caseId', '=', caseId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const out = new Map<string, SmevRequestState>();
  for (const r of rows) {
    out.set(r.caseRequestId, {
      id: r.id,
      status: r.status,
      statusTitle: SMEV_STATUS_TITLES[r.status],
      messageId: r.messageId,
      attempts: r.attempts,
      error: r.error,
      sentAt: r.sentAt?.toISOString() ?? null,
      answeredAt: r.answeredAt?.toISOString() ?? null,
      answer: answerOf(r.answer),
      documentId: r.answerDocumentId,
    });
  }
  return out;
}

/** The case's documents that came through SMEV: the answers and their attachments. */
export async function smevDocumentsOfCase(tx: Tx, caseId: string): Promise<string[]> {
  const states = await smevStatesOf(tx, caseId);
  return [...states.values()].flatMap((s) => [
    ...(s.documentId ? [s.documentId] : []),
    ...(s.answer?.attachmentDocumentIds ?? []),
  ]);
}

/** The SMEV requests of a case (the journal's `smev_request` objects). */
export async function smevRequestIdsOfCase(tx: Tx, caseId: string): Promise<string[]> {
  const rows = await tx.selectFrom('smevRequests').select('id').where('caseId', '=', caseId).execute();
  return rows.map((r) => r.id);
}
