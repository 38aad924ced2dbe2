import type { Tx } from '../../db/database.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { smevMessageId } from '../../platform/smev/message-id.js';

export const SEND_QUEUE = 'smev.send';
/** A request is tried this many times (the queue's backoff between them: 2 s … 1 h), then it is failed. */
export const SEND_ATTEMPTS = 8;

export interface QueueSmevRequestInput {
  municipalityId: string;
  caseId: string;
  /** The case's request (case_requests.id) this one carries. */
  caseRequestId: string;
  registrationNumber: string;
  /** The answer term's last day, if the request has a term. */
  dueDate: string | null;
  requestKind: string;
  agency: string;
  /** The business document, built from the application's facts at the stage's entry. */
  content: string;
  at: Date;
  createdBy: string | null;
}

/**
 * Puts a request into the outbox in the caller's transaction (the stage's): the row with its MessageID,
 * and the job that sends it. Both appear only if the stage's transaction commits; the job sends the
 * stored MessageID on every attempt, so a crash between the send and its record sends it again under
 * the same MessageID, which SMEV recognises (MessageIsAlreadySent) — never a second request.
 */
export async function queueSmevRequest(
  tx: Tx,
  input: QueueSmevRequestInput,
): Promise<{ id: string; messageId: string }> {
  const messageId = smevMessageId(input.at);
  const row = await tx
    .insertInto('smevRequests')
    .values({
      municipalityId: input.municipalityId,
      caseId: input.caseId,
      caseRequestId: input.caseRequestId,
      registrationNumber: input.registrationNumber,
      dueDate: input.dueDate,
      requestKind: input.requestKind,
      agency: input.agency,
      messageId,
      content: input.content,
      createdAt: input.at,
      createdBy: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueue(tx, {
    queue: SEND_QUEUE,
    payload: { municipalityId: input.municipalityId, smevRequestId: row.id },
    singletonKey: `smev.send:${row.id}`,
    maxAttempts: SEND_ATTEMPTS,
  });
  return { id: row.id, messageId };
}
