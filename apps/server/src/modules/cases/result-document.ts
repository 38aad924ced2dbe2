import { randomUUID } from 'node:crypto';
import { DOCUMENT_KIND_TITLES, type DocumentKind, type Ground } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { CommandScope } from '../../platform/commands.js';
import { AppError } from '../../platform/errors.js';
import { pdfRoute } from '../../platform/render/index.js';
import {
  documentFile,
  fileNameOf,
  PDF_MEDIA_TYPE,
  recordGeneratedDocument,
  requestRender,
  unsignedNextVersion,
} from '../documents/index.js';
import { signerCertificateStamp } from '../signing/index.js';
import type { CaseDeps } from './case-command.js';
import type { CaseRow } from './case-row.js';
import { decisionFacts, intraRequestFacts } from './document-facts.js';
import { orgUnitNames } from '../org/index.js';
import type { FileStore } from '../../platform/files/file-store.js';

/** The kinds of a decision's result draft: a grant's result, a refusal's notice. */
export const RESULT_KINDS: readonly DocumentKind[] = ['result', 'service_refusal'];

/**
 * The result the official signs (000 item 3.5): the result draft's current DOCX (the executor's last
 * edit, or the rendered one) converted to PDF with the visible signature stamp — the certificate the
 * official signs with (serial, owner, validity) and a QR code of the document's verification page —
 * recorded as the next version of the draft's PDF. Its id is chosen first: the QR code names it.
 */
export async function stampedResult(
  scope: Pick<CommandScope, 'tx'>,
  deps: CaseDeps,
  input: {
    row: CaseRow;
    draft: { pdfDocumentId: string; docxDocumentId: string };
    /** «Градостроительный план земельного участка № 00001/2026» (`resultTitle`). */
    title: string;
    signerId: string;
    at: Date;
  },
): Promise<{ id: string; content: Buffer }> {
  const { tx } = scope;
  // A wrong PIN committed the document made for the last attempt: the signer's next attempt signs it.
  const made = await unsignedNextVersion(tx, deps.files, {
    previousId: input.draft.pdfDocumentId,
    createdBy: input.signerId,
  });
  if (made) return made;
  const certificate = await signerCertificateStamp(tx, input.signerId);
  if (!certificate) throw new AppError('no_signing_certificate', `employee ${input.signerId}`);
  const docx = await documentFile(tx, deps.files, input.draft.docxDocumentId);
  if (!docx) throw new AppError('internal', `case ${input.row.id}: result draft missing`);
  const id = randomUUID();
  const { title } = input;
  const content = await pdfRoute(deps.config).toPdf(docx.content, {
    title,
    stamp: { ...certificate, verifyUrl: `${deps.config.publicUrl}/verify/${id}` },
  });
  await recordGeneratedDocument(
    tx,
    { files: deps.files, provider: deps.pki.provider },
    {
      id,
      municipalityId: input.row.municipalityId,
      title,
      fileName: `${fileNameOf(title)}.pdf`,
      mediaType: PDF_MEDIA_TYPE,
      content,
      createdBy: input.signerId,
      orgUnitId: input.row.orgUnitId,
      createdAt: input.at,
      previousVersionId: input.draft.pdfDocumentId,
    },
  );
  return { id, content };
}

/** The applicant's notice of the outcome (000 item 2.5), made after the approval commits. */
export async function requestApplicantNotice(
  tx: Tx,
  deps: Pick<CaseDeps, 'files'>,
  input: {
    row: CaseRow;
    decision: { id: string; decision: 'grant' | 'refuse'; text: string };
    /** The refusal's grounds as the card names them (none for a grant). */
    grounds: readonly Ground[];
    actorId: string;
    at: Date;
  },
): Promise<void> {
  const { row, decision } = input;
  const facts = await decisionFacts(tx, {
    row,
    decision: decision.decision,
    grounds: input.grounds,
    text: decision.text,
    employeeId: input.actorId,
    at: input.at,
  });
  await requestRender(tx, deps, {
    municipalityId: row.municipalityId,
    kind: 'applicant_notice',
    applicationId: row.applicationId,
    caseId: row.id,
    subjectId: decision.id,
    serviceId: row.serviceId,
    serviceVersionId: row.serviceVersionId,
    title: `${DOCUMENT_KIND_TITLES.applicant_notice} по заявлению № ${row.registrationNumber}`,
    facts: facts.facts,
    requestedBy: input.actorId,
    requestedAt: input.at,
    orgUnitId: row.orgUnitId,
    retentionYears: facts.definition.card.retentionYears,
  });
}

/** The intra-agency request's document (000 item 2.5), to the unit it is sent to. */
export async function requestIntraDocument(
  tx: Tx,
  deps: { files: FileStore },
  input: {
    caseId: string;
    requestId: string;
    name: string;
    toUnitId: string;
    dueDate: string | null;
    actorId: string;
    at: Date;
  },
): Promise<void> {
  const row = await tx
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', input.caseId)
    .executeTakeFirstOrThrow();
  const units = await orgUnitNames(tx, [input.toUnitId]);
  const { facts, definition } = await intraRequestFacts(tx, {
    row,
    request: { name: input.name, unitName: units.get(input.toUnitId) ?? '—', dueDate: input.dueDate },
    employeeId: input.actorId,
    at: input.at,
  });
  await requestRender(tx, deps, {
    municipalityId: row.municipalityId,
    kind: 'intra_request',
    applicationId: row.applicationId,
    caseId: row.id,
    subjectId: input.requestId,
    serviceId: row.serviceId,
    serviceVersionId: row.serviceVersionId,
    title: `${DOCUMENT_KIND_TITLES.intra_request} «${input.name}» по заявлению № ${row.registrationNumber}`,
    facts,
    requestedBy: input.actorId,
    requestedAt: input.at,
    orgUnitId: row.orgUnitId,
    retentionYears: definition.card.retentionYears,
  });
}
