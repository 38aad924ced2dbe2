import type {
  ApplicantDocument,
  ApplicationFile,
  ChecklistItem,
  FormDefinition,
  FormValues,
  HeldDocument,
  ServiceCard,
} from '@uslugi/contracts';

/** 210-ФЗ ст. 7 ч. 1 п. 2: what the administration obtains itself is never demanded. */
export const INTERAGENCY_NOTE = 'Запрашивается администрацией самостоятельно (межведомственный запрос)';
/** 004 item 9, 210-ФЗ ст. 7: what the applicant already gave is not asked again. */
export const HELD_NOTE = 'Уже есть в администрации';

export type Presented = ChecklistItem['presented'];
export const PRESENTED_TITLES: Record<Presented, string> = {
  original: 'подлинник',
  copy: 'копия',
  none: 'не представлен',
};

/** One document of the card's list as the employee marks it. */
export interface ChecklistEntry {
  presented: Presented;
  sheets: string;
  files: ApplicationFile[];
}

export interface ChecklistRow {
  document: ApplicantDocument;
  /** The document the administration already holds for this applicant, when it does. */
  held: HeldDocument | null;
}

/** The card's applicant documents, each with the held one of its type; inter-agency ones are not rows. */
export function checklistRows(card: ServiceCard, held: readonly HeldDocument[]): ChecklistRow[] {
  return card.applicantDocuments.map((document) => ({
    document,
    held: held.find((h) => h.documentType === document.documentType) ?? null,
  }));
}

export const emptyEntry = (): ChecklistEntry => ({ presented: 'none', sheets: '', files: [] });

/** The checklist of the request: one item per document the applicant brings (not the inter-agency ones). */
export function toChecklist(
  rows: readonly ChecklistRow[],
  entries: Readonly<Record<string, ChecklistEntry>>,
): ChecklistItem[] {
  return rows.map(({ document }) => {
    const entry = entries[document.key] ?? emptyEntry();
    const sheets = entry.sheets.trim() === '' ? null : Number(entry.sheets);
    return {
      documentKey: document.key,
      presented: entry.presented,
      fileIds: entry.files.map((f) => f.id),
      sheets: sheets !== null && Number.isInteger(sheets) && sheets >= 0 ? sheets : null,
    };
  });
}

/** The form's file fields that carry a document of the card (a field's key is the document's key). */
export function documentFieldKeys(form: FormDefinition, card: ServiceCard): Set<string> {
  const keys = new Set(card.applicantDocuments.map((d) => d.key));
  return new Set(
    form.sections
      .flatMap((s) => s.fields)
      .filter((f) => f.type === 'file' && keys.has(f.key))
      .map((f) => f.key),
  );
}

/**
 * The form the employee fills at the desk: the documents' file fields are the checklist's rows (their
 * scans are attached there), the other file fields are not asked on paper.
 */
export function deskForm(form: FormDefinition): FormDefinition {
  return {
    sections: form.sections.map((section) => ({
      ...section,
      fields: section.fields.filter((field) => field.type !== 'file'),
    })),
  };
}

/** The values to send: the form's, with each document's field holding the scans attached to its row. */
export function withDocuments(
  form: FormDefinition,
  values: FormValues,
  entries: Readonly<Record<string, ChecklistEntry>>,
  documentKeys: ReadonlySet<string>,
): FormValues {
  const result: FormValues = { ...values };
  for (const field of form.sections.flatMap((s) => s.fields)) {
    if (field.type !== 'file') continue;
    const ids = documentKeys.has(field.key) ? (entries[field.key]?.files ?? []).map((f) => f.id) : [];
    if (ids.length > 0) result[field.key] = ids;
    else delete result[field.key];
  }
  return result;
}

/** Keys of the documents held: their fields need no scan (validateSubmission's `held`). */
export const heldKeys = (rows: readonly ChecklistRow[]) =>
  rows.filter((row) => row.held !== null).map((row) => row.document.key);

/**
 * The documents the applicant must bring that are neither marked as presented nor scanned (the server
 * refuses the same: `intake_checklist_incomplete`); a held one is not demanded (004 item 9).
 */
export function unmarkedDocuments(
  rows: readonly ChecklistRow[],
  entries: Readonly<Record<string, ChecklistEntry>>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const { document, held } of rows) {
    if (!document.required || held) continue;
    const entry = entries[document.key] ?? emptyEntry();
    if (entry.presented === 'none' && entry.files.length === 0)
      problems[document.key] = `Не отмечен документ «${document.name}»`;
  }
  return problems;
}
