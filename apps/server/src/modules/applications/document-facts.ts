import {
  DOCUMENT_KIND_TITLES,
  type ChecklistItem,
  type DocumentKind,
  type ServiceDefinition,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { moscowDate, moscowTime, ruDate } from '../../platform/clock.js';
import { authorityText, getApplicantRecord } from '../applicant-registry/index.js';
import { serviceVersion } from '../catalog/index.js';
import { requestRender, whenRendered } from '../documents/index.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { AppError } from '../../platform/errors.js';
import { municipalityCard } from '../municipalities/index.js';
import { employeeCard, orgUnitNames } from '../org/index.js';
import { referenceLookup } from '../reference/index.js';
import { namesFromValues, parseValues, valuesText, type ApplicationRow } from './queries.js';

/** Facts are text: a template never prints `undefined` or a date object. */
export type Facts = Record<string, string | boolean | Array<Record<string, string>>>;

const CHANNEL_FACTS: Record<'paper' | 'portal', string> = {
  paper: 'лично в администрации',
  portal: 'через портал муниципальных услуг',
};

const PRESENTED: Record<ChecklistItem['presented'], string> = {
  original: 'подлинник',
  copy: 'копия',
  none: 'не представлен на бумаге',
};

/**
 * What every document says of its municipality, service and maker: the names as the municipality,
 * the staff list and the service card hold them at the moment of the step.
 */
export async function commonFacts(
  tx: Tx,
  input: {
    municipalityId: string;
    definition: ServiceDefinition;
    orgUnitId: string | null;
    employeeId: string | null;
    at: Date;
  },
): Promise<Facts> {
  const municipality = await municipalityCard(tx, input.municipalityId);
  const units = await orgUnitNames(tx, input.orgUnitId ? [input.orgUnitId] : []);
  const employee = input.employeeId ? await employeeCard(tx, input.employeeId) : undefined;
  const { card } = input.definition;
  return {
    municipalityName: municipality?.shortName ?? '',
    authorityName: municipality?.name ?? '',
    unitName: (input.orgUnitId && units.get(input.orgUnitId)) || '—',
    serviceName: card.name,
    serviceShortName: card.shortName,
    regulationTitle: card.regulation.title,
    regulationNumber: card.regulation.number,
    documentDate: moscowDate(input.at),
    // A portal application accepted by the system has no employee: the system made it.
    employeeName: employee?.fullName ?? 'Система',
    employeePosition: employee?.positionName ?? '',
  };
}

/** What a document says of the application: its number, channel, applicant and representative. */
async function applicantFacts(
  tx: Tx,
  row: Pick<
    ApplicationRow,
    | 'registrationNumber'
    | 'registeredAt'
    | 'receivedAt'
    | 'channel'
    | 'applicantRecordId'
    | 'representativeRecordId'
    | 'authorityId'
  >,
  definition: ServiceDefinition,
  values: unknown,
): Promise<Facts> {
  const names = namesFromValues(definition.form, values);
  const record = row.applicantRecordId ? await getApplicantRecord(tx, row.applicantRecordId) : undefined;
  const agent = row.representativeRecordId
    ? await getApplicantRecord(tx, row.representativeRecordId)
    : undefined;
  const data = (record?.data ?? {}) as Record<string, unknown>;
  const address = [data.residenceAddress, data.registrationAddress, data.legalAddress].find(
    (a): a is string => typeof a === 'string' && a.length > 0,
  );
  const representativeName = agent?.displayName ?? names.representative ?? '';
  // A refused application has no number: its notice dates it by when it came in.
  const at = row.registeredAt ?? row.receivedAt;
  return {
    registrationNumber: row.registrationNumber ?? '—',
    registrationDate: at ? moscowDate(at) : '—',
    registrationTime: at ? moscowTime(at) : '—',
    channel: CHANNEL_FACTS[row.channel],
    applicantName: record?.displayName ?? names.applicant ?? '—',
    applicantAddress: address ?? '—',
    hasRepresentative: representativeName !== '',
    representativeName,
    representativeGrounds: (row.authorityId && (await authorityText(tx, row.authorityId))) || '',
  };
}

/** The term of the service as the card gives it, in days. */
function termDaysOf(definition: ServiceDefinition): string {
  return String(definition.card.term.amount);
}

/** What every document of an application says: the common facts, the applicant's, the term. */
async function applicationFacts(
  tx: Tx,
  input: {
    row: ApplicationRow;
    values: Record<string, unknown>;
    definition: ServiceDefinition;
    orgUnitId: string | null;
    employeeId: string | null;
    at: Date;
  },
): Promise<Facts> {
  return {
    ...(await commonFacts(tx, {
      municipalityId: input.row.municipalityId,
      definition: input.definition,
      orgUnitId: input.orgUnitId,
      employeeId: input.employeeId,
      at: input.at,
    })),
    ...(await applicantFacts(tx, input.row, input.definition, input.values)),
    termDays: termDaysOf(input.definition),
  };
}

/**
 * The receipt's facts (000 item 3.2): the number, date and time of registration, the documents
 * received with original/copy and sheets, those the administration already holds (004 item 9: not
 * asked again) and those it requests itself (210-ФЗ ст. 7 ч. 1 п. 2), the term and the employee.
 */
export async function receiptFacts(
  tx: Tx,
  input: {
    municipalityId: string;
    row: ApplicationRow;
    values: Record<string, unknown>;
    definition: ServiceDefinition;
    held: ReadonlyArray<{ title: string }>;
    files: ReadonlyArray<{ fileName: string }>;
    dueDate: string;
    actorId: string | null;
    at: Date;
  },
): Promise<Facts> {
  const { card } = input.definition;
  const names = new Map<string, string>(card.applicantDocuments.map((d) => [d.key, d.name]));
  for (const d of card.interagencyDocuments) names.set(d.key, d.name);
  const documents: Array<Record<string, string>> = [];
  for (const item of input.row.checklist as ChecklistItem[]) {
    documents.push({
      n: String(documents.length + 1),
      name: names.get(item.documentKey) ?? item.documentKey,
      form: PRESENTED[item.presented],
      sheets: item.sheets ? String(item.sheets) : '—',
    });
  }
  for (const file of input.files) {
    documents.push({
      n: String(documents.length + 1),
      name: `Файл «${file.fileName}»`,
      form: 'электронный документ',
      sheets: '—',
    });
  }
  const reference = await referenceLookup(tx);
  return {
    ...(await applicationFacts(tx, { ...input, orgUnitId: input.row.orgUnitId, employeeId: input.actorId })),
    dueDate: ruDate(input.dueDate),
    documents,
    heldDocuments: input.held.map((h) => ({ name: h.title })),
    requestedDocuments: card.interagencyDocuments.map((d) => ({
      name: d.name,
      agency: reference.name('agencies', d.agency) ?? d.agency,
    })),
  };
}

/** The refusal notice's facts (210-ФЗ ст. 7 ч. 1 п. 1): the grounds with their clauses, the comment. */
export async function intakeRefusalFacts(
  tx: Tx,
  input: {
    municipalityId: string;
    row: ApplicationRow;
    values: Record<string, unknown>;
    definition: ServiceDefinition;
    grounds: ReadonlyArray<{ text: string; clause: string }>;
    comment: string;
    actorId: string;
    at: Date;
  },
): Promise<Facts> {
  return {
    ...(await applicationFacts(tx, { ...input, orgUnitId: input.row.orgUnitId, employeeId: input.actorId })),
    dueDate: '—',
    refusalGrounds: input.grounds.map((g) => ({ text: g.text, clause: g.clause || '—' })),
    refusalComment: input.comment,
  };
}

/**
 * What a case's documents say of its application (the cases module adds the case's own facts): the
 * municipality, service, application and applicant, with the employee who makes the document.
 */
export async function applicationDocumentFacts(
  tx: Tx,
  input: { applicationId: string; employeeId: string | null; orgUnitId: string | null; at: Date },
): Promise<{ facts: Facts; definition: ServiceDefinition; serviceId: string; serviceVersionId: string }> {
  const row = await tx
    .selectFrom('applications')
    .selectAll()
    .select(valuesText)
    .where('id', '=', input.applicationId)
    .executeTakeFirst();
  if (!row) throw new AppError('internal', `application ${input.applicationId} missing`);
  const version = await serviceVersion(tx, row.serviceVersionId);
  if (!version) throw new AppError('internal', `version ${row.serviceVersionId} missing`);
  const facts = await applicationFacts(tx, {
    row,
    values: parseValues(row.valuesText),
    definition: version.definition,
    orgUnitId: input.orgUnitId ?? row.orgUnitId,
    employeeId: input.employeeId,
    at: input.at,
  });
  return {
    facts,
    definition: version.definition,
    serviceId: row.serviceId,
    serviceVersionId: row.serviceVersionId,
  };
}

/** Asks for an intake document (the receipt, the refusal notice) of an application. */
export function requestIntakeDocument(
  tx: Tx,
  deps: { files: FileStore },
  input: {
    kind: Extract<DocumentKind, 'receipt' | 'intake_refusal'>;
    row: ApplicationRow;
    definition: ServiceDefinition;
    facts: Facts;
    /** The case the accepted application opened. */
    caseId?: string | null;
    actorId: string;
    at: Date;
  },
) {
  const { row, kind } = input;
  const title =
    kind === 'receipt'
      ? `${DOCUMENT_KIND_TITLES.receipt} № ${row.registrationNumber ?? ''}`
      : `${DOCUMENT_KIND_TITLES.intake_refusal}: ${input.definition.card.shortName}`;
  return requestRender(tx, deps, {
    municipalityId: row.municipalityId,
    kind,
    applicationId: row.id,
    caseId: input.caseId ?? row.caseId,
    serviceId: row.serviceId,
    serviceVersionId: row.serviceVersionId,
    title,
    facts: input.facts,
    requestedBy: input.actorId,
    requestedAt: input.at,
    orgUnitId: row.orgUnitId,
    retentionYears: input.definition.card.retentionYears,
  });
}

// The application names its receipt and its refusal notice once they are made (the portal and the
// workplace read these links); a link already set is never replaced.
whenRendered(['receipt'], async (tx, render) => {
  if (!render.applicationId) return;
  await tx
    .updateTable('applications')
    .set({ receiptDocumentId: render.pdfDocumentId })
    .where('id', '=', render.applicationId)
    .where('receiptDocumentId', 'is', null)
    .execute();
});
whenRendered(['intake_refusal'], async (tx, render) => {
  if (!render.applicationId) return;
  await tx
    .updateTable('applications')
    .set({ noticeDocumentId: render.pdfDocumentId })
    .where('id', '=', render.applicationId)
    .where('noticeDocumentId', 'is', null)
    .execute();
});
