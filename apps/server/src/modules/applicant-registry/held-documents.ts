import type { HeldDocument } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { applicationFactsFor } from '../applications/index.js';
import { referenceLookup } from '../reference/index.js';

export interface HoldDocumentInput {
  municipalityId: string;
  applicantRecordId: string;
  /** A code of the `document_types` directory. */
  documentType: string;
  title: string;
  validUntil: string | null;
  source: 'application' | 'registry' | 'result' | 'smev';
  sourceApplicationId: string | null;
  fileId: string | null;
  /** An answer through SMEV: the case's document of the answer. */
  documentId?: string | null;
  receivedAt: Date;
  createdBy: string | null;
}

/**
 * Keeps a document the applicant gave (or a service's result), so that a later application does not
 * ask for it again (once-only: 004 item 9, 210-ФЗ ст. 7 ч. 1 п. 2). The caller's command journals it.
 */
export async function holdDocument(tx: Tx, input: HoldDocumentInput): Promise<{ id: string }> {
  return tx
    .insertInto('heldDocuments')
    .values({
      municipalityId: input.municipalityId,
      applicantRecordId: input.applicantRecordId,
      documentType: input.documentType,
      title: input.title.slice(0, 1000),
      validUntil: input.validUntil,
      source: input.source,
      sourceApplicationId: input.sourceApplicationId,
      fileId: input.fileId,
      documentId: input.documentId ?? null,
      receivedAt: input.receivedAt,
      createdBy: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

const SOURCE_TITLES = {
  application: 'Из заявления',
  registry: 'Внесён в реестр заявителей',
  result: 'Результат услуги',
  smev: 'Получен по межведомственному запросу (СМЭВ) по заявлению',
} as const;

/**
 * The documents of a record valid on `today` (no term, or a term not before it), newest first; with
 * `includeExpired`, all of them (the record's card shows the expired ones too).
 */
export async function heldDocumentsOf(
  tx: Tx,
  applicantRecordId: string,
  today: string,
  options: { includeExpired?: boolean } = {},
): Promise<HeldDocument[]> {
  let query = tx
    .selectFrom('heldDocuments')
    .selectAll()
    .where('applicantRecordId', '=', applicantRecordId)
    .orderBy('receivedAt', 'desc')
    .orderBy('id');
  if (!options.includeExpired) {
    query = query.where((eb) => eb.or([eb('validUntil', 'is', null), eb('validUntil', '>=', today)]));
  }
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const lookup = await referenceLookup(tx);
  const facts = await applicationFactsFor(tx, {
    fileIds: rows.flatMap((r) => (r.fileId ? [r.fileId] : [])),
    applicationIds: rows.flatMap((r) => (r.sourceApplicationId ? [r.sourceApplicationId] : [])),
  });
  return rows.map((r) => {
    const number = r.sourceApplicationId ? facts.numbers.get(r.sourceApplicationId) : null;
    const sourceLabel =
      r.source !== 'registry' && number ? `${SOURCE_TITLES[r.source]} № ${number}` : SOURCE_TITLES[r.source];
    return {
      id: r.id,
      documentType: r.documentType,
      documentTypeName: lookup.name('document_types', r.documentType) ?? r.documentType,
      title: r.title,
      validUntil: r.validUntil,
      source: r.source,
      sourceLabel,
      receivedAt: r.receivedAt.toISOString(),
      file: (r.fileId && facts.files.get(r.fileId)) || null,
    };
  });
}
