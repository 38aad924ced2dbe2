import type { Tx } from '../../db/database.js';
import { applicationFactsOf } from '../applications/index.js';
import { smevDocumentsOfCase, smevRequestIdsOfCase } from '../smev/index.js';
import { caseDocumentIds } from './card-sections.js';

export interface JournalObject {
  objectType: string;
  objectId: string;
}

/**
 * Everything of a case the journal has entries about (000 item 2.11, an extract «по делу»): the case,
 * its application, stages, terms, decisions, requests (in-house and through SMEV) and its documents —
 * the objects of the case card's history and more. Undefined when the case is not the municipality's.
 */
export async function caseJournalObjects(
  tx: Tx,
  by: { id: string } | { registrationNumber: string },
): Promise<{ registrationNumber: string; objects: JournalObject[] } | undefined> {
  const query = tx.selectFrom('cases').selectAll();
  const row = await (
    'id' in by ? query.where('id', '=', by.id) : query.where('registrationNumber', '=', by.registrationNumber)
  ).executeTakeFirst();
  if (!row) return undefined;
  const caseId = row.id;
  const application = (await applicationFactsOf(tx, [row.applicationId])).get(row.applicationId);
  const decisions = await tx
    .selectFrom('caseDecisions')
    .select(['id', 'draftDocumentId'])
    .where('caseId', '=', caseId)
    .execute();
  const requests = await tx
    .selectFrom('caseRequests')
    .select(['id', 'answerDocumentId', 'termId'])
    .where('caseId', '=', caseId)
    .execute();
  const stages = await tx
    .selectFrom('caseStages')
    .select(['id', 'termId'])
    .where('caseId', '=', caseId)
    .execute();
  const smevDocuments = (await smevDocumentsOfCase(tx, caseId)).map((answerDocumentId) => ({
    answerDocumentId,
  }));
  const documents = caseDocumentIds(row, application, decisions, [...requests, ...smevDocuments]);
  const terms = [
    row.termId,
    row.stageTermId,
    ...requests.map((r) => r.termId),
    ...stages.map((s) => s.termId),
  ];
  const of = (objectType: string, ids: ReadonlyArray<string | null>) =>
    [...new Set(ids.filter((id): id is string => !!id))].map((objectId) => ({ objectType, objectId }));
  return {
    registrationNumber: row.registrationNumber,
    objects: [
      ...of('case', [row.id]),
      ...of('application', [row.applicationId]),
      // A stage's entries are the case's: `case_stage` entries name the case.
      ...of('case_stage', [row.id]),
      ...of('term', terms),
      ...of(
        'case_decision',
        decisions.map((d) => d.id),
      ),
      ...of(
        'case_request',
        requests.map((r) => r.id),
      ),
      ...of('smev_request', await smevRequestIdsOfCase(tx, caseId)),
      ...of('document', [...documents.keys()]),
    ],
  };
}
