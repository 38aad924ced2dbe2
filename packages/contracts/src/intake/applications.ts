import { z } from 'zod';
import { RenderStatusSchema } from '../documents/templates.js';
import { KeySchema } from '../catalog/common.js';
import { IdSchema } from '../org.js';
import { FieldValueSchema } from '../catalog/api.js';
import { isoMoment, line, text } from '../text.js';
import { APPLICATION_STATUSES } from './statuses.js';

/**
 * Applications (заявления): on paper at the workplace (000 item 3.2) and from the portal (000 item
 * 3.3). «Принять» is the legal acceptance: a registration number (per municipality and year, without
 * gaps, assigned in the accepting transaction), the date and time, the case on the service's current
 * published version, its terms, and a receipt. «Отказать» refuses intake on a ground of the service's
 * list (210-ФЗ ст. 7 ч. 1 п. 1, the regulation's exhaustive list).
 */

/** The form's values, as `validateSubmission` checks them against the service's form. */
export const FormValuesInputSchema = z
  .record(line().min(1).max(200), FieldValueSchema)
  .describe('Значения полей заявления');

/**
 * One document of the checklist at paper intake: presented as an original or a copy, a scan attached;
 * the documents the system obtains itself (inter-agency) are not on it (210-ФЗ ст. 7 ч. 1 п. 2).
 */
export const ChecklistItemSchema = z.strictObject({
  documentKey: KeySchema.describe('Документ'),
  presented: z.enum(['original', 'copy', 'none']).describe('Представлен'),
  /** Ids of uploaded files (scans). */
  fileIds: z.array(IdSchema).max(20),
  sheets: z.number().int().min(0).max(10_000).nullable().describe('Количество листов'),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

/** «Принять» at paper intake: everything the employee entered after «Принять документы». */
export const PaperAcceptSchema = z.strictObject({
  serviceId: IdSchema.describe('Услуга'),
  applicantId: IdSchema.describe('Заявитель'),
  representativeId: IdSchema.nullable().describe('Представитель'),
  authorityId: IdSchema.nullable().describe('Основание представительства'),
  values: FormValuesInputSchema,
  checklist: z.array(ChecklistItemSchema).max(100),
  /** 004 item 7: when the applicant handed the documents in, if entered later; null: now. */
  receivedAt: isoMoment().nullable().describe('Дата и время приёма'),
});

/** «Отказать»: grounds from the service's list of intake refusals and a comment. */
export const IntakeRefusalSchema = z.strictObject({
  grounds: z.array(KeySchema).min(1, { message: 'Выберите основание отказа' }).max(20).describe('Основания'),
  comment: text().min(1).max(4000).describe('Комментарий'),
});

/** Refusal at paper intake: who, what service, and why (recorded, journaled, a notice issued). */
export const PaperRefusalSchema = IntakeRefusalSchema.extend({
  serviceId: IdSchema.describe('Услуга'),
  applicantId: IdSchema.describe('Заявитель'),
  representativeId: IdSchema.nullable(),
  authorityId: IdSchema.nullable(),
  receivedAt: isoMoment().nullable(),
});

export const ApplicationStatusSchema = z.enum(APPLICATION_STATUSES);

export const StatusChangeSchema = z.object({
  status: ApplicationStatusSchema,
  /** ЕПГУ status code (kept for ЕЛК). */
  epguCode: z.number().int(),
  title: z.string(),
  comment: z.string().nullable(),
  at: z.string(),
});
export type StatusChange = z.infer<typeof StatusChangeSchema>;

export const ApplicationFileSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** `clean`, `not_scanned` (no scanner configured) or `quarantined`. */
  scan: z.enum(['clean', 'not_scanned', 'quarantined']),
  uploadedAt: z.string(),
});
export type ApplicationFile = z.infer<typeof ApplicationFileSchema>;

/** A document the applicant already gave, reused under once-only (004 item 9, 210-ФЗ ст. 7). */
export const HeldDocumentSchema = z.object({
  id: z.string(),
  documentType: z.string(),
  documentTypeName: z.string(),
  title: z.string(),
  validUntil: z.string().nullable(),
  /**
   * Where it came from: an earlier application (its number), the registry, a service's result, or an
   * answer to an inter-agency request through SMEV (the application it was asked for).
   */
  source: z.enum(['application', 'registry', 'result', 'smev']),
  sourceLabel: z.string(),
  receivedAt: z.string(),
  file: ApplicationFileSchema.nullable(),
});
export type HeldDocument = z.infer<typeof HeldDocumentSchema>;

const Named = z.object({ id: z.string(), name: z.string() });

