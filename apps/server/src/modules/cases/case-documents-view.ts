import type { CaseDocuments } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { renderedDocuments } from '../documents/index.js';
import { caseDocuments } from './card-sections.js';
import { documentsOfCase } from './case-card.js';
import type { CaseViewer } from './case-visibility.js';
import { RESULT_KINDS } from './result-document.js';

/**
 * The case card's documents (000 item 2.5), for whoever may see the case: the documents its steps
 * asked for, with where each render stands, its PDF and DOCX, versions, digests and signatures; and
 * the case's other documents (scans, answers, the signed result when it is no render's).
 */
export async function caseDocumentsView(tx: Tx, viewer: CaseViewer, caseId: string): Promise<CaseDocuments> {
  const { row, roles } = await documentsOfCase(tx, viewer, caseId);
  const pending = await tx
    .selectFrom('caseDecisions')
    .select('id')
    .where('caseId', '=', row.id)
    .where('status', '=', 'pending')
    .execute();
  const pendingIds = new Set(pending.map((d) => d.id));
  // 000 item 3.5: the executor edits the draft of the result while the decision awaits approval.
  const executor = row.status === 'open' && row.executorId === viewer.employeeId && viewer.can('cases.work');
  const items = await renderedDocuments(
    tx,
    { caseId: row.id, applicationId: row.applicationId },
    // Only the result draft is edited (the official signs it); the decision's own draft is not.
    ({ kind, subjectId }) =>
      executor &&
      RESULT_KINDS.includes(kind) &&
      (subjectId === null ? pendingIds.size > 0 : pendingIds.has(subjectId)),
  );
  const rendered = new Set(
    items.flatMap((i) => [i.pdf?.id, i.docx?.id, ...i.previousVersions.map((v) => v.id)]),
  );
  const others = await caseDocuments(tx, new Map([...roles].filter(([id]) => !rendered.has(id))));
  return { items, pending: items.some((i) => i.status === 'pending'), others };
}
