import type { Database } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { SYSTEM_ACTOR } from '../../platform/journal/append.js';
import type { JobHandler } from '../../platform/jobs/queue.js';
import { SmevError } from '../../platform/smev/faults.js';
import type { SmevRuntime } from '../../platform/smev/install.js';
import type { MessageMetadata, SmevExchange } from '../../platform/smev/types.js';
import { notify } from '../notifications/index.js';
import { logExchange } from './message-log.js';
import { SEND_QUEUE } from './outbox.js';

export interface SmevJobDeps {
  database: Database;
  files: FileStore;
  smev: SmevRuntime;
  clock: Clock;
}

type Row = {
  id: string;
  messageId: string;
  content: string;
  status: string;
  createdBy: string | null;
  caseId: string;
  requestKind: string;
  agency: string;
};

/** SMEV took the message: the request is sent (also when the answer to our send was lost and SMEV says it has it already). */
async function recordSent(
  ctx: CommandContext,
  deps: SmevJobDeps,
  row: Row,
  exchange: SmevExchange,
  metadata: MessageMetadata | null,
  faultCode: string | null,
): Promise<void> {
  const at = deps.clock();
  await runCommand(ctx, async ({ tx, journal }) => {
    await logExchange(tx, deps.files, {
      municipalityId: ctx.municipalityId,
      smevRequestId: row.id,
      exchange,
      messageId: row.messageId,
      at,
      faultCode,
    });
    const updated = await tx
      .updateTable('smevRequests')
      .set((eb) => ({
        status: 'sent',
        sentAt: at,
        attempts: eb('attempts', '+', 1),
        errorCode: null,
        error: null,
      }))
      .where('id', '=', row.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return;
    await journal({
      action: 'smev.request_sent',
      objectType: 'smev_request',
      objectId: row.id,
      payload: {
        caseId: row.caseId,
        messageId: row.messageId,
        requestKind: row.requestKind,
        agency: row.agency,
        smevStatus: metadata?.status ?? null,
        recipient: metadata?.recipient ?? null,
        alreadySent: faultCode === 'MessageIsAlreadySent',
      },
    });
  });
}

async function recordFailure(
  ctx: CommandContext,
  deps: SmevJobDeps,
  row: Row,
  error: { code: string; message: string; exchange: SmevExchange | null },
  last: boolean,
): Promise<void> {
  const at = deps.clock();
  await runCommand(ctx, async ({ tx, journal }) => {
    if (error.exchange) {
      await logExchange(tx, deps.files, {
        municipalityId: ctx.municipalityId,
        smevRequestId: row.id,
        exchange: error.exchange,
        messageId: row.messageId,
        at,
        faultCode: error.code,
      });
    }
    const updated = await tx
      .updateTable('smevRequests')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        errorCode: error.code.slice(0, 200),
        error: error.message.slice(0, 4000),
        status: last ? 'failed' : 'queued',
      }))
      .where('id', '=', row.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (!last || updated.numUpdatedRows === 0n) return;
    if (row.createdBy) {
      await notify(tx, {
        municipalityId: ctx.municipalityId,
        recipientId: row.createdBy,
        text: `Межведомственный запрос не отправлен в СМЭВ. ${error.message}`,
        objectType: 'case',
        objectId: row.caseId,
      });
    }
    await journal({
      action: 'smev.request_failed',
      objectType: 'smev_request',
      objectId: row.id,
      payload: {
        caseId: row.caseId,
        messageId: row.messageId,
        code: error.code,
        reason: error.message.slice(0, 1000),
        told: row.createdBy ? [row.createdBy] : [],
      },
    });
  });
}

/**
 * The `smev.send` queue: sends one request of the outbox with its stored MessageID. SMEV's
 * MessageIsAlreadySent means an earlier attempt reached it (the answer was lost): the request is sent.
 * A fault that a retry can mend (a lost connection, SMEVFailure, DestinationOverflow) is retried with the
 * queue's backoff; one that it cannot (a content or signature fault, access denied) or the last attempt
 * fails the request, and its executor is told why.
 */
export function sendJob(deps: SmevJobDeps): Record<string, JobHandler> {
  return {
    [SEND_QUEUE]: async (job) => {
      const { municipalityId, smevRequestId } = job.payload;
      if (typeof municipalityId !== 'string' || typeof smevRequestId !== 'string') return;
      const ctx: CommandContext = { database: deps.database, municipalityId, actor: SYSTEM_ACTOR };
      const row = await runQuery(ctx, (tx) =>
        tx
          .selectFrom('smevRequests')
          .select(['id', 'messageId', 'content', 'status', 'createdBy', 'caseId', 'requestKind', 'agency'])
          .where('id', '=', smevRequestId)
          .executeTakeFirst(),
      );
      if (!row || row.status !== 'queued') return;
      const last = job.attempts >= job.maxAttempts;
      const client = deps.smev.client;
      if (!client) {
        await recordFailure(
          ctx,
          deps,
          row,
          {
            code: 'smev_not_configured',
            message: deps.smev.unavailable ?? 'СМЭВ недоступен',
            exchange: null,
          },
          true,
        );
        return;
      }
      try {
        const sent = await client.sendRequest({
          messageId: row.messageId,
          content: row.content,
          ...(deps.smev.settings.testMessages ? { test: true } : {}),
          ...(deps.smev.settings.nodeId ? { nodeId: deps.smev.settings.nodeId } : {}),
        });
        await recordSent(ctx, deps, row, sent.exchange, sent.metadata, null);
        deps.smev.pollSoon();
      } catch (error) {
        if (!(error instanceof SmevError)) throw error;
        if (error.code === 'MessageIsAlreadySent') {
          await recordSent(ctx, deps, row, error.exchange ?? emptyExchange(), null, error.code);
          deps.smev.pollSoon();
          return;
        }
        const final = last || !error.retriable;
        await recordFailure(ctx, deps, row, error, final);
        if (!final) throw error;
      }
    },
  };
}

function emptyExchange(): SmevExchange {
  return {
    operation: 'SendRequest',
    request: new Uint8Array(),
    response: new Uint8Array(),
    httpStatus: null,
  };
}
