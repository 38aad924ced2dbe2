import { z } from 'zod';
import { isoDate, line, text } from '../text.js';
import { KeySchema, ReferenceCodeSchema, TermSchema, UnitRefSchema } from './common.js';

/** Who may apply (210-ФЗ ст. 2 п. 3: физические и юридические лица; ИП are listed on their own). */
export const APPLICANT_KINDS = ['individual', 'sole_proprietor', 'legal_entity'] as const;
export const ApplicantKindSchema = z.enum(APPLICANT_KINDS);
export type ApplicantKind = z.infer<typeof ApplicantKindSchema>;
export const APPLICANT_KIND_TITLES: Record<ApplicantKind, string> = {
  individual: 'Физическое лицо',
  sole_proprietor: 'Индивидуальный предприниматель',
  legal_entity: 'Юридическое лицо',
};

/** How an application reaches the municipality: on paper in person or by post, or from the portal. */
export const CHANNELS = ['paper', 'portal'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;
export const CHANNEL_TITLES: Record<Channel, string> = {
  paper: 'Лично или почтой, на бумаге',
  portal: 'Через портал муниципальных услуг',
};

/** Where a fact of the definition comes from: the regulation's clause, or a law's article. */
const clause = line().max(300).describe('Пункт регламента или статья закона');

export const RegulationSchema = z.strictObject({
  title: line().min(1).max(1000).describe('Наименование административного регламента'),
  issuer: line().max(300).describe('Кем утверждён'),
  number: line().min(1).max(60).describe('Номер'),
  date: isoDate().describe('Дата'),
  url: line().max(1000).nullable().describe('Ссылка на текст'),
});
export type Regulation = z.infer<typeof RegulationSchema>;

export const ApplicantCategorySchema = z.strictObject({
  kind: ApplicantKindSchema,
  /** A representative (by power of attorney or by law) may apply on the applicant's behalf. */
  representativeAllowed: z.boolean().describe('Допускается представитель'),
});

/** A document the applicant brings. */
export const ApplicantDocumentSchema = z.strictObject({
  key: KeySchema,
  name: line().min(1).max(1000).describe('Документ'),
  documentType: ReferenceCodeSchema.describe('Вид документа'),
  required: z.boolean().describe('Обязателен'),
  /** When the document is needed, if not always: «если заявление подаёт представитель». */
  condition: line().max(1000).describe('Когда нужен'),
  clause,
});
export type ApplicantDocument = z.infer<typeof ApplicantDocumentSchema>;

/**
 * A document the system obtains itself by an inter-agency request: 210-ФЗ ст. 7 ч. 1 п. 2 forbids
 * demanding it from the applicant (who may still bring it of their own will).
 */
export const InteragencyDocumentSchema = z.strictObject({
  key: KeySchema,
  name: line().min(1).max(1000).describe('Документ (сведения)'),
  documentType: ReferenceCodeSchema.describe('Вид документа'),
  agency: ReferenceCodeSchema.describe('Орган (организация)'),
  requestKind: ReferenceCodeSchema.describe('Вид сведений СМЭВ'),
  clause,
});
export type InteragencyDocument = z.infer<typeof InteragencyDocumentSchema>;

/** A ground to refuse intake or to refuse the service, as the regulation lists it. */
export const GroundSchema = z.strictObject({
  key: KeySchema,
  text: line().min(1).max(2000).describe('Основание'),
  clause,
});
export type Ground = z.infer<typeof GroundSchema>;

export const VALIDITY_UNITS = ['days', 'months', 'years'] as const;
export const ValiditySchema = z.strictObject({
  amount: z.number().int().min(1).max(100_000).describe('Срок действия'),
  unit: z.enum(VALIDITY_UNITS).describe('Единица срока действия'),
});
export type Validity = z.infer<typeof ValiditySchema>;

export const RESULT_KINDS = ['positive', 'negative'] as const;
export const ResultSchema = z.strictObject({
  key: KeySchema,
  name: line().min(1).max(1000).describe('Результат'),
  kind: z.enum(RESULT_KINDS).describe('Положительный или отрицательный'),
  documentType: ReferenceCodeSchema.describe('Вид документа'),
  /** How long the result is valid, when the law sets it; null: without a term. */
  validity: ValiditySchema.nullable(),
  clause,
});
export type Result = z.infer<typeof ResultSchema>;

export const FeeSchema = z.strictObject({
  amountRub: z.number().min(0).max(10_000_000).describe('Размер платы, руб.'),
  basis: line().min(1).max(1000).describe('Основание взимания'),
});

/** The minimum retention of a case's records: 10 years (regulation 004 item 6). */
export const RETENTION_MIN_YEARS = 10;

/** What a service is and whom it serves: the part of the definition the portal shows. */
export const ServiceCardSchema = z.strictObject({
  name: line().min(1).max(1000).describe('Наименование услуги'),
  shortName: line().min(1).max(200).describe('Краткое наименование'),
  description: text().max(4000).describe('Описание'),
  regulation: RegulationSchema,
  responsibleUnitRef: UnitRefSchema.describe('Ответственное подразделение'),
  applicantCategories: z.array(ApplicantCategorySchema).min(1).max(APPLICANT_KINDS.length),
  applicantDocuments: z.array(ApplicantDocumentSchema).max(100),
  interagencyDocuments: z.array(InteragencyDocumentSchema).max(100),
  intakeRefusalGrounds: z.array(GroundSchema).max(100),
  serviceRefusalGrounds: z.array(GroundSchema).max(100),
  results: z.array(ResultSchema).min(1).max(20),
  /** Years; never under 10 (004 item 6) nor under the longest validity of a result. */
  retentionYears: z.number().int().min(RETENTION_MIN_YEARS).max(100).describe('Срок хранения, лет'),
  term: TermSchema.describe('Срок предоставления услуги'),
  termClause: clause,
  fee: FeeSchema.nullable(),
  channels: z.array(ChannelSchema).min(1).max(CHANNELS.length),
  /** Where each figure was taken: a URL with the clause, as free text for the methodologist. */
  sources: z.array(text().max(2000)).max(100).describe('Источники сведений'),
});
export type ServiceCard = z.infer<typeof ServiceCardSchema>;
