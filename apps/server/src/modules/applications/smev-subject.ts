import type { ApplicantRecordInput } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { getApplicantRecord } from '../applicant-registry/index.js';
import { parseValues, valuesText } from './queries.js';

/** A cadastral number as ЕГРН writes it: округ:район:квартал:номер объекта (16:50:011105:123). */
const CADASTRAL_NUMBER = /^\d{2}:\d{2}:\d{6,7}:\d{1,}$/;

/** What an inter-agency request about an application is built from: who applied, the objects it names. */
export interface SmevSubject {
  applicantRecordId: string | null;
  /** The registry record's data; null when the application is linked to none. */
  applicant: ApplicantRecordInput | null;
  /** Cadastral numbers the form's answers name (land plot, building), in the form's order. */
  cadastralNumbers: string[];
}

function collect(value: unknown, into: string[]): void {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (CADASTRAL_NUMBER.test(trimmed) && !into.includes(trimmed)) into.push(trimmed);
  } else if (Array.isArray(value)) {
    for (const v of value) collect(v, into);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) collect(v, into);
  }
}

export async function smevSubjectOf(tx: Tx, applicationId: string): Promise<SmevSubject> {
  const row = await tx
    .selectFrom('applications as a')
    .select(['a.applicantRecordId', valuesText])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow();
  const record = row.applicantRecordId ? await getApplicantRecord(tx, row.applicantRecordId) : undefined;
  const cadastralNumbers: string[] = [];
  collect(parseValues(row.valuesText), cadastralNumbers);
  return { applicantRecordId: row.applicantRecordId, applicant: record?.data ?? null, cadastralNumbers };
}
