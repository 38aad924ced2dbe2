import type { Tx } from '../../db/database.js';
import { runCommand, type CommandContext } from '../../platform/commands.js';
import type { GostProvider } from '../../platform/crypto/provider.js';
import { SYSTEM_ACTOR } from '../../platform/journal/append.js';
import { rejectionText } from '../../platform/smev/faults.js';
import { informationKindOf, type AnswerView } from '../../platform/smev/kinds/index.js';
import type { ReceivedResponse, SmevAttachment, SmevExchange } from '../../platform/smev/types.js';
import { recordGeneratedDocument } from '../documents/index.js';
import { notify } from '../notifications/index.js';
import { tellAnswered } from './answer-hooks.js';
import type { SmevJobDeps } from './send-job.js';
import { logExchange } from './message-log.js';

/** What `smev_requests.answer` holds: the answer as the executor reads it. */
export interface StoredAnswer extends AnswerView {
  /** Documents of the case made of the answer's attachments. */
  attachmentDocumentIds: string[];
}

export interface OpenRequest {
  id: string;
  municipalityId: string;
  caseId: string;
  caseRequestId: string;
  requestKind: string;
  agency: string;
  messageId: string;
  status: string;
  responseMessageId: string | null;
  createdBy: string | null;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Why an answer cannot be trusted, or null: SMEV's signature over the Response (which holds the
 * provider's data) must be there, valid, and made with SMEV's own certificate when it is configured —
 * a valid signature by anyone else proves nothing; the provider's signature, when present, must verify.
 */
export function untrusted(
  response: ReceivedResponse,
  smevCertificates: readonly Uint8Array[],
): string | null {
  const smev = response.smevSignature;
  if (smev === null) return 'нет подписи СМЭВ';
  if (!smev.valid) return `подпись СМЭВ неверна${smev.reason ? `: ${smev.reason}` : ''}`;
  if (
    smevCertificates.length > 0 &&
    !smevCertificates.some((c) => smev.certificate && sameBytes(c, smev.certificate))
  ) {
    return 'подпись СМЭВ сделана не сертификатом СМЭВ';
  }
  const provider = response.providerSignature;
  if (provider && !provider.valid) {
    return `подпись поставщика сведений неверна${provider.reason ? `: ${provider.reason}` : ''}`;
  }
  return null;
}

const EXTENSIONS: Record<string, string> = {
  'application/xml': 'xml',
  'text/xml': 'xml',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
};

async function storeAnswerDocuments(
  tx: Tx,
  deps: SmevJobDeps & { provider: GostProvider },
  request: OpenRequest,
  content: string,
  attachments: SmevAttachment[],
  title: string,
  at: Date,
): Promise<{ documentId: string; attachmentDocumentIds: string[] }> {
  const createdBy = request.createdBy;
  if (!createdBy) throw new Error(`smev request ${request.id} has no executor`);
  const main = await recordGeneratedDocument(tx, deps, {
    municipalityId: request.municipalityId,
    title,
    fileName: `otvet-smev-${request.requestKind}.xml`,
    mediaType: 'application/xml',
    content: Buffer.from(content, 'utf8'),
    createdBy,
    orgUnitId: null,
    createdAt: at,
  });
  const attachmentDocumentIds: string[] = [];
  for (const [index, file] of attachments.entries()) {
    const ext = EXTENSIONS[file.mimeType] ?? 'bin';
    const doc = await recordGeneratedDocument(tx, deps, {
      municipalityId: request.municipalityId,
      title: `${title} — вложение ${index + 1}`,
      fileName: `otvet-smev-${request.requestKind}-${index + 1}.${ext}`,
      mediaType: file.mimeType,
      content: Buffer.from(file.content),
      createdBy,
      orgUnitId: null,
      createdAt: at,
    });
    attachmentDocumentIds.push(doc.id);
  }
  return { documentId: main.id, attachmentDocumentIds };
}

/**
 * Takes one answer from our queue into its request, in the request's municipality, in one transaction
 * with the message log and the journal: the data answer becomes the case's document (and the
 * applicant's held one, through the cases module's hook); a refusal is recorded with its reasons; an
 * answer whose signatures do not verify is refused and journaled, and its request stays open to be
 * asked again. Returns whether to Ack it as accepted. A repeated delivery of an answer already taken
 * (the Ack was lost) changes nothing.
 */
export async function receiveAnswer(
  deps: SmevJobDeps & { provider: GostProvider },
  request: OpenRequest,
  response: ReceivedResponse,
  exchange: SmevExchange,
): Promise<{ accepted: boolean }> {
  const ctx: CommandContext = {
    database: deps.database,
    municipalityId: request.municipalityId,
    actor: SYSTEM_ACTOR,
  };
  const at = deps.clock();
  if (request.responseMessageId === response.messageId) return { accepted: true };
  const distrust = untrusted(response, deps.smev.smevCertificates);
  return runCommand(ctx, async ({ tx, journal }) => {
    await logExchange(tx, deps.files, {
      municipalityId: request.municipalityId,
      smevRequestId: request.id,
      exchange,
      messageId: response.messageId,
      at,
      signatures: { provider: response.providerSignature, smev: response.smevSignature },
    });
    if (distrust) {
      await journal({
        action: 'smev.response_refused',
        objectType: 'smev_request',
        objectId: request.id,
        payload: {
          caseId: request.caseId,
          messageId: request.messageId,
          responseMessageId: response.messageId,
          reason: distrust,
        },
      });
      if (request.createdBy) {
        await notify(tx, {
          municipalityId: request.municipalityId,
          recipientId: request.createdBy,
          text: `Ответ СМЭВ на межведомственный запрос отклонён: ${distrust}. Запрос ожидает ответа`,
          objectType: 'case',
          objectId: request.caseId,
        });
      }
      return { accepted: false };
    }

    const kind = informationKindOf(request.requestKind);
    const body = response.body;
    if (body.kind === 'status') {
      await journal({
        action: 'smev.request_status',
        objectType: 'smev_request',
        objectId: request.id,
        payload: { caseId: request.caseId, code: body.code, description: body.description.slice(0, 1000) },
      });
      return { accepted: true };
    }
    if (body.kind === 'async') {
      const reason = [body.fault?.description, body.details].filter(Boolean).join('; ') || body.category;
      await tx
        .updateTable('smevRequests')
        .set({
          status: 'failed',
          errorCode: body.fault?.code ?? body.category,
          error: `СМЭВ не доставил запрос: ${reason}`.slice(0, 4000),
        })
        .where('id', '=', request.id)
        .where('status', 'in', ['queued', 'sent'])
        .execute();
      if (request.createdBy) {
        await notify(tx, {
          municipalityId: request.municipalityId,
          recipientId: request.createdBy,
          text: `Межведомственный запрос не доставлен СМЭВ: ${reason}`,
          objectType: 'case',
          objectId: request.caseId,
        });
      }
      await journal({
        action: 'smev.request_failed',
        objectType: 'smev_request',
        objectId: request.id,
        payload: {
          caseId: request.caseId,
          messageId: request.messageId,
          code: body.category,
          reason: reason.slice(0, 1000),
          told: request.createdBy ? [request.createdBy] : [],
        },
      });
      return { accepted: true };
    }

    let answer: StoredAnswer;
    let documentId: string | null = null;
    let outcome: 'answered' | 'rejected';
    const title = `Ответ на межведомственный запрос: ${kind?.title ?? request.requestKind} (СМЭВ)`;
    if (body.kind === 'content') {
      const view: AnswerView = kind
        ? kind.read(body.content, body.attachments)
        : { found: true, summary: 'Ответ получен', fields: [] };
      const stored = await storeAnswerDocuments(tx, deps, request, body.content, body.attachments, title, at);
      documentId = stored.documentId;
      answer = { ...view, attachmentDocumentIds: stored.attachmentDocumentIds };
      outcome = 'answered';
    } else {
      const reasons = body.rejections.map(
        (r) => `${rejectionText(r.code)}${r.description ? `: ${r.description}` : ''}`,
      );
      answer = {
        found: false,
        summary: `Отказ в предоставлении сведений. ${reasons.join('; ')}`,
        fields: [],
        attachmentDocumentIds: [],
      };
      outcome = 'rejected';
    }
    const updated = await tx
      .updateTable('smevRequests')
      .set({
        status: outcome,
        answeredAt: at,
        responseMessageId: response.messageId,
        answer: JSON.stringify(answer),
        answerDocumentId: documentId,
      })
      .where('id', '=', request.id)
      .where('status', 'in', ['queued', 'sent'])
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return { accepted: true };
    await journal({
      action: outcome === 'answered' ? 'smev.response_received' : 'smev.request_rejected',
      objectType: 'smev_request',
      objectId: request.id,
      payload: {
        caseId: request.caseId,
        messageId: request.messageId,
        responseMessageId: response.messageId,
        requestKind: request.requestKind,
        found: answer.found,
        documentId,
      },
    });
    await tellAnswered(tx, {
      municipalityId: request.municipalityId,
      caseId: request.caseId,
      caseRequestId: request.caseRequestId,
      smevRequestId: request.id,
      outcome,
      text: answer.summary,
      documentId,
      documentTitle: documentId ? title : null,
      requestKind: request.requestKind,
      requestedBy: request.createdBy,
      at,
    });
    return { accepted: true };
  });
}
