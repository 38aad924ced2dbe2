import { z } from 'zod';
import { NotificationListSchema, NotificationSchema } from '../calendar.js';
import { PortalCaseSchema } from '../cases/portal.js';
import { ApplicationFileSchema, ApplicationStatusSchema, StatusChangeSchema } from './applications.js';

/**
 * The portal's view of applications (000 item 3.3): what the applicant reads of their own
 * applications. It never carries what only staff see: who accepted or refused, the unit, the late-entry
 * flag, the registry's records, the checklist of paper intake.
 */

const PortalServiceRefSchema = z.object({ id: z.string(), name: z.string(), shortName: z.string() });

/** «осталось 3 рабочих дня», «срок истёк 2 рабочих дня назад»; null before a case exists. */
const TermFields = {
  /** The service's term: its last day (`YYYY-MM-DD`). */
  dueDate: z.string().nullable(),
  /** Working days left to it; negative: overdue. */
  workingDaysLeft: z.number().int().nullable(),
  daysLeftText: z.string().nullable(),
};

export const PortalApplicationListItemSchema = z.object({
  id: z.string(),
  status: ApplicationStatusSchema,
  statusTitle: z.string(),
  service: PortalServiceRefSchema,
  registrationNumber: z.string().nullable(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...TermFields,
  /**
   * `paper`: an application made at the front desk for the registry record linked to this ESIA
   * applicant; shown read-only (it may still be withdrawn).
   */
  channel: z.enum(['portal', 'paper']),
});
export type PortalApplicationListItem = z.infer<typeof PortalApplicationListItemSchema>;

export const PortalApplicationListSchema = z.object({ items: z.array(PortalApplicationListItemSchema) });
export type PortalApplicationList = z.infer<typeof PortalApplicationListSchema>;

/** A document the administration already holds and the applicant need not attach (004 item 9). */
export const PortalHeldDocumentSchema = z.object({
  /** The form's file field it stands for. */
  fieldKey: z.string(),
  title: z.string(),
  documentTypeName: z.string(),
  validUntil: z.string().nullable(),
});
export type PortalHeldDocument = z.infer<typeof PortalHeldDocumentSchema>;

/** The applicant's own application: its values, files, history and, once accepted, number and term. */
export const PortalApplicationSchema = PortalApplicationListItemSchema.extend({
  serviceVersionId: z.string(),
  values: z.record(z.string(), z.unknown()),
  files: z.array(ApplicationFileSchema),
  registeredAt: z.string().nullable(),
  history: z.array(StatusChangeSchema),
  /** Why intake (or the service) was refused: the grounds' texts from the service's list and the comment. */
  refusal: z
    .object({ grounds: z.array(z.object({ key: z.string(), text: z.string() })), comment: z.string() })
    .nullable(),
  /** The receipt of acceptance can be downloaded (`…/receipt`). */
  receiptAvailable: z.boolean(),
  /** The case once the application is accepted: its stage in plain words, the signed result. */
  case: PortalCaseSchema.nullable(),
  /** It may be withdrawn (`…/withdraw`): submitted, or accepted and no decision signed yet. */
  canWithdraw: z.boolean(),
});
export type PortalApplication = z.infer<typeof PortalApplicationSchema>;

/** What the form starts with: values from ESIA and earlier applications, and the documents already held. */
export const PortalPrefillSchema = z.object({
  values: z.record(z.string(), z.unknown()),
  held: z.array(PortalHeldDocumentSchema),
});
export type PortalPrefill = z.infer<typeof PortalPrefillSchema>;

/** A refused submission (422): each problem under its field, as the catalog's check names them. */
export const PortalSubmissionRefusalSchema = z.object({
  code: z.literal('application_invalid'),
  message: z.string(),
  problems: z.array(z.object({ field: z.string(), message: z.string() })),
});

export const PortalNotificationSchema = NotificationSchema;
export const PortalNotificationListSchema = NotificationListSchema;
