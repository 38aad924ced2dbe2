import type { Tx } from '../../db/database.js';

/**
 * The record (an individual) already linked to this ESIA applicant in the caller's municipality, or
 * undefined; unlike `recordForEsiaApplicant` it never creates or links one (the portal's reads).
 */
export async function linkedRecordOf(tx: Tx, applicantId: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom('applicantRecords')
    .select('id')
    .where('kind', '=', 'individual')
    .where('applicantId', '=', applicantId)
    .executeTakeFirst();
  return row?.id;
}
