import type { Logger } from 'pino';
import { runCommand } from '../../platform/commands.js';
import type { GostProvider } from '../../platform/crypto/provider.js';
import { SYSTEM_ACTOR } from '../../platform/journal/append.js';
import { enqueue, type JobHandler } from '../../platform/jobs/queue.js';
import { SmevError } from '../../platform/smev/faults.js';
import type { SmevExchange } from '../../platform/smev/types.js';
import { logExchange } from './message-log.js';
import { receiveAnswer, type OpenRequest } from './receive.js';
import type { SmevJobDeps } from './send-job.js';

export const POLL_QUEUE = 'smev.poll';
/** Answers taken in one run at most; the next run goes on. */
const MAX_PER_RUN = 50;
/** The idle cadence: with nothing sent lately the queue is asked once a minute (while a request waits). */
export const IDLE_POLL_SECONDS = 60;
/** After a send or an answer, polls at these multiples of SMEV_POLL_SECONDS (an answer often comes in seconds). */
const SOON = [1, 2, 4, 8];

/**
 * Polls soon after a send (and after answers: more may follow): jobs at growing delays, at most one per
 * second whoever asks, so a burst of sends does not multiply them. The recurring job covers the idle time.
 */
async function pollSoon(deps: SmevJobDeps, logger: Logger): Promise<void> {
  const base = deps.smev.settings.pollSeconds;
  const now = deps.clock().getTime();
  try {
    for (const k of SOON) {
      const runAt = new Date(Math.ceil((now + k * base * 1000) / 1000) * 1000);
      // The poll is the installation's job (no municipality), queued as the worker queues its schedules.
      // eslint-disable-next-line no-restricted-syntax
      await enqueue(deps.database.system, {
        queue: POLL_QUEUE,
        singletonKey: `${POLL_QUEUE}:soon:${runAt.getTime()}`,
        runAt,
        maxAttempts: 1,
      });
    }
  } catch (error) {
    logger.warn({ err: error }, 'SMEV poll not scheduled');
  }
}

async function findRequest(
  deps: SmevJobDeps,
  originalMessageId: string | null,
): Promise<OpenRequest | undefined> {
  if (!originalMessageId) return undefined;
  // Installation-wide by design: SMEV's queue is the installation's and an answer names our MessageID,
  // not the municipality; the owner connection, a narrow select by the unique MessageID tells which.
  // eslint-disable-next-line no-restricted-syntax
  return deps.database.system
    .selectFrom('smevRequests')
    .select([
      'id',
      'municipalityId',
      'caseId',
      'caseRequestId',
      'requestKind',
      'agency',
      'messageId',
      'status',
      'responseMessageId',
      'createdBy',
    ])
    .where('messageId', '=', originalMessageId)
    .executeTakeFirst();
}

/**
 * The `smev.poll` queue (recurring every minute, and soon after each send): takes the answers from our
 * SMEV queue (GetResponse) while any request waits, each into its request (receive.ts), and
 * acknowledges every message taken — also an answer refused for its signature (accepted=false) and one that names no request of ours, so that
 * nothing stays at the head of the queue. The Ack goes after the answer's transaction commits: a crash
 * in between makes SMEV deliver it again, and the second delivery changes nothing.
 */
export function pollJob(
  deps: SmevJobDeps & { provider: GostProvider; logger: Logger },
): Record<string, JobHandler> {
  deps.smev.onPollSoon(() => void pollSoon(deps, deps.logger));
  return {
    [POLL_QUEUE]: async () => {
      const client = deps.smev.client;
      if (!client) return;
      // Whether any municipality's request waits (the queue is the installation's): the owner connection.
      // eslint-disable-next-line no-restricted-syntax
      const waiting = await deps.database.system
        .selectFrom('smevRequests')
        .select('id')
        .where('status', '=', 'sent')
        .limit(1)
        .executeTakeFirst();
      if (!waiting) return;
      for (let i = 0; i < MAX_PER_RUN; i++) {
        const { response, exchange } = await client.getResponse(null);
        if (!response) {
          if (i > 0) await pollSoon(deps, deps.logger);
          return;
        }
        const request = await findRequest(deps, response.originalMessageId);
        let accepted = false;
        if (request) {
          ({ accepted } = await receiveAnswer(deps, request, response, exchange));
        } else {
          deps.logger.warn(
            { messageId: response.messageId, originalMessageId: response.originalMessageId },
            'SMEV answer to an unknown request',
          );
        }
        await acknowledge(deps, request, response.messageId, accepted);
      }
    },
  };
}

async function acknowledge(
  deps: SmevJobDeps & { logger: Logger },
  request: OpenRequest | undefined,
  messageId: string,
  accepted: boolean,
): Promise<void> {
  const client = deps.smev.client;
  if (!client) return;
  let exchange: SmevExchange | null;
  let faultCode: string | null = null;
  try {
    ({ exchange } = await client.ack(messageId, accepted));
  } catch (error) {
    if (!(error instanceof SmevError)) throw error;
    // The message comes again and is taken again (nothing changes the second time), then acknowledged.
    deps.logger.warn({ messageId, code: error.code }, 'SMEV Ack failed');
    exchange = error.exchange;
    faultCode = error.code;
  }
  if (!request || !exchange) return;
  const log = exchange;
  await runCommand(
    { database: deps.database, municipalityId: request.municipalityId, actor: SYSTEM_ACTOR },
    ({ tx }) =>
      logExchange(tx, deps.files, {
        municipalityId: request.municipalityId,
        smevRequestId: request.id,
        exchange: log,
        messageId,
        at: deps.clock(),
        faultCode,
      }),
  );
}
