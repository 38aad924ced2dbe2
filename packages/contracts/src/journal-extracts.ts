import { z } from 'zod';
import { isoDate, line, text } from './text.js';

/**
 * Extracts from the journal of operations for courts and control bodies (seed 000 item 2.11): a PDF
 * for people and a signed JSON bundle anyone verifies offline (the entries, their RFC 9162 inclusion
 * proofs, the signed tree head, the certificate chain and the CRL). Who made it, for whom and why is
 * recorded with it and journaled; what it carries is limited to its purpose (152-ФЗ ст. 5 ч. 5).
 */

export const EXTRACT_SCOPE_KINDS = ['case', 'applicant', 'employee', 'period'] as const;
export type ExtractScopeKindName = (typeof EXTRACT_SCOPE_KINDS)[number];

export const EXTRACT_SCOPE_TITLES: Record<ExtractScopeKindName, string> = {
  case: 'По делу',
  applicant: 'По заявителю',
  employee: 'По сотруднику',
  period: 'За период',
};

export const EXTRACT_PAYLOADS = ['withheld', 'included'] as const;
export const EXTRACT_PAYLOAD_TITLES: Record<(typeof EXTRACT_PAYLOADS)[number], string> = {
  withheld: 'Без подробностей операций (только их хеши)',
  included: 'С подробностями операций',
};

export const CreateJournalExtractSchema = z
  .object({
    scope: z.enum(EXTRACT_SCOPE_KINDS).describe('Что выписывается'),
    /** The case, applicant registry record or employee (not for a period). */
    objectId: z.uuid().optional().describe('Дело, заявитель или сотрудник'),
    /** A case by its application's registration number (the administration has no case card). */
    registrationNumber: line().max(64, 'Не длиннее 64 символов').optional().describe('Номер заявления'),
    from: isoDate().optional().describe('Период с'),
    to: isoDate().optional().describe('Период по'),
    recipient: line()
      .min(1, 'Укажите, для кого выписка')
      .max(500, 'Не длиннее 500 символов')
      .describe('Для кого (суд, орган контроля)'),
    purpose: text()
      .min(1, 'Укажите основание и цель выписки')
      .max(2000, 'Не длиннее 2000 символов')
      .describe('Основание и цель (запрос, номер дела)'),
    payloads: z.enum(EXTRACT_PAYLOADS).default('withheld').describe('Подробности операций'),
  })
  .superRefine((value, ctx) => {
    if (value.scope === 'case' && !value.objectId && !value.registrationNumber) {
      ctx.addIssue({
        code: 'custom',
        path: ['registrationNumber'],
        message: 'Укажите номер заявления или начните выписку из карточки дела',
      });
    } else if (value.scope !== 'period' && value.scope !== 'case' && !value.objectId) {
      ctx.addIssue({ code: 'custom', path: ['objectId'], message: 'Выберите, по кому или чему выписка' });
    }
    if (value.scope === 'period' && (!value.from || !value.to)) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'Укажите период' });
    }
    if (value.from && value.to && value.from > value.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Конец периода раньше начала' });
    }
  });
export type CreateJournalExtract = z.input<typeof CreateJournalExtractSchema>;

export const JournalExtractSchema = z.object({
  id: z.string(),
  number: z.string(),
  madeAt: z.string(),
  madeBy: z.string(),
  recipient: z.string(),
  purpose: z.string(),
  scope: z.enum(EXTRACT_SCOPE_KINDS),
  /** The scope in words: «Дело № …», «Заявитель …», «Сотрудник …», «с … по …». */
  scopeLabel: z.string(),
  payloads: z.enum(EXTRACT_PAYLOADS),
  entryCount: z.number(),
  /** The signed tree head it is proved against. */
  sealId: z.number(),
  treeSize: z.number(),
  treeRoot: z.string(),
  /** SHA-256 of the JSON bundle, as printed on the PDF. */
  bundleSha256: z.string(),
  pdfUrl: z.string(),
  bundleUrl: z.string(),
});
export type JournalExtract = z.infer<typeof JournalExtractSchema>;

export const JournalExtractListSchema = z.object({ items: z.array(JournalExtractSchema) });
export type JournalExtractList = z.infer<typeof JournalExtractListSchema>;

/** Where the offline verifier page is served (a single HTML file to save and open without network). */
export const JOURNAL_VERIFIER_PAGE_URL = '/journal-verifier.html';
