import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { inTenant } from '../../db/tenant.js';
import type { JobHandler } from '../../platform/jobs/queue.js';
import { MAIL_QUEUE } from './mail-outbox.js';

export interface MailSender {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** An SMTP sender on nodemailer from SMTP_URL (smtp[s]://user:password@host:port), sender SMTP_FROM. */
export function smtpSender(smtpUrl: string, from: string): MailSender & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}

/**
 * Sends one message of the outbox and marks it sent, holding its row locked meanwhile: a message once
 * marked is never sent again (a repeated or parallel job finds sent_at set, or waits for the lock and
 * then finds it). A failure is counted (attempts, last_error) in its own transaction and rethrown, so
 * the job queue retries it with its backoff. Only a crash between the SMTP server's acceptance and the
 * commit of the mark can send a message twice.
 */
export async function sendQueuedMail(
  database: Database,
  sender: MailSender,
  municipalityId: string,
  mailId: string,
): Promise<'sent' | 'already_sent'> {
  let failure: unknown;
  const outcome = await inTenant(database, municipalityId, async (tx) => {
    const mail = await tx
      .selectFrom('mailOutbox')
      .select(['id', 'recipient', 'subject', 'body', 'sentAt'])
      .where('id', '=', mailId)
      .forUpdate()
      .executeTakeFirst();
    if (!mail) throw new Error(`mail ${mailId} not found`);
    if (mail.sentAt) return 'already_sent' as const;
    try {
      await sender.send({ to: mail.recipient, subject: mail.subject, text: mail.body });
    } catch (error) {
      failure = error;
      return 'failed' as const;
    }
    await tx
      .updateTable('mailOutbox')
      .set((eb) => ({ sentAt: new Date(), attempts: eb('attempts', '+', 1), lastError: null }))
      .where('id', '=', mailId)
      .where('sentAt', 'is', null)
      .execute();
    return 'sent' as const;
  });
  if (outcome !== 'failed') return outcome;
  const message = failure instanceof Error ? failure.message : String(failure);
  await inTenant(database, municipalityId, (tx) =>
    tx
      .updateTable('mailOutbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), lastError: message.slice(0, 2000) }))
      .where('id', '=', mailId)
      .where('sentAt', 'is', null)
      .execute(),
  );
  throw failure instanceof Error ? failure : new Error(message);
}

/** The `mail.send` queue: one job per message, retried by the queue with growing delays. */
export function mailJobs(database: Database, sender: MailSender, logger: Logger): Record<string, JobHandler> {
  return {
    [MAIL_QUEUE]: async (job) => {
      const { municipalityId, mailId } = job.payload;
      if (typeof municipalityId !== 'string' || typeof mailId !== 'string') {
        throw new Error('mail.send: no municipalityId or mailId');
      }
      const outcome = await sendQueuedMail(database, sender, municipalityId, mailId);
      logger.info({ mailId, outcome }, 'mail outbox');
    },
  };
}
