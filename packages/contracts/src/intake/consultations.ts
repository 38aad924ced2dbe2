import { z } from 'zod';
import { ReferenceCodeSchema, TermSchema } from '../catalog/common.js';
import { IdSchema } from '../org.js';
import { isoDate, isoMoment, line, text } from '../text.js';

/**
 * Consultations on a service (000 item 3.1): «Зарегистрировать консультацию» records the start, the
 * employee, the channel, the service and the subject; «Завершить консультацию» records the end and the
 * data the service asks at the end. A consultation left unfinished (a crash, a closed browser) waits in
 * its employee's list of unfinished ones to be finished or discarded.
 */
export const CONSULTATION_CHANNELS = ['in_person', 'phone'] as const;
export type ConsultationChannel = (typeof CONSULTATION_CHANNELS)[number];
export const CONSULTATION_CHANNEL_TITLES: Record<ConsultationChannel, string> = {
  in_person: 'Личный приём',
  phone: 'По телефону',
};

export const CONSULTATION_STATES = ['open', 'finished', 'discarded'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];
export const CONSULTATION_STATE_TITLES: Record<ConsultationState, string> = {
  open: 'Не завершена',
  finished: 'Завершена',
  discarded: 'Отменена',
};

/** «Зарегистрировать консультацию». */
export const ConsultationStartSchema = z.strictObject({
  channel: z.enum(CONSULTATION_CHANNELS).describe('Способ обращения'),
  /** A registry record of the applicant; null: the person did not give their name (a phone call). */
  applicantId: IdSchema.nullable().describe('Заявитель'),
  representativeId: IdSchema.nullable().describe('Представитель заявителя'),
  serviceId: IdSchema.describe('Муниципальная услуга'),
  /** A code of the `consultation_subjects` directory. */
  subject: ReferenceCodeSchema.describe('Предмет консультации'),
  /** 004 item 7: when it began, if entered later; absent: now. */
  startedAt: isoMoment().nullable().describe('Начало консультации'),
});

/** «Завершить консультацию»: what the service asks at the end. */
export const ConsultationFinishSchema = z.strictObject({
  /** Keys of the service card's applicant documents explained to the person. */
  explainedDocuments: z.array(line().max(60)).max(100).describe('Разъяснённые документы'),
  /** The person was told the term of the service and the grounds for refusal. */
  termExplained: z.boolean().describe('Разъяснён срок предоставления услуги'),
  summary: text().min(1).max(4000).describe('Содержание консультации'),
  /** 004 item 7: when it ended, if entered later; absent: now. */
  endedAt: isoMoment().nullable().describe('Окончание консультации'),
});

/** «Отменить»: an unfinished consultation registered by mistake (or never held) is discarded. */
export const ConsultationDiscardSchema = z.strictObject({
  reason: line().max(1000).nullable().describe('Причина отмены'),
});

export const ConsultationSchema = z.object({
  id: z.string(),
  state: z.enum(CONSULTATION_STATES),
  channel: z.enum(CONSULTATION_CHANNELS),
  employee: z.object({ id: z.string(), name: z.string() }),
  applicant: z.object({ id: z.string(), name: z.string() }).nullable(),
  representative: z.object({ id: z.string(), name: z.string() }).nullable(),
  service: z.object({ id: z.string(), name: z.string() }),
  subject: z.object({ code: z.string(), name: z.string() }),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  explainedDocuments: z.array(z.object({ key: z.string(), name: z.string() })),
  termExplained: z.boolean().nullable(),
  summary: z.string().nullable(),
  /** 004 item 7: entered later than one working day after the procedure. */
  lateEntry: z.boolean(),
  enteredAt: z.string(),
});
export type Consultation = z.infer<typeof ConsultationSchema>;

/** The list for heads (by employee, service, period) and for an employee (their own). */
export const ConsultationListQuerySchema = z.object({
  employeeId: IdSchema.optional(),
  serviceId: IdSchema.optional(),
  state: z.enum(CONSULTATION_STATES).optional(),
  from: isoDate().optional().describe('С даты'),
  to: isoDate().optional().describe('По дату'),
  lateOnly: z.enum(['true', 'false']).optional(),
  before: line().max(100).optional().describe('Курсор'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ConsultationListSchema = z.object({
  items: z.array(ConsultationSchema),
  next: z.string().nullable(),
});

/**
 * What the employee explains during the consultation (000 item 3.1): the facts of the service's card in
 * force — the documents the applicant brings, those the municipality obtains itself (never demanded,
 * 210-ФЗ ст. 7 ч. 1 п. 2), the term and the grounds for refusal.
 */
export const ConsultationServiceFactsSchema = z.object({
  serviceName: z.string(),
  applicantDocuments: z.array(
    z.object({ key: z.string(), name: z.string(), required: z.boolean(), condition: z.string() }),
  ),
  interagencyDocuments: z.array(z.object({ key: z.string(), name: z.string() })),
  term: TermSchema,
  termText: z.string(),
  intakeRefusalGrounds: z.array(z.object({ key: z.string(), text: z.string() })),
  serviceRefusalGrounds: z.array(z.object({ key: z.string(), text: z.string() })),
  feeText: z.string(),
});
export type ConsultationServiceFacts = z.infer<typeof ConsultationServiceFactsSchema>;

/** One consultation with the facts of its service's card: the consultation's screen. */
export const ConsultationDetailSchema = z.object({
  consultation: ConsultationSchema,
  facts: ConsultationServiceFactsSchema.nullable(),
  /** The viewer registered it and it is open: «Завершить консультацию» and «Отменить» are offered. */
  canFinish: z.boolean(),
});
export type ConsultationDetail = z.infer<typeof ConsultationDetailSchema>;

export type ConsultationStart = z.infer<typeof ConsultationStartSchema>;
export type ConsultationFinish = z.infer<typeof ConsultationFinishSchema>;
export type ConsultationListQuery = z.input<typeof ConsultationListQuerySchema>;
export type ConsultationList = z.infer<typeof ConsultationListSchema>;
