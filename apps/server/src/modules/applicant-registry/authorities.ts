import { authorityProblem, type Authority, type AuthorityCheck } from '@uslugi/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';

export const authorityColumns = [
  'a.id',
  'a.applicantRecordId',
  'a.representativeRecordId',
  'a.kind',
  'a.documentNumber',
  'a.documentDate',
  'a.validUntil',
  'a.serviceIds',
  'a.scopeText',
  'a.revokedAt',
  'a.createdAt',
  'ap.displayName as applicantName',
  'ap.kind as applicantKind',
  'ap.birthDate as applicantBirthDate',
  'rp.displayName as representativeName',
] as const;

/** Authorities with the names of both records, in one query. */
export function authoritiesQuery(tx: Tx) {
  return tx
    .selectFrom('representativeAuthorities as a')
    .innerJoin('applicantRecords as ap', 'ap.id', 'a.applicantRecordId')
    .innerJoin('applicantRecords as rp', 'rp.id', 'a.representativeRecordId')
    .select(authorityColumns);
}

type AuthorityRow = Awaited<ReturnType<ReturnType<typeof authoritiesQuery>['executeTakeFirstOrThrow']>>;

export function toAuthority(row: AuthorityRow): Authority {
  return {
    id: row.id,
    applicantId: row.applicantRecordId,
    applicantName: row.applicantName,
    representativeId: row.representativeRecordId,
    representativeName: row.representativeName,
    kind: row.kind,
    documentNumber: row.documentNumber,
    documentDate: row.documentDate,
    validUntil: row.validUntil,
    serviceIds: row.serviceIds,
    scopeText: row.scopeText,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What makes the authority invalid today for the service; with no service, for any service at all. */
export function problemOf(
  row: AuthorityRow,
  service: AuthorityCheck['service'] | null,
  today: string,
): string | null {
  const authority = toAuthority(row);
  return authorityProblem({
    authority: service ? authority : { ...authority, serviceIds: [] },
    applicant: { kind: row.applicantKind, birthDate: row.applicantBirthDate },
    service: service ?? { id: '', name: '' },
    today,
  });
}

export async function findAuthority(tx: Tx, id: string): Promise<AuthorityRow | undefined> {
  return authoritiesQuery(tx).where('a.id', '=', id).executeTakeFirst();
}

/**
 * Refuses intake when the representative has no valid grounds to act for the applicant in this service
 * today (000 item 3.2: «убедиться в наличии у представителя заявителя законных оснований представлять
 * заявителя»): AppError 422 `authority_invalid` with the reason in `problem` and in the field
 * `authorityId`. Also refused when the authority is not between these two records.
 */
export async function assertAuthority(
  tx: Tx,
  input: {
    authorityId: string;
    applicantRecordId: string;
    representativeRecordId: string;
    service: { id: string; name: string };
    today: string;
  },
): Promise<void> {
  const row = await findAuthority(tx, input.authorityId);
  let problem: string | null;
  if (
    !row ||
    row.applicantRecordId !== input.applicantRecordId ||
    row.representativeRecordId !== input.representativeRecordId
  ) {
    problem = 'Указанное основание представительства не связывает этого представителя с этим заявителем';
  } else {
    problem = problemOf(row, input.service, input.today);
  }
  if (problem) {
    throw new AppError(
      'authority_invalid',
      `authority ${input.authorityId}: ${problem}`,
      [{ path: 'authorityId', message: problem }],
      { problem },
    );
  }
}

/** The authorities where the record is the applicant or the representative, newest first. */
export function authoritiesOf(tx: Tx, recordId: string) {
  return authoritiesQuery(tx)
    .where((eb) =>
      eb.or([eb('a.applicantRecordId', '=', recordId), eb('a.representativeRecordId', '=', recordId)]),
    )
    .orderBy(sql`a.revoked_at IS NULL`, 'desc')
    .orderBy('a.createdAt', 'desc')
    .execute();
}

/** The representative's authority as a document names it: «Доверенность № 12 от 01.02.2026». */
export async function authorityText(tx: Tx, id: string): Promise<string | null> {
  const row = await tx
    .selectFrom('representativeAuthorities')
    .select(['kind', 'documentNumber', 'documentDate'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const kind = {
    power_of_attorney: 'Доверенность',
    law: 'Законный представитель',
    organization_head: 'Руководитель организации',
  }[row.kind];
  const number = row.documentNumber ? ` № ${row.documentNumber}` : '';
  const date = row.documentDate ? ` от ${row.documentDate.split('-').reverse().join('.')}` : '';
  return `${kind}${number}${date}`;
}
