import {
  APPLICATION_STATUS_INFO,
  type PortalApplication,
  type PortalApplicationListItem,
  type PortalCase,
} from '@uslugi/contracts';
import type { Database, Tx } from '../../db/database.js';
import type { ApplicantAuthContext } from '../../platform/auth/context.js';
import { runQuery } from '../../platform/commands.js';
import { notFound } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { daysLeftTo } from '../calendar/index.js';
import { linkedRecordOf } from '../applicant-registry/index.js';
import { caseResultOf, caseTermOf, noticeDocumentOf, portalCaseOf } from '../cases/index.js';
import { serviceVersion } from '../catalog/index.js';
import { documentFile } from '../documents/index.js';
import { parseValues, valuesText } from './queries.js';
import { statusHistory } from './statuses.js';
import { fileView } from './upload-file.js';

/** Where the portal's application routes live (the result's download paths name it). */
export const PORTAL_BASE = '/api/v1/portal/applications';

// The applicant's own applications only: their portal applications, and the paper ones of the
// registry record linked to them (an individual's, read-only on the portal); every query names the
// owner, and RLS the session's municipality, so another applicant's id (or one of another
// municipality) is simply not found.

type Row = Awaited<ReturnType<typeof ownRows>>[number];

export async function ownRows(tx: Tx, auth: ApplicantAuthContext, id?: string, lock = false) {
  const recordId = auth.legalEntityId ? undefined : await linkedRecordOf(tx, auth.applicantId);
  let query = tx
    .selectFrom('applications')
    .selectAll()
    .select(valuesText)
    .where((eb) =>
      eb.or([
        eb.and([eb('channel', '=', 'portal'), eb('ownerApplicantId', '=', auth.applicantId)]),
        ...(recordId ? [eb.and([eb('channel', '=', 'paper'), eb('applicantRecordId', '=', recordId)])] : []),
      ]),
    )
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(200);
  if (id) query = query.where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.execute();
}

/** Submitted, or accepted and its case still open with no signed result (000 item 3.3). */
function withdrawable(row: Row, portalCase: PortalCase | null): boolean {
  if (row.status === 'submitted') return true;
  return portalCase?.canWithdraw === true && !APPLICATION_STATUS_INFO[row.status].final;
}

/** The services' names and codes as their versions state them. */
async function versionsOf(tx: Tx, rows: readonly Row[]) {
  const versions = new Map<string, Awaited<ReturnType<typeof serviceVersion>>>();
  for (const id of new Set(rows.map((r) => r.serviceVersionId)))
    versions.set(id, await serviceVersion(tx, id));
  return versions;
}

async function listItem(
  tx: Tx,
  auth: ApplicantAuthContext,
  row: Row,
  version: Awaited<ReturnType<typeof serviceVersion>>,
  today: string,
): Promise<PortalApplicationListItem> {
  const term =
    row.status === 'draft' || row.status === 'submitted' ? undefined : await caseTermOf(tx, row.id);
  // The working days left count while the service is being provided; a closed case shows its date only.
  const left =
    term?.status === 'open' ? await daysLeftTo(tx, auth.municipalityId, today, term.dueDate) : undefined;
  return {
    id: row.id,
    status: row.status,
    statusTitle: APPLICATION_STATUS_INFO[row.status].title,
    service: {
      id: row.serviceId,
      name: version?.definition.card.name ?? '',
      shortName: version?.definition.card.shortName ?? '',
    },
    registrationNumber: row.registrationNumber,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    dueDate: term?.dueDate ?? null,
    workingDaysLeft: left?.workingDays ?? null,
    daysLeftText: left?.text ?? null,
    channel: row.channel,
  };
}

/** «Мои заявления»: the applicant's applications in the session's municipality, newest first. */
export function myApplications(database: Database, auth: ApplicantAuthContext, today: string) {
  return runQuery({ database, municipalityId: auth.municipalityId }, async (tx) => {
    const rows = await ownRows(tx, auth);
    const versions = await versionsOf(tx, rows);
    const items: PortalApplicationListItem[] = [];
    for (const row of rows)
      items.push(await listItem(tx, auth, row, versions.get(row.serviceVersionId), today));
    return { items };
  });
}

