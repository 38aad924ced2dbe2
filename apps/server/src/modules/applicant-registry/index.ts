import type { ApplicantKind, ApplicantRecordInput } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { defineModule } from '../../platform/module.js';
import { findRecord } from './records.js';
import { registryRoutes } from './routes.js';

/**
 * The applicants registry of a municipality (its personal data, 152-ФЗ): individuals, sole
 * proprietors, legal entities; representatives and their grounds; the documents applicants already
 * gave (once-only, 004 item 9).
 */
export const applicantRegistryModule = defineModule({
  name: 'applicant-registry',
  tables: ['applicantRecords', 'representativeAuthorities', 'heldDocuments'],
  routes: registryRoutes,
  journalTitles: {
    actions: {
      'applicant.registered': 'Внесение заявителя в реестр заявителей',
      'applicant.changed': 'Изменение сведений о заявителе',
      'applicant.linked': 'Связь записи реестра заявителей с учётной записью Госуслуг',
      // Written before the access log (personal_data.viewed, module personal-data-access); kept so the
      // entries already in a journal keep their title.
      'applicant.viewed': 'Просмотр сведений о заявителе (доступ к персональным данным)',
      'authority.granted': 'Внесение основания представительства',
      'authority.revoked': 'Отмена основания представительства',
    },
    objectTypes: {
      applicant_record: 'Заявитель (реестр заявителей)',
      representative_authority: 'Основание представительства',
    },
  },
});

export interface RegistryRecord {
  id: string;
  kind: ApplicantKind;
  displayName: string;
  data: ApplicantRecordInput;
  birthDate: string | null;
  /** The ESIA applicant the record is linked to. */
  applicantId: string | null;
}

/** A registry record by id, in the caller's (tenant) transaction; undefined when there is none. */
export async function getApplicantRecord(tx: Tx, id: string): Promise<RegistryRecord | undefined> {
  const row = await findRecord(tx, id);
  return (
    row && {
      id: row.id,
      kind: row.kind,
      displayName: row.displayName,
      data: row.data as ApplicantRecordInput,
      birthDate: row.birthDate,
      applicantId: row.applicantId,
    }
  );
}

/** The records' display names by id, in one query (lists that show many applicants). */
export async function recordNamesOf(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('applicantRecords')
    .select(['id', 'displayName'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

export { assertAuthority, authorityText } from './authorities.js';
export { recordForEsiaApplicant, type RegistryJournal } from './esia-link.js';
export { heldDocumentsOf, holdDocument, type HoldDocumentInput } from './held-documents.js';
export { linkedRecordOf } from './linked-record.js';
export { loadRegistryAuthority, loadRegistryRecord } from './seed.js';
export { recordsNamed } from './name-match.js';
