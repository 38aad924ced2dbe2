import { sql } from 'kysely';
import type { z } from 'zod';
import {
  APPLICATION_STATUS_INFO,
  type Application,
  type ApplicationListItem,
  type ApplicationListQuerySchema,
  type ChecklistItem,
  type ServiceDefinition,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { statusHistory } from './statuses.js';
import { fileView } from './upload-file.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { getApplicantRecord, heldDocumentsOf } from '../applicant-registry/index.js';
import { daysLeftTo } from '../calendar/index.js';
import { caseSummary } from '../cases/index.js';
import { serviceCodes, serviceVersion } from '../catalog/index.js';
import { heldKeysFor } from './intake-rules.js';
import {
  namesFromValues,
  parseValues,
  unitApplications,
  valuesText,
  type ApplicationRow,
} from './queries.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Definitions of the given versions, read once per request. */
async function definitions(tx: Tx, versionIds: readonly string[]): Promise<Map<string, ServiceDefinition>> {
  const out = new Map<string, ServiceDefinition>();
  for (const id of new Set(versionIds)) {
    const version = await serviceVersion(tx, id);
    if (version) out.set(id, version.definition);
  }
  return out;
}

type RowWithValues = ApplicationRow & { valuesText: string };

async function listItems(tx: Tx, rows: RowWithValues[], today: string): Promise<ApplicationListItem[]> {
  const defs = await definitions(
    tx,
    rows.map((r) => r.serviceVersionId),
  );
  const codes = await serviceCodes(
    tx,
    rows.map((r) => r.serviceId),
  );
  const cases = await caseSummary(
    tx,
    rows.map((r) => r.id),
  );
  const items: ApplicationListItem[] = [];
  for (const row of rows) {
    const definition = defs.get(row.serviceVersionId);
    const names = definition
      ? namesFromValues(definition.form, parseValues(row.valuesText))
      : { applicant: null };
    const found = cases.get(row.id);
    // The registry's name when the application is linked to a record; else what the form says.
    const record = row.applicantRecordId ? await getApplicantRecord(tx, row.applicantRecordId) : undefined;
    const left =
      found && found.status === 'open'
        ? await daysLeftTo(tx, row.municipalityId, today, found.dueDate)
        : null;
    items.push({
      id: row.id,
      channel: row.channel,
      status: row.status,
      statusTitle: APPLICATION_STATUS_INFO[row.status].title,
      service: {
        id: row.serviceId,
        name: definition?.card.name ?? '',
        code: codes.get(row.serviceId) ?? '',
      },
      applicant: record
        ? { id: record.id, name: record.displayName }
        : names.applicant
          ? { id: row.ownerApplicantId ?? row.id, name: names.applicant }
          : null,
      registrationNumber: row.registrationNumber,
      registeredAt: iso(row.registeredAt),
      submittedAt: iso(row.submittedAt),
      dueDate: found?.dueDate ?? null,
      workingDaysLeft: left?.workingDays ?? null,
      lateEntry: row.lateEntry,
      createdAt: row.createdAt.toISOString(),
    });
  }
  return items;
}

/** An application as staff see it («Просмотреть»): its form, files, history, case and term. */
export async function applicationView(tx: Tx, id: string, today?: string): Promise<Application> {
  const row = await tx
    .selectFrom('applications as a')
    .selectAll('a')
    .select(valuesText)
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`application ${id}`);
  const [item] = await listItems(tx, [row], today ?? todayOf(() => new Date()));
  const definition = (await definitions(tx, [row.serviceVersionId])).get(row.serviceVersionId);
  const values = parseValues(row.valuesText);
  const names = definition ? namesFromValues(definition.form, values) : { representative: null };
  const representative = row.representativeRecordId
    ? await getApplicantRecord(tx, row.representativeRecordId)
    : undefined;
  // The documents held for the applicant that stand for documents of this service (once-only).
  const held =
    row.applicantRecordId && definition
      ? (await heldDocumentsOf(tx, row.applicantRecordId, today ?? todayOf(() => new Date()))).filter(
          (h) => heldKeysFor(definition, [h]).length > 0,
        )
      : [];
  const files = await tx
    .selectFrom('applicationFiles')
    .select(['id', 'fileName', 'mediaType', 'size', 'sha256', 'scanStatus', 'createdAt'])
    .where('applicationId', '=', id)
    .orderBy('createdAt')
    .execute();
  const history = await statusHistory(tx, id);
  const grounds = (row.refusalGrounds ?? null) as Array<{ key: string; text: string }> | null;
  return {
    ...item!,
    serviceVersionId: row.serviceVersionId,
    representative: representative
      ? { id: representative.id, name: representative.displayName }
      : names.representative
        ? { id: row.id, name: names.representative }
        : null,
    values,
    checklist: (row.checklist ?? []) as ChecklistItem[],
    files: files.map(fileView),
    heldDocuments: held,
    caseId: row.caseId,
    refusal: grounds ? { grounds, comment: row.refusalComment ?? '' } : null,
    receiptDocumentId: row.receiptDocumentId,
    history,
  };
}

/** The cursor of a list: the last item's creation time and id. */
function decodeCursor(before: string): { createdAt: Date; id: string } {
  const [at, id] = before.split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError('bad_request', 'bad cursor');
  }
  return { createdAt, id };
}

/**
 * The applications of the employee's unit and the units below it, newest first; `status=submitted`
 * with `channel=portal` are the new e-applications awaiting «Принять» or «Отказать».
 */
export async function listApplications(
  tx: Tx,
  employeeId: string,
  query: z.output<typeof ApplicationListQuerySchema>,
  clock: Clock,
) {
  let q = tx
    .selectFrom('applications as a')
    .selectAll('a')
    .select(valuesText)
    .where(unitApplications(employeeId))
    .where('a.status', '!=', 'draft');
  if (query.status) q = q.where('a.status', '=', query.status);
  if (query.channel) q = q.where('a.channel', '=', query.channel);
  if (query.serviceId) q = q.where('a.serviceId', '=', query.serviceId);
  if (query.before) {
    const cursor = decodeCursor(query.before);
    q = q.where(sql<boolean>`(a.created_at, a.id) < (${cursor.createdAt}, ${cursor.id}::uuid)`);
  }
  const rows = await q
    .orderBy('a.createdAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await listItems(tx, page, todayOf(clock)),
    next: rows.length > query.limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
  };
}