function groundKeys(grounds: unknown): Array<{ key: string; text: string | null }> {
  if (!Array.isArray(grounds)) return [];
  return grounds.flatMap((g: unknown) => {
    if (typeof g === 'string') return [{ key: g, text: null }];
    if (typeof g === 'object' && g !== null && typeof (g as { key?: unknown }).key === 'string') {
      const { key, text } = g as { key: string; text?: unknown };
      return [{ key, text: typeof text === 'string' ? text : null }];
    }
    return [];
  });
}

/** The applicant's application: values, files, history, number, term, refusal grounds and comment. */
export function myApplication(
  database: Database,
  auth: ApplicantAuthContext,
  id: string,
  today: string,
): Promise<PortalApplication> {
  return runQuery({ database, municipalityId: auth.municipalityId }, async (tx) => {
    const [row] = await ownRows(tx, auth, id);
    if (!row) throw notFound(`application ${id}`);
    const version = await serviceVersion(tx, row.serviceVersionId);
    const item = await listItem(tx, auth, row, version, today);
    const history = await statusHistory(tx, id);
    const files = await tx
      .selectFrom('applicationFiles')
      .select(['id', 'fileName', 'mediaType', 'size', 'sha256', 'scanStatus', 'createdAt'])
      .where('applicationId', '=', id)
      .orderBy('createdAt')
      .execute();
    const portalCase = await portalCaseOf(tx, { applicationId: id, basePath: `${PORTAL_BASE}/${id}` });
    const card = version?.definition.card;
    const allGrounds = [...(card?.intakeRefusalGrounds ?? []), ...(card?.serviceRefusalGrounds ?? [])];
    const refusal =
      row.refusalGrounds !== null || row.refusalComment !== null
        ? {
            grounds: groundKeys(row.refusalGrounds).map((g) => ({
              key: g.key,
              text: g.text ?? allGrounds.find((known) => known.key === g.key)?.text ?? g.key,
            })),
            comment: row.refusalComment ?? '',
          }
        : null;
    return {
      ...item,
      serviceVersionId: row.serviceVersionId,
      values: parseValues(row.valuesText),
      files: files.map(fileView),
      registeredAt: row.registeredAt?.toISOString() ?? null,
      history,
      refusal,
      receiptAvailable: row.receiptDocumentId !== null,
      case: portalCase,
      canWithdraw: withdrawable(row, portalCase),
    };
  });
}

/** The receipt of the applicant's own accepted application: its document's bytes. */
export function myReceipt(database: Database, files: FileStore, auth: ApplicantAuthContext, id: string) {
  return runQuery({ database, municipalityId: auth.municipalityId }, async (tx) => {
    const [row] = await ownRows(tx, auth, id);
    if (!row?.receiptDocumentId) throw notFound(`receipt of application ${id}`);
    const file = await documentFile(tx, files, row.receiptDocumentId);
    if (!file) throw notFound(`document ${row.receiptDocumentId}`);
    return file;
  });
}

/** The signed result of the applicant's own application: the document's bytes. */
export function myResult(database: Database, files: FileStore, auth: ApplicantAuthContext, id: string) {
  return runQuery({ database, municipalityId: auth.municipalityId }, async (tx) => {
    const [row] = await ownRows(tx, auth, id);
    const result = row ? await caseResultOf(tx, row.id) : undefined;
    if (!result) throw notFound(`result of application ${id}`);
    const file = await documentFile(tx, files, result.documentId);
    if (!file) throw notFound(`document ${result.documentId}`);
    return file;
  });
}

/** The notice of the outcome of the applicant's own application (000 item 2.5): the document's bytes. */
export function myNotice(database: Database, files: FileStore, auth: ApplicantAuthContext, id: string) {
  return runQuery({ database, municipalityId: auth.municipalityId }, async (tx) => {
    const [row] = await ownRows(tx, auth, id);
    const documentId = row ? await noticeDocumentOf(tx, row.id) : undefined;
    const file = documentId ? await documentFile(tx, files, documentId) : undefined;
    if (!file) throw notFound(`notice of application ${id}`);
    return file;
  });
}

/** The detached CMS signature (DER) of the signed result, named `<file name>.sig`. */
export function myResultSignature(database: Database, auth: ApplicantAuthContext, id: string) {
  return runQuery({ database, municipalityId: auth.municipalityId }, async (tx) => {
    const [row] = await ownRows(tx, auth, id);
    const signature = row ? (await caseResultOf(tx, row.id))?.signature : undefined;
    if (!signature) throw notFound(`signature of the result of application ${id}`);
    return { fileName: `${signature.fileName}.sig`, content: Buffer.from(signature.der) };
  });
}
