import { z } from 'zod';
import { line } from './text.js';

/**
 * Inter-agency requests through SMEV 3 (210-ФЗ ст. 7.2): how a request stands in the exchange, the
 * answer as the executor reads it, and the monitoring of heads and the technical operator.
 */
export const SMEV_REQUEST_STATUSES = ['queued', 'sent', 'answered', 'rejected', 'failed'] as const;
export type SmevRequestStatus = (typeof SMEV_REQUEST_STATUSES)[number];

export const SMEV_STATUS_TITLES: Record<SmevRequestStatus, string> = {
  queued: 'Ожидает отправки в СМЭВ',
  sent: 'Направлен через СМЭВ, ожидается ответ',
  answered: 'Ответ получен через СМЭВ',
  rejected: 'Поставщик сведений отказал',
  failed: 'Ошибка обмена со СМЭВ',
};

export const SmevAnswerSchema = z.object({
  /** Whether the provider found the data (a register's "not found" is an answer too). */
  found: z.boolean(),
  summary: z.string(),
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
  attachmentDocumentIds: z.array(z.string()),
});
export type SmevAnswer = z.infer<typeof SmevAnswerSchema>;

/** A case request's exchange through SMEV (the latest, when it was asked again). */
export const SmevRequestStateSchema = z.object({
  id: z.string(),
  status: z.enum(SMEV_REQUEST_STATUSES),
  statusTitle: z.string(),
  messageId: z.string(),
  attempts: z.number(),
  /** The last failure, in Russian. */
  error: z.string().nullable(),
  sentAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answer: SmevAnswerSchema.nullable(),
  documentId: z.string().nullable(),
});
export type SmevRequestState = z.infer<typeof SmevRequestStateSchema>;

/** One line of the monitoring: requests to one agency of one kind. */
export const SmevMonitoringRowSchema = z.object({
  agency: z.string(),
  agencyName: z.string(),
  requestKind: z.string(),
  requestKindName: z.string(),
  total: z.number(),
  queued: z.number(),
  /** Sent, no answer yet, within the answer term. */
  waiting: z.number(),
  /** No answer and the answer term has passed. */
  overdue: z.number(),
  answered: z.number(),
  rejected: z.number(),
  failed: z.number(),
  /** The mean answer time in working days of the municipality's calendar; null without answers. */
  averageAnswerDays: z.number().nullable(),
});
export type SmevMonitoringRow = z.infer<typeof SmevMonitoringRowSchema>;
export const SmevMonitoringSchema = z.object({ rows: z.array(SmevMonitoringRowSchema) });

export const SmevMessageQuerySchema = z.object({
  /** The start of a MessageID (ours or the answer's): hexadecimal digits and hyphens. */
  messageId: line()
    .toLowerCase()
    .regex(/^[0-9a-f-]{1,36}$/, { message: 'MessageID: шестнадцатеричные цифры и дефисы' })
    .optional(),
  caseNumber: line().max(40).describe('Номер заявления').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const SmevMessageViewSchema = z.object({
  id: z.string(),
  at: z.string(),
  direction: z.enum(['out', 'in']),
  directionTitle: z.string(),
  operation: z.string(),
  messageId: z.string().nullable(),
  requestMessageId: z.string().nullable(),
  caseId: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  requestKindName: z.string().nullable(),
  httpStatus: z.number().nullable(),
  sha256: z.string(),
  sizeBytes: z.number(),
  signatureValid: z.boolean().nullable(),
  signatureReason: z.string().nullable(),
  faultCode: z.string().nullable(),
});
export type SmevMessageView = z.infer<typeof SmevMessageViewSchema>;
export const SmevMessageListSchema = z.object({ items: z.array(SmevMessageViewSchema) });
