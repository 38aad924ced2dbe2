import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';

/**
 * The application or case a document was made for: the render that made it (PDF or DOCX), or — for a
 * later edition uploaded over it — the render of its first edition. Undefined for a document of no
 * application (an employee's own upload). What the access log needs to know whose data a file holds.
 */
export async function documentOwner(
  tx: Tx,
  documentId: string,
): Promise<{ applicationId: string } | { caseId: string } | undefined> {
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
