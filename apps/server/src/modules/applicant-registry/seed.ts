import type { ApplicantRecordInput, AuthorityInput } from '@uslugi/contracts';
import { ApplicantRecordInputSchema } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { RegistryJournal } from './esia-link.js';
import { recordKeys } from './records.js';

/**
 * Loads a record into the registry inside the caller's transaction (demo data, a setup): checked by the
 * same schema as staff input, journaled as `applicant.registered` through `journal`.
 */
export async function loadRegistryRecord(
  tx: Tx,
  municipalityId: string,
  input: ApplicantRecordInput,
  journal: RegistryJournal,
): Promise<string> {
  const record = ApplicantRecordInputSchema.parse(input);
  const row = await tx
    .insertInto('applicantRecords')
    .values({ municipalityId, ...recordKeys(record) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await journal({
    action: 'applicant.registered',
    objectType: 'applicant_record',
    objectId: row.id,
    payload: { kind: record.kind, source: 'setup', data: record },
  });
  return row.id;
}

/**
 * Loads grounds of representation as given, even ones no longer valid (a demo of the refusal), inside
 * the caller's transaction; journaled as `authority.granted`.
 */
export async function loadRegistryAuthority(
  tx: Tx,
  municipalityId: string,
  input: AuthorityInput,
  journal: RegistryJournal,
): Promise<string> {
  const row = await tx
    .insertInto('representativeAuthorities')
    .values({
      municipalityId,
      applicantRecordId: input.applicantId,
      representativeRecordId: input.representativeId,
      kind: input.kind,
      documentNumber: input.documentNumber,
      documentDate: input.documentDate,
      validUntil: input.validUntil,
      serviceIds: input.serviceIds,
      scopeText: input.scopeText,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await journal({
    action: 'authority.granted',
    objectType: 'representative_authority',
    objectId: row.id,
    payload: { ...input, source: 'setup' },
  });
  return row.id;
}
