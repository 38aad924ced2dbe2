import type { Selectable } from 'kysely';
import {
  formatTerm,
  type Consultation,
  type ConsultationServiceFacts,
  type ServiceCard,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { ConsultationsTable } from '../../db/schema.js';
import { serviceSummaries } from '../catalog/index.js';
import { employeeNames } from '../org/index.js';
import { referenceLookup } from '../reference/index.js';
import { partyNames } from './parties.js';

export type ConsultationRow = Selectable<ConsultationsTable>;

/** The directory the subject of a consultation is a code of. */
export const SUBJECTS = 'consultation_subjects';

/** Rows as the workplace shows them: names of the employee, the parties, the service and the subject. */
export async function consultationViews(tx: Tx, rows: readonly ConsultationRow[]): Promise<Consultation[]> {
  if (rows.length === 0) return [];
  const employees = await employeeNames(
    tx,
    rows.map((r) => r.employeeId),
  );
  const services = await serviceSummaries(
    tx,
    rows.map((r) => r.serviceId),
  );
  const parties = await partyNames(
    tx,
    rows.flatMap((r) => [r.applicantRecordId, r.representativeRecordId]).filter((id) => id !== null),
  );
  const reference = await referenceLookup(tx);
  const party = (id: string | null) => (id ? { id, name: parties.get(id) ?? '' } : null);
  return rows.map((row) => {
    const card = services.get(row.serviceId)?.card ?? null;
    const documentName = (key: string) => card?.applicantDocuments.find((d) => d.key === key)?.name ?? key;
    return {
      id: row.id,
      state: row.state,
      channel: row.channel,
      employee: { id: row.employeeId, name: employees.get(row.employeeId) ?? '' },
      applicant: party(row.applicantRecordId),
      representative: party(row.representativeRecordId),
      service: { id: row.serviceId, name: services.get(row.serviceId)?.name ?? '' },
      subject: {
        code: row.subjectCode,
        name: reference.name(SUBJECTS, row.subjectCode) ?? row.subjectCode,
      },
      startedAt: row.startedAt.toISOString(),
      endedAt: row.endedAt?.toISOString() ?? null,
      explainedDocuments: row.explainedDocuments.map((key) => ({ key, name: documentName(key) })),
      termExplained: row.termExplained,
      summary: row.summary,
      lateEntry: row.lateEntry,
      enteredAt: row.enteredAt.toISOString(),
    };
  });
}

export async function consultationView(tx: Tx, row: ConsultationRow): Promise<Consultation> {
  const [view] = await consultationViews(tx, [row]);
  if (!view) throw new Error('consultation view');
  return view;
}

function rubles(amount: number): string {
  return `${new Intl.NumberFormat('ru-RU').format(amount)} руб.`;
}

/** What the employee explains (000 item 3.1): the card in force of the consultation's service. */
export function factsOf(name: string, card: ServiceCard): ConsultationServiceFacts {
  return {
    serviceName: name,
    applicantDocuments: card.applicantDocuments.map(({ key, name: docName, required, condition }) => ({
      key,
      name: docName,
      required,
      condition,
    })),
    interagencyDocuments: card.interagencyDocuments.map(({ key, name: docName }) => ({ key, name: docName })),
    term: card.term,
    termText: formatTerm(card.term),
    intakeRefusalGrounds: card.intakeRefusalGrounds.map(({ key, text }) => ({ key, text })),
    serviceRefusalGrounds: card.serviceRefusalGrounds.map(({ key, text }) => ({ key, text })),
    feeText:
      card.fee === null || card.fee.amountRub === 0
        ? 'Бесплатно'
        : `${rubles(card.fee.amountRub)} (${card.fee.basis})`,
  };
}
