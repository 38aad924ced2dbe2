import type { Tx } from '../../db/database.js';
import type { PersonalDataView, ViewedKind } from '../../platform/journal/personal-data-views.js';
import { whosePersonalData } from '../documents/index.js';

/**
 * The registry records whose personal data an application shows: its applicant and, when one acts for
 * them, the representative. An application not yet linked to the registry (a portal draft) has none.
 */
export async function applicationPersonalData(
  tx: Tx,
  of: { applicationId: string } | { caseId: string },
): Promise<{ applicationId: string; recordIds: string[] } | undefined> {
  let query = tx.selectFrom('applications').select(['id', 'applicantRecordId', 'representativeRecordId']);
  query =
    'applicationId' in of ? query.where('id', '=', of.applicationId) : query.where('caseId', '=', of.caseId);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const recordIds = [row.applicantRecordId, row.representativeRecordId].filter((id): id is string => !!id);
  return { applicationId: row.id, recordIds: [...new Set(recordIds)] };
}

/**
 * The views to record when staff are shown an application (or its case), a document or a file of it:
 * one per person whose data it holds (152-ФЗ ст. 19; приказ ФСТЭК № 117).
 */
export async function applicationViews(
  tx: Tx,
  of: { applicationId: string } | { caseId: string },
  shown: { viewed: ViewedKind; objectId?: string },
): Promise<PersonalDataView[]> {
  const found = await applicationPersonalData(tx, of);
  if (!found) return [];
  const objectId = shown.objectId ?? found.applicationId;
  return found.recordIds.map((applicantRecordId) => ({ applicantRecordId, viewed: shown.viewed, objectId }));
}

/** Applications' registration numbers by id (what the portal's access list names an application by). */
export async function registrationNumbersOf(
  tx: Tx,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('applications')
    .select(['id', 'registrationNumber'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.registrationNumber]));
}

// A document rendered for an application or its case holds the application's personal data: its
// download is recorded for the same persons (the documents module asks through this).
whosePersonalData((tx, owner, documentId) =>
  applicationViews(tx, owner, { viewed: 'document', objectId: documentId }),
);

/** The applications (and their cases) where a registry record is the applicant or the representative. */
export async function applicationsOfRecord(
  tx: Tx,
  recordId: string,
): Promise<Array<{ id: string; caseId: string | null }>> {
  return tx
    .selectFrom('applications')
    .select(['id', 'caseId'])
    .where((eb) =>
      eb.or([eb('applicantRecordId', '=', recordId), eb('representativeRecordId', '=', recordId)]),
    )
    .execute();
}
