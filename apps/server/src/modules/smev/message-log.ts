import type { Tx } from '../../db/database.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { SignatureCheck, SmevExchange } from '../../platform/smev/types.js';

export interface LoggedExchange {
  municipalityId: string;
  smevRequestId: string | null;
  exchange: SmevExchange;
  /** The MessageID the exchange carries: ours (SendRequest), the answer's (GetResponse, Ack). */
  messageId: string | null;
  at: Date;
  /** Answers: the provider's and SMEV's signatures. */
  signatures?: { provider: SignatureCheck | null; smev: SignatureCheck | null };
  faultCode?: string | null;
  responseContentType?: string | null;
}

function signatureOutcome(signatures: LoggedExchange['signatures']): {
  valid: boolean | null;
  reason: string | null;
} {
  if (!signatures) return { valid: null, reason: null };
  const checks = [signatures.provider, signatures.smev].filter((c): c is SignatureCheck => c !== null);
  if (checks.length === 0) return { valid: false, reason: 'Ответ не подписан' };
  const failed = checks.find((c) => !c.valid);
  return failed ? { valid: false, reason: failed.reason } : { valid: true, reason: null };
}

/**
 * Keeps both envelopes of an exchange that carried a message (ours out, SMEV's in): the exact bytes in
 * the file store, by their SHA-256, with the outcome of checking the answer's signatures. An empty
 * GetResponse (nothing in the queue) is not kept: it carries nothing.
 */
export async function logExchange(tx: Tx, files: FileStore, input: LoggedExchange): Promise<void> {
  const { exchange } = input;
  const outgoing = await files.put(Buffer.from(exchange.request));
  type Row = {
    direction: 'out' | 'in';
    stored: { key: string; sha256: string; size: number };
    httpStatus: number | null;
    contentType: string | null;
    signature: { valid: boolean | null; reason: string | null };
    faultCode: string | null;
  };
  const rows: Row[] = [
    {
      direction: 'out',
      stored: outgoing,
      httpStatus: null,
      contentType: null,
      signature: { valid: null, reason: null },
      faultCode: null,
    },
  ];
  if (exchange.response.length > 0) {
    rows.push({
      direction: 'in',
      stored: await files.put(Buffer.from(exchange.response)),
      httpStatus: exchange.httpStatus,
      contentType: input.responseContentType ?? null,
      signature: signatureOutcome(input.signatures),
      faultCode: input.faultCode ?? null,
    });
  }
  await tx
    .insertInto('smevMessages')
    .values(
      rows.map((r) => ({
        municipalityId: input.municipalityId,
        smevRequestId: input.smevRequestId,
        direction: r.direction,
        operation: exchange.operation as 'SendRequest' | 'GetResponse' | 'Ack' | 'GetStatus',
        messageId: input.messageId,
        httpStatus: r.httpStatus,
        contentType: r.contentType,
        storageKey: r.stored.key,
        sha256: r.stored.sha256,
        sizeBytes: r.stored.size,
        signatureValid: r.signature.valid,
        signatureReason: r.signature.reason,
        faultCode: r.faultCode,
        at: input.at,
      })),
    )
    .execute();
}
