import { z } from 'zod';

/**
 * The applicant's view of who in the municipality looked at their personal data (152-ФЗ ст. 14, 20:
 * the subject's right to information about the processing of their data; the entries are the
 * journal's `personal_data.viewed`, приказ ФСТЭК России № 117).
 */
export const ViewedKindSchema = z.enum(['applicant', 'application', 'document', 'file']);
export type ViewedKind = z.infer<typeof ViewedKindSchema>;

/** What was viewed, as the applicant reads it. */
export const VIEWED_KIND_TITLES: Record<ViewedKind, string> = {
  applicant: 'Сведения о заявителе',
  application: 'Заявление',
  document: 'Документ по заявлению',
  file: 'Файл заявления',
};

/** How many accesses one page holds. */
export const PERSONAL_DATA_ACCESS_PAGE_SIZE = 50;

export const PersonalDataAccessQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional().describe('Страница: записи до этого номера'),
});

export const PersonalDataAccessSchema = z.object({
  /** The journal entry's number: the page's key. */
  id: z.string(),
  at: z.string(),
  employeeName: z.string(),
  positionName: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  municipalityName: z.string(),
  viewed: ViewedKindSchema,
  viewedTitle: z.string(),
  /** The application's registration number, when an application was viewed and it has one. */
  applicationNumber: z.string().nullable(),
});
export type PersonalDataAccess = z.infer<typeof PersonalDataAccessSchema>;

export const PersonalDataAccessPageSchema = z.object({
  items: z.array(PersonalDataAccessSchema),
  /** `before` of the next (older) page; null on the last one. */
  nextBefore: z.string().nullable(),
});
export type PersonalDataAccessPage = z.infer<typeof PersonalDataAccessPageSchema>;
