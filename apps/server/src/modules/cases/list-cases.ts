import { sql } from 'kysely';
import {
  stageOf,
  type CaseList,
  type CaseListItem,
  type CaseListQuery,
  type StageKind,
  type Worklist,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';
import { applicationFactsOf, applicationsOfApplicantNamed } from '../applications/index.js';
import { termDueDates, workingDaysAhead } from '../calendar/index.js';
import { serviceVersion, stagesOfKind, type PinnedVersion } from '../catalog/index.js';
import { employeeNames, orgUnitNames } from '../org/index.js';
import { atStages, type CaseViewer } from './case-visibility.js';
import type { CaseRow } from './case-row.js';
import { termStandings, warnWorkingDays } from './term-standing.js';
import { openedWithin, worklistCondition, worklistsOf, type TermDays } from './worklist-filters.js';

/** The order of a page: by the nearest term, by registration (newest first), by closing (newest first). */
type Order = 'term' | 'opened' | 'closed';

/** The keyset of the last row of a page, opaque to the client. */
interface Cursor {
  o: Order;
  k: string;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, order: Order): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (
      cursor.o === order &&
      typeof cursor.k === 'string' &&
      typeof cursor.id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(cursor.id)
    ) {
      return cursor;
    }
  } catch {
    // falls through to the error below
  }
  throw new AppError('bad_request', 'bad cursor');
}

function keyOf(row: CaseRow, order: Order): string {
  if (order === 'term') return row.dueDate;
  if (order === 'opened') return row.openedAt.toISOString();
  return (row.closedAt ?? row.openedAt).toISOString();
}

export interface ListScope {
  tx: Tx;
  municipalityId: string;
  today: string;
}

/** The days the lists of terms are read against, once per request. */
async function termDays({ tx, municipalityId, today }: ListScope): Promise<TermDays & { warn: number }> {
  const warn = await warnWorkingDays(tx);
  return { today, horizon: await workingDaysAhead(tx, municipalityId, today, warn), warn };
}

/**
 * A worklist of the workplace (000 items 3.4, 3.5): the page of cases after the cursor, with each
 * case's stage, applicant, unit, executor and terms, and how many cases every list the viewer may open
 * holds now.
 */
export async function listCases(
  scope: ListScope,
  viewer: CaseViewer,
  query: CaseListQuery,
): Promise<CaseList> {
  const { tx } = scope;
  const allowed = worklistsOf(viewer);
  if (!allowed.includes(query.list)) {
    throw new AppError('forbidden', `worklist ${query.list} is not the viewer's`);
  }
  const days = await termDays(scope);
  const order: Order = query.list === 'closed' ? 'closed' : query.sort;

  let q = tx
    .selectFrom('cases as c')
    .selectAll('c')
    .where(worklistCondition(query.list, viewer, days));
  if (query.serviceId) q = q.where('c.serviceId', '=', query.serviceId);
  if (query.stageKey) q = q.where('c.stageKey', '=', query.stageKey);
  if (query.stageKind) q = q.where(atStages(await stagesOfKind(tx, query.stageKind)));
  if (query.from || query.to) q = q.where(openedWithin(query.from, query.to));
  const text = query.q?.trim();
  if (text) {
    const prefix = `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('c.registrationNumber', 'ilike', prefix),
        eb('c.applicationId', 'in', applicationsOfApplicantNamed(text)),
      ]),
    );
  }
  if (query.after) {
    const { k, id } = decodeCursor(query.after, order);
    if (order === 'term') q = q.where(sql<boolean>`(c.due_date, c.id) > (${k}::date, ${id}::uuid)`);
    if (order === 'opened') q = q.where(sql<boolean>`(c.opened_at, c.id) < (${new Date(k)}, ${id}::uuid)`);
    if (order === 'closed') q = q.where(sql<boolean>`(c.closed_at, c.id) < (${new Date(k)}, ${id}::uuid)`);
  }
  q =
    order === 'term'
      ? q.orderBy('c.dueDate', 'asc').orderBy('c.id', 'asc')
      : order === 'opened'
        ? q.orderBy('c.openedAt', 'desc').orderBy('c.id', 'desc')
        : q.orderBy('c.closedAt', 'desc').orderBy('c.id', 'desc');
  const rows = await q.limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const counts: Partial<Record<Worklist, number>> = {};
  for (const list of allowed) {
    const row = await tx
      .selectFrom('cases as c')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(worklistCondition(list, viewer, days))
      .executeTakeFirstOrThrow();
    counts[list] = Number(row.n);
  }
  return {
    items: await caseListItems(scope, page, days.warn),
    next:
      rows.length > query.limit && last
        ? encodeCursor({ o: order, k: keyOf(last, order), id: last.id })
        : null,
    counts,
  };
}

/** The pinned versions of the given cases, read once each. */
export async function versionsOf(tx: Tx, rows: readonly CaseRow[]): Promise<Map<string, PinnedVersion>> {
  const out = new Map<string, PinnedVersion>();
  for (const id of new Set(rows.map((r) => r.serviceVersionId))) {
    const version = await serviceVersion(tx, id);
    if (version) out.set(id, version);
  }
  return out;
}

/** The current stage of a case by its pinned map. */
export function stageView(
  version: PinnedVersion | undefined,
  key: string,
): { key: string; name: string; kind: StageKind } {
  const stage = version ? stageOf(version.definition.techMap, key) : undefined;
  return { key, name: stage?.name ?? key, kind: stage?.kind ?? 'work' };
}

async function caseListItems(
  scope: ListScope,
  rows: readonly CaseRow[],
  warn: number,
): Promise<CaseListItem[]> {
  const { tx } = scope;
  const versions = await versionsOf(tx, rows);
  const facts = await applicationFactsOf(
    tx,
    rows.map((r) => r.applicationId),
  );
  const units = await orgUnitNames(
    tx,
    rows.flatMap((r) => (r.orgUnitId ? [r.orgUnitId] : [])),
  );
  const executors = await employeeNames(
    tx,
    rows.flatMap((r) => (r.executorId ? [r.executorId] : [])),
  );
  const stageTerms = await termDueDates(
    tx,
    rows.map((r) => r.stageTermId),
  );
  const standing = termStandings(tx, scope.municipalityId, scope.today, warn);
  const items: CaseListItem[] = [];
  for (const row of rows) {
    const version = versions.get(row.serviceVersionId);
    const closed = row.status === 'closed';
    const stageTerm = row.stageTermId ? stageTerms.get(row.stageTermId) : undefined;
    items.push({
      id: row.id,
      registrationNumber: row.registrationNumber,
      service: {
        id: row.serviceId,
        name: version?.definition.card.name ?? '',
        shortName: version?.definition.card.shortName ?? '',
      },
      stage: stageView(version, row.stageKey),
      applicant: facts.get(row.applicationId)?.applicant ?? null,
      orgUnit: row.orgUnitId ? { id: row.orgUnitId, name: units.get(row.orgUnitId) ?? '' } : null,
      executor: row.executorId ? { id: row.executorId, name: executors.get(row.executorId) ?? '' } : null,
      status: row.status,
      outcome: row.outcome,
      term: await standing(row.dueDate, closed),
      stageTerm: stageTerm
        ? await standing(stageTerm.dueDate, closed || stageTerm.status === 'closed')
        : null,
      openedAt: row.openedAt.toISOString(),
      closedAt: row.closedAt?.toISOString() ?? null,
    });
  }
  return items;
}
