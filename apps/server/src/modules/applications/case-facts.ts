import { sql } from 'kysely';
import { APPLICATION_STATUS_INFO, type ApplicationStatus } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { recordNamesOf, recordsNamed } from '../applicant-registry/index.js';
import { serviceVersion } from '../catalog/index.js';
import { namesFromValues, parseValues, valuesText } from './queries.js';

type Named = { id: string; name: string };

/** What a case's views show of its application: who applied, how, and the documents of intake. */
export interface ApplicationFacts {
  id: string;
  channel: 'paper' | 'portal';
  status: ApplicationStatus;
  statusTitle: string;
  registeredAt: Date | null;
  applicant: Named | null;
  representative: Named | null;
  receiptDocumentId: string | null;
  noticeDocumentId: string | null;
}

/**
 * The applications' facts by id. The applicant is the registry's record when the application is
 * linked to one (its name kept current there), else whom the form names.
 */
export async function applicationFactsOf(
  tx: Tx,
  ids: readonly string[],
): Promise<Map<string, ApplicationFacts>> {
  const out = new Map<string, ApplicationFacts>();
  if (ids.length === 0) return out;
  const rows = await tx
    .selectFrom('applications as a')
    .select([
      'a.id',
      'a.channel',
      'a.status',
      'a.registeredAt',
      'a.serviceVersionId',
      'a.applicantRecordId',
      'a.representativeRecordId',
      'a.ownerApplicantId',
      'a.receiptDocumentId',
      'a.noticeDocumentId',
      valuesText,
    ])
    .where('a.id', 'in', [...new Set(ids)])
    .execute();
  const recordNames = await recordNamesOf(
    tx,
    rows
      .flatMap((r) => [r.applicantRecordId, r.representativeRecordId])
      .filter((id): id is string => id !== null),
  );
  const named = (id: string | null) => {
    const name = id === null ? undefined : recordNames.get(id);
    return id !== null && name !== undefined ? { id, name } : undefined;
  };
  const forms = new Map<string, Awaited<ReturnType<typeof serviceVersion>>>();
  for (const row of rows) {
    if (!forms.has(row.serviceVersionId)) {
      forms.set(row.serviceVersionId, await serviceVersion(tx, row.serviceVersionId));
    }
    const definition = forms.get(row.serviceVersionId)?.definition;
    const names = definition
      ? namesFromValues(definition.form, parseValues(row.valuesText))
      : { applicant: null, representative: null };
    const record = named(row.applicantRecordId);
    const agent = named(row.representativeRecordId);
    out.set(row.id, {
      id: row.id,
      channel: row.channel,
      status: row.status,
      statusTitle: APPLICATION_STATUS_INFO[row.status].title,
      registeredAt: row.registeredAt,
      applicant: record
        ? record
        : names.applicant
          ? { id: row.ownerApplicantId ?? row.id, name: names.applicant }
          : null,
      representative: agent
        ? agent
        : names.representative
          ? { id: row.id, name: names.representative }
          : null,
      receiptDocumentId: row.receiptDocumentId,
      noticeDocumentId: row.noticeDocumentId,
    });
  }
  return out;
}

/**
 * Applications whose applicant's name contains the words asked, as a subquery of application ids:
 * the registry's name of a linked applicant, or the form's words of an unlinked one.
 */
export function applicationsOfApplicantNamed(q: string) {
  const pattern = `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<string>`(select a.id from applications a
    where a.applicant_record_id in ${recordsNamed(q)}
       or (a.applicant_record_id is null and a.values::text ilike ${pattern}))`;
}
