import { z } from 'zod';
import { APPLICANT_KIND_TITLES, type ApplicantKind } from '../catalog/service.js';
import { ReferenceCodeSchema } from '../catalog/common.js';
import { normalizePassportRf } from '../identifiers.js';
import { IdSchema, personName, SnilsSchema } from '../org.js';
import { isoDate, line, text } from '../text.js';
import { HeldDocumentSchema } from './applications.js';
import { InnLegalEntitySchema, InnPersonSchema, KppSchema, OgrnipSchema, OgrnSchema } from './identifiers.js';

/**
 * The applicants registry of a municipality (реестр заявителей). The municipality is the operator of
 * these personal data (152-ФЗ ст. 3 п. 2), so each record is its own, under row-level security; a record
 * is linked to the installation-wide ESIA applicant when that person has signed in on the portal (by
 * ESIA id, or by a СНИЛС ESIA confirmed). Kinds follow 210-ФЗ ст. 2 п. 3: individuals, sole
 * proprietors, legal entities.
 */

const phone = line().max(30).describe('Телефон');
const email = line()
  .max(254)
  .pipe(z.email({ message: 'Неверный адрес электронной почты' }))
  .describe('Электронная почта');
const address = line().max(1000);

/** The identity document: its kind from the `document_types` directory (`passport_rf` by default). */
export const IdentityDocumentSchema = z
  .strictObject({
    type: ReferenceCodeSchema.describe('Вид документа'),
    series: line().max(20).describe('Серия'),
    number: line().min(1).max(30).describe('Номер'),
    issuedBy: line().max(500).describe('Кем выдан'),
    issuedOn: isoDate().describe('Дата выдачи'),
    divisionCode: line()
      .regex(/^(\d{3}-\d{3})?$/, { message: 'Формат: 123-456' })
      .describe('Код подразделения'),
  })
  .superRefine((doc, ctx) => {
    // Паспорт гражданина РФ: серия — 4 цифры, номер — 6 цифр.
    if (doc.type === 'passport_rf' && !normalizePassportRf(`${doc.series}${doc.number}`)) {
      ctx.addIssue({ code: 'custom', path: ['number'], message: 'Паспорт РФ: серия 4 цифры, номер 6 цифр' });
    }
  });
export type IdentityDocument = z.infer<typeof IdentityDocumentSchema>;

const personFields = {
  lastName: personName('Фамилия'),
  firstName: personName('Имя'),
  middleName: personName('Отчество').nullable(),
  birthDate: isoDate().describe('Дата рождения'),
  snils: SnilsSchema.nullable(),
  identityDocument: IdentityDocumentSchema.nullable(),
  registrationAddress: address.describe('Адрес регистрации').nullable(),
  residenceAddress: address.describe('Адрес места жительства').nullable(),
  phone: phone.nullable(),
  email: email.nullable(),
};

export const IndividualInputSchema = z.strictObject({
  kind: z.literal('individual'),
  ...personFields,
  inn: InnPersonSchema.nullable(),
});
export const SoleProprietorInputSchema = z.strictObject({
  kind: z.literal('sole_proprietor'),
  ...personFields,
  inn: InnPersonSchema,
  ogrnip: OgrnipSchema,
});
export const LegalEntityInputSchema = z.strictObject({
  kind: z.literal('legal_entity'),
  organizationName: line().min(1).max(1000).describe('Полное наименование'),
  shortName: line().max(500).describe('Сокращённое наименование').nullable(),
  ogrn: OgrnSchema,
  inn: InnLegalEntitySchema,
  kpp: KppSchema,
  headName: line().min(1).max(300).describe('Руководитель (ФИО)'),
  headPosition: line().max(300).describe('Должность руководителя').nullable(),
  legalAddress: address.describe('Адрес юридического лица').nullable(),
  phone: phone.nullable(),
  email: email.nullable(),
});

/** What staff enter to register (or correct) an applicant. */
export const ApplicantRecordInputSchema = z.discriminatedUnion('kind', [
  IndividualInputSchema,
  SoleProprietorInputSchema,
  LegalEntityInputSchema,
]);
export type ApplicantRecordInput = z.output<typeof ApplicantRecordInputSchema>;

