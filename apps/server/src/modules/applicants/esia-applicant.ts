import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';

/**
 * What ESIA last said about an applicant, in the caller's transaction: what a municipality's
 * applicants registry takes when it first meets a person who signed in on the portal. Applicants are
 * installation-wide (no tenant, no grant to the tenant role), so a tenant transaction reads this one
 * row as the system and returns to the tenant role at once.
 */
export async function esiaApplicant(tx: Tx, applicantId: string) {
  const inTenant =
    (await sql<{ role: string }>`select current_user as role`.execute(tx)).rows[0]?.role === 'uslugi_app';
  if (inTenant) await sql`reset role`.execute(tx);
  try {
    return await read(tx, applicantId);
  } finally {
    if (inTenant) await sql`set local role uslugi_app`.execute(tx);
  }
}

function read(tx: Tx, applicantId: string) {
  return tx
    .selectFrom('applicants')
    .select([
      'id',
      'lastName',
      'firstName',
      'middleName',
      'birthDate',
      'snils',
      'inn',
      'passportSeries',
      'passportNumber',
      'passportIssueDate',
      'passportIssuedBy',
      'passportDivisionCode',
      'registrationAddress',
      'residenceAddress',
      'email',
      'mobile',
      'esiaTrusted',
    ])
    .where('id', '=', applicantId)
    .executeTakeFirst();
}
