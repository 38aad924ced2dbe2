import type { Tx } from '../../db/database.js';
import { enqueue } from '../../platform/jobs/queue.js';

export const MAIL_QUEUE = 'mail.send';

export interface NewMail {
  municipalityId: string;
  recipient: string;
  subject: string;
  body: string;
  objectType?: string;
  objectId?: string;
}

/**
 * Puts an e-mail into the outbox in the caller's transaction, with the job that sends it: both exist
 * only if the change that caused the message commits; the sending happens after, outside it.
 */
export async function queueMail(tx: Tx, mail: NewMail): Promise<string> {
  const { id } = await tx
    .insertInto('mailOutbox')
    .values({
      municipalityId: mail.municipalityId,
      recipient: mail.recipient,
      subject: mail.subject.slice(0, 500),
      body: mail.body.slice(0, 20000),
      objectType: mail.objectType ?? null,
      objectId: mail.objectId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueue(tx, {
    queue: MAIL_QUEUE,
    payload: { municipalityId: mail.municipalityId, mailId: id },
    singletonKey: `${MAIL_QUEUE}:${id}`,
    maxAttempts: 10,
  });
  return id;
}
