import type { Tx } from '../../db/database.js';
import { fieldError } from '../../platform/errors.js';

/**
 * The applicant and the representative of a consultation are records of the applicants registry
 * (optional: a caller who does not give their name is consulted all the same).
 */
export async function checkParty(
  _tx: Tx,
  field: 'applicantId' | 'representativeId',
  id: string | null,
): Promise<void> {
  if (id === null) return;
  throw fieldError(field, 'Такой записи нет в реестре заявителей');
}

/** Display names of registry records, by id. */
export async function partyNames(_tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map(ids.map((id) => [id, '']));
}
