import {
  applicantDisplayName,
  normalizePassportRf,
  normalizeSnils,
  type ApplicantRecord,
  type ApplicantRecordInput,
} from '@uslugi/contracts';
import type { Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { ApplicantRecordsTable } from '../../db/schema.js';

export const RECORD_COLUMNS = [
  'id',
  'kind',
  'displayName',
  'data',
  'birthDate',
  'applicantId',
  'createdAt',
  'updatedAt',
] as const;
export type RecordRow = Pick<Selectable<ApplicantRecordsTable>, (typeof RECORD_COLUMNS)[number]>;

/** Lower case, ё as е, one space between words: how names are kept for search and how queries are read. */
export function normalizeName(value: string): string {
  return value.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** The identity document as a search key: a passport as its 10 digits, any other as `type:series number`. */
export function identityDocumentKey(input: ApplicantRecordInput): string | null {
  if (input.kind === 'legal_entity' || !input.identityDocument) return null;
  const doc = input.identityDocument;
  if (doc.type === 'passport_rf') {
    const passport = normalizePassportRf(`${doc.series}${doc.number}`);
    if (passport) return `${passport.series}${passport.number}`;
  }
  return `${doc.type}:${doc.series}${doc.number}`.replace(/\s+/g, '').toUpperCase().slice(0, 60);
}

/** The columns a record is searched and matched by, taken from what staff entered. */
export function recordKeys(input: ApplicantRecordInput) {
  const isPerson = input.kind !== 'legal_entity';
  const searchName = normalizeName(
    input.kind === 'legal_entity'
      ? [input.organizationName, input.shortName].filter(Boolean).join(' ')
      : [input.lastName, input.firstName, input.middleName].filter(Boolean).join(' '),
  ).slice(0, 1000);
  return {
    kind: input.kind,
    displayName: applicantDisplayName(input).slice(0, 1000),
    data: JSON.stringify(input),
    searchName,
    snils: isPerson && input.snils ? normalizeSnils(input.snils) : null,
    inn: input.inn ?? null,
    ogrn: input.kind === 'legal_entity' ? input.ogrn : input.kind === 'sole_proprietor' ? input.ogrnip : null,
    birthDate: isPerson ? input.birthDate : null,
    identityDocument: identityDocumentKey(input),
  };
}

export function toRecord(row: RecordRow): ApplicantRecord {
  return {
    id: row.id,
    kind: row.kind,
    displayName: row.displayName,
    data: (row.data ?? {}) as Record<string, unknown>,
    esiaLinked: row.applicantId !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findRecord(tx: Tx, id: string): Promise<RecordRow | undefined> {
  return tx.selectFrom('applicantRecords').select(RECORD_COLUMNS).where('id', '=', id).executeTakeFirst();
}