/** An application as staff see it («Просмотреть») and, filtered, as the applicant sees it. */
export const ApplicationSchema = z.object({
  id: z.string(),
  channel: z.enum(['paper', 'portal']),
  status: ApplicationStatusSchema,
  statusTitle: z.string(),
  service: Named.extend({ code: z.string() }),
  serviceVersionId: z.string(),
  applicant: Named.nullable(),
  representative: Named.nullable(),
  values: z.record(z.string(), z.unknown()),
  checklist: z.array(ChecklistItemSchema),
  files: z.array(ApplicationFileSchema),
  /** Documents the applicant already gave that this application relies on instead of asking again. */
  heldDocuments: z.array(HeldDocumentSchema),
  registrationNumber: z.string().nullable(),
  registeredAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  caseId: z.string().nullable(),
  /** The service's term: its last day and the working days left (negative: overdue). */
  dueDate: z.string().nullable(),
  workingDaysLeft: z.number().int().nullable(),
  refusal: z
    .object({ grounds: z.array(z.object({ key: z.string(), text: z.string() })), comment: z.string() })
    .nullable(),
  receiptDocumentId: z.string().nullable(),
  history: z.array(StatusChangeSchema),
  /** 004 item 7: entered later than one working day after the procedure. */
  lateEntry: z.boolean(),
  createdAt: z.string(),
});
export type Application = z.infer<typeof ApplicationSchema>;

export const ApplicationListItemSchema = ApplicationSchema.pick({
  id: true,
  channel: true,
  status: true,
  statusTitle: true,
  service: true,
  applicant: true,
  registrationNumber: true,
  registeredAt: true,
  submittedAt: true,
  dueDate: true,
  workingDaysLeft: true,
  lateEntry: true,
  createdAt: true,
});
export type ApplicationListItem = z.infer<typeof ApplicationListItemSchema>;
export const ApplicationListSchema = z.object({
  items: z.array(ApplicationListItemSchema),
  next: z.string().nullable(),
});

export const ApplicationListQuerySchema = z.object({
  status: ApplicationStatusSchema.optional(),
  channel: z.enum(['paper', 'portal']).optional(),
  serviceId: IdSchema.optional(),
  before: line().max(100).optional().describe('Курсор'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** What «Принять» answers: the number, the time, the case and its term, the receipt. */
export const AcceptanceSchema = z.object({
  applicationId: z.string(),
  registrationNumber: z.string(),
  registeredAt: z.string(),
  caseId: z.string(),
  dueDate: z.string(),
  /**
   * The receipt's PDF once it is made: it is rendered from the municipality's template just after
   * the acceptance commits (000 item 2.5), so «Принять» answers while it is still being made
   * (`receiptStatus` pending, the id null); the application's card names it when ready.
   */
  receiptDocumentId: z.string().nullable(),
  receiptRenderId: z.string(),
  receiptStatus: RenderStatusSchema,
});
export type Acceptance = z.infer<typeof AcceptanceSchema>;

/** Portal: a draft (saved as often as the applicant likes), then submitted. */
export const PortalDraftSchema = z.strictObject({
  serviceId: IdSchema.describe('Услуга'),
  values: FormValuesInputSchema,
});
export const PortalDraftUpdateSchema = z.strictObject({ values: FormValuesInputSchema });

/** The registration number format of a municipality: `{seq}` is required. */
export const NUMBER_FORMAT_TOKENS = [
  '{seq}',
  '{seq:N}',
  '{yyyy}',
  '{yy}',
  '{mm}',
  '{dd}',
  '{service}',
] as const;
export const NumberFormatSchema = z.strictObject({
  format: line()
    .min(5)
    .max(60)
    .refine((f) => /\{seq(:\d)?\}/.test(f), { message: 'Формат должен содержать {seq} — порядковый номер' })
    .describe('Формат регистрационного номера'),
});
export const DEFAULT_NUMBER_FORMAT = '{seq:5}/{yyyy}';

/**
 * Renders a registration number: `{seq}` the number of the year, `{seq:N}` padded to N digits,
 * `{yyyy}` `{yy}` `{mm}` `{dd}` the date of registration, `{service}` the service's code.
 */
export function formatRegistrationNumber(
  format: string,
  parts: { seq: number; date: string; serviceCode: string },
): string {
  const [yyyy = '', mm = '', dd = ''] = parts.date.split('-');
  return format.replace(/\{(seq(?::(\d))?|yyyy|yy|mm|dd|service)\}/g, (_, token: string, pad?: string) => {
    if (token.startsWith('seq')) return String(parts.seq).padStart(pad ? Number(pad) : 0, '0');
    if (token === 'yyyy') return yyyy;
    if (token === 'yy') return yyyy.slice(2);
    if (token === 'mm') return mm;
    if (token === 'dd') return dd;
    return parts.serviceCode;
  });
}
