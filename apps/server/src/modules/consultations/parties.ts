import type { Tx } from '../../db/database.js';
import { fieldError } from '../../platform/errors.js';
import { getApplicantRecord } from '../applicant-registry/index.js';

/**
 * The applicant and the representative of a consultation are records of the applicants registry
 * (optional: a caller who does not give their name is consulted all the same). The transaction is the
 * tenant's: another municipality's record is not found.
 */
export async function checkParty(
  tx: Tx,
  field: 'applicantId' | 'representativeId',
  id: string | null,
): Promise<void> {
  if (id === null) return;
  if (!(await getApplicantRecord(tx, id))) {
    throw fieldError(field, 'Такой записи нет в реестре заявителей');
  }
}

/** Display names of registry records, by id. */
export async function partyNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    const record = await getApplicantRecord(tx, id);
    names.set(id, record?.displayName ?? '');
  }
  return names;
}