/** A registry record as the workplace shows it: the input's fields plus what the system keeps. */
export const ApplicantRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(['individual', 'sole_proprietor', 'legal_entity']),
  /** «Иванов Иван Иванович», «ИП Иванов Иван Иванович», «ООО «Ромашка»». */
  displayName: z.string(),
  data: z.record(z.string(), z.unknown()).describe('Сведения, как их ввели (ApplicantRecordInput)'),
  /** Linked to the person who signed in on the portal through ESIA. */
  esiaLinked: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ApplicantRecord = z.infer<typeof ApplicantRecordSchema>;

export const ApplicantSearchQuerySchema = z.object({
  q: line().min(1).max(200).describe('ФИО, наименование, СНИЛС, ИНН или ОГРН'),
  kind: z.enum(['individual', 'sole_proprietor', 'legal_entity']).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** Why a record was found: by which identifier, or how close the name is (0…1). */
export const ApplicantMatchSchema = z.object({
  record: ApplicantRecordSchema,
  matchedBy: z.enum(['snils', 'inn', 'ogrn', 'ogrnip', 'identity_document', 'name']),
  similarity: z.number(),
});
export type ApplicantMatch = z.infer<typeof ApplicantMatchSchema>;
export const ApplicantMatchListSchema = z.object({ items: z.array(ApplicantMatchSchema) });

export function applicantDisplayName(input: ApplicantRecordInput): string {
  if (input.kind === 'legal_entity') return input.shortName ?? input.organizationName;
  const name = [input.lastName, input.firstName, input.middleName].filter(Boolean).join(' ');
  return input.kind === 'sole_proprietor' ? `ИП ${name}` : name;
}

export function applicantKindTitle(kind: ApplicantKind): string {
  return APPLICANT_KIND_TITLES[kind];
}

// ── Representatives and their grounds ────────────────────────────────────────────────────────────

/**
 * The grounds on which a representative acts (210-ФЗ ст. 2 п. 3; ГК РФ ст. 182, 185, 186; ГК РФ ст. 28,
 * 64 — parents and guardians of a minor; ГК РФ ст. 53 — the head of an organisation acts for it without
 * a power of attorney).
 */
export const REGISTRY_AUTHORITY_KINDS = ['power_of_attorney', 'law', 'organization_head'] as const;
export type RegistryAuthorityKind = (typeof REGISTRY_AUTHORITY_KINDS)[number];
export const REGISTRY_AUTHORITY_KIND_TITLES: Record<RegistryAuthorityKind, string> = {
  power_of_attorney: 'Доверенность',
  law: 'Законный представитель несовершеннолетнего',
  organization_head: 'Руководитель организации (без доверенности)',
};

export const AuthorityInputSchema = z.strictObject({
  /** The represented applicant. */
  applicantId: IdSchema.describe('Заявитель'),
  /** The representative: a registry record of an individual. */
  representativeId: IdSchema.describe('Представитель'),
  kind: z.enum(REGISTRY_AUTHORITY_KINDS).describe('Основание'),
  documentNumber: line().max(100).describe('Номер документа').nullable(),
  documentDate: isoDate().describe('Дата документа').nullable(),
  /** A power of attorney without a term is valid a year from its date (ГК РФ ст. 186 ч. 1). */
  validUntil: isoDate().describe('Действует до').nullable(),
  /** Services the power of attorney covers; empty: every service. */
  serviceIds: z.array(IdSchema).max(200).describe('Услуги, на которые распространяется доверенность'),
  scopeText: text().max(2000).describe('Полномочия (как в доверенности)'),
});
export type AuthorityInput = z.output<typeof AuthorityInputSchema>;

export const AuthoritySchema = z.object({
  id: z.string(),
  applicantId: z.string(),
  applicantName: z.string(),
  representativeId: z.string(),
  representativeName: z.string(),
  kind: z.enum(REGISTRY_AUTHORITY_KINDS),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
  validUntil: z.string().nullable(),
  serviceIds: z.array(z.string()),
  scopeText: z.string(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Authority = z.infer<typeof AuthoritySchema>;

/** Adds whole years to `YYYY-MM-DD`; 29 February goes to 1 March in a common year. */
function plusYears(isoDay: string, years: number): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return new Date(Date.UTC((y ?? 0) + years, (m ?? 1) - 1, d)).toISOString().slice(0, 10);
}

function ruDate(isoDay: string): string {
  const [y, m, d] = isoDay.split('-');
  return `${d}.${m}.${y}`;
}

/** The last day a power of attorney is valid: its own term, or a year from its date (ГК РФ ст. 186 ч. 1). */
export function authorityEnds(
  authority: Pick<Authority, 'kind' | 'documentDate' | 'validUntil'>,
): string | null {
  if (authority.kind !== 'power_of_attorney') return null;
  if (authority.validUntil) return authority.validUntil;
  if (authority.documentDate) {
    const yearLater = plusYears(authority.documentDate, 1);
    return new Date(Date.parse(`${yearLater}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  }
  return null;
}

export interface AuthorityCheck {
  authority: Pick<
    Authority,
    'kind' | 'documentNumber' | 'documentDate' | 'validUntil' | 'serviceIds' | 'revokedAt'
  >;
  /** The represented applicant: its kind, and a person's date of birth. */
  applicant: { kind: ApplicantKind; birthDate: string | null };
  /** The service applied for, by id and name (for the message). */
  service: { id: string; name: string };
  /** The day of the intake, `YYYY-MM-DD`. */
  today: string;
}

/**
 * Whether the grounds let the representative act for the applicant in this service today; null when
 * they do, else the Russian reason intake is blocked (000 item 3.2: «убедиться в наличии у
 * представителя заявителя законных оснований представлять заявителя»).
 */
export function authorityProblem(check: AuthorityCheck): string | null {
  const { authority, applicant, service, today } = check;
  const document = authority.documentNumber ? ` № ${authority.documentNumber}` : '';
  if (authority.revokedAt) return `Основание представительства${document} отменено`;
  if (authority.kind === 'power_of_attorney') {
    const ends = authorityEnds(authority);
    if (authority.documentDate && authority.documentDate > today) {
      return `Доверенность${document} ещё не действует: она выдана ${ruDate(authority.documentDate)}`;
    }
    if (ends && ends < today) return `Срок действия доверенности${document} истёк ${ruDate(ends)}`;
    if (authority.serviceIds.length > 0 && !authority.serviceIds.includes(service.id)) {
      return `Доверенность${document} не распространяется на услугу «${service.name}»`;
    }
    return null;
  }
  if (authority.kind === 'law') {
    // ГК РФ ст. 21, 28: parents and guardians act for a minor until the age of 18.
    if (applicant.kind !== 'individual' || !applicant.birthDate) {
      return 'Законное представительство несовершеннолетнего: у заявителя не указана дата рождения';
    }
    if (plusYears(applicant.birthDate, 18) <= today) {
      return 'Заявитель совершеннолетний: законное представительство несовершеннолетнего прекратилось';
    }
    return null;
  }
  if (applicant.kind !== 'legal_entity') {
    return 'Руководитель действует без доверенности только от имени организации';
  }
  return null;
}

// ── Routes of the registry ───────────────────────────────────────────────────────────────────────

export const ApplicantCreateSchema = z.strictObject({
  record: ApplicantRecordInputSchema,
  /** The employee saw the likely duplicates and says this is another person. */
  duplicatesSeen: z.boolean().describe('Найденные похожие записи просмотрены'),
});
export type ApplicantCreate = z.input<typeof ApplicantCreateSchema>;

/** An authority as the record's card shows it: what makes it invalid today (for any service), its last day. */
export const AuthorityStatusSchema = AuthoritySchema.extend({
  problem: z.string().nullable(),
  ends: z.string().nullable(),
});
export type AuthorityStatus = z.infer<typeof AuthorityStatusSchema>;

export const AuthorityListQuerySchema = z.object({ applicantId: IdSchema.describe('Заявитель') });
export const AuthorityListSchema = z.object({ items: z.array(AuthoritySchema) });
export const AuthorityCheckQuerySchema = z.object({ serviceId: IdSchema.describe('Услуга') });
export const AuthorityCheckResultSchema = z.object({ ok: z.boolean(), problem: z.string().nullable() });
export type AuthorityCheckResult = z.infer<typeof AuthorityCheckResultSchema>;

/** A record's card: its data, its authorities (as applicant and as representative), the documents it gave. */
export const ApplicantCardSchema = z.object({
  record: ApplicantRecordSchema,
  authorities: z.array(AuthorityStatusSchema),
  heldDocuments: z.array(HeldDocumentSchema),
});
export type ApplicantCard = z.infer<typeof ApplicantCardSchema>;
