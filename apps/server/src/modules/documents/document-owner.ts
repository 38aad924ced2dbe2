import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { PersonalDataView } from '../../platform/journal/personal-data-views.js';

/** The application or the case a document was made for. */
export type DocumentOwner = { applicationId: string } | { caseId: string };

/**
 * The application or case a document was made for: the render that made it (PDF or DOCX), or — for a
 * later edition uploaded over it — the render of its first edition. Undefined for a document of no
 * application (an employee's own upload). What the access log needs to know whose data a file holds.
 */
export async function documentOwner(tx: Tx, documentId: string): Promise<DocumentOwner | undefined> {
  // The edition chain back to the first edition; UNION stops on a cycle, which versions never make.
  const chain = sql<string>`(with recursive editions (id, previous_version_id) as (
      select d.id, d.previous_version_id from documents d where d.id = ${documentId}
      union
      select p.id, p.previous_version_id from documents p join editions e on p.id = e.previous_version_id
    ) select id from editions)`;
  const row = await tx
    .selectFrom('documentRenders')
    .select(['applicationId', 'caseId'])
    .where((eb) => eb.or([eb('pdfDocumentId', 'in', chain), eb('docxDocumentId', 'in', chain)]))
    .where((eb) => eb.or([eb('applicationId', 'is not', null), eb('caseId', 'is not', null)]))
    .orderBy('requestedAt')
    .limit(1)
    .executeTakeFirst();
  if (row?.applicationId) return { applicationId: row.applicationId };
  if (row?.caseId) return { caseId: row.caseId };
  return undefined;
}

type SubjectsOf = (tx: Tx, owner: DocumentOwner, documentId: string) => Promise<PersonalDataView[]>;
let subjectsOf: SubjectsOf | undefined;

/**
 * Whose personal data a document of an application or case holds: told by the applications module when
 * it is loaded (the documents module never reads another module's tables, and importing that module here
 * would load it before this one has finished loading).
 */
export function whosePersonalData(resolver: SubjectsOf): void {
  subjectsOf = resolver;
}

/**
 * The views to record when staff download a document: one per person whose data its application holds,
 * none for a document of no application. Without the resolver it refuses rather than hand the file out
 * unrecorded (152-ФЗ ст. 19).
 */
export async function documentViews(tx: Tx, documentId: string): Promise<PersonalDataView[]> {
  const owner = await documentOwner(tx, documentId);
  if (!owner) return [];
  if (!subjectsOf)
    throw new Error('whose personal data a document holds is not known (applications not loaded)');
  return subjectsOf(tx, owner, documentId);
}
