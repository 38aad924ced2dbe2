import type { CaseListItem, TermStanding } from '@uslugi/contracts';
import { stageOf } from '@uslugi/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/database.js';
import { formatDaysLeft } from '../../platform/calendar/index.js';
import { municipalCalendar, termDueDates } from '../calendar/index.js';
import { serviceVersion, type PinnedVersion } from '../catalog/index.js';
import { employeeNames, orgUnitNames } from '../org/index.js';
import { caseSettingsIn } from './case-settings.js';

/**
 * The figures the head's dashboard and the leadership's view count (004 items 6, 10, 11): the open
 * cases of a scope with where each term stands today, and the cases closed in the last 30 days.
 * A scope is a subquery of unit ids (a head's unit and below) or null (the whole municipality).
 */

export type Scope = RawBuilder<string> | null;
export type State = TermStanding['state'];

export interface OpenCase {
  id: string;
  registrationNumber: string;
  serviceId: string;
  serviceVersionId: string;
  stageKey: string;
  orgUnitId: string | null;
  executorId: string | null;
  openedAt: Date;
  term: TermStanding;
  stageTerm: TermStanding | null;
  /** The worse of the two terms. */
  state: State;
}

export interface ClosedCase {
  id: string;
  orgUnitId: string | null;
  executorId: string | null;
  onTime: boolean;
}

const DAY_MS = 86_400_000;
const RANK: Record<State, number> = { closed: 0, ok: 1, due_soon: 2, overdue: 3 };
const worse = (a: State, b: State | undefined) => (b !== undefined && RANK[b] > RANK[a] ? b : a);

export async function caseFigures(
  tx: Tx,
  input: { municipalityId: string; scope: Scope; today: string; now: Date },
) {
  const { warnWorkingDays } = await caseSettingsIn(tx);
  const { calendar } = await municipalCalendar(tx, input.municipalityId);
  const standing = (dueDate: string): TermStanding => {
    const left = calendar.workingDaysLeft(input.today, dueDate);
    const workingDaysLeft = left.status === 'overdue' ? -left.workingDays : left.workingDays;
    const state: State =
      left.status === 'overdue' ? 'overdue' : workingDaysLeft <= warnWorkingDays ? 'due_soon' : 'ok';
    return { dueDate, workingDaysLeft, text: formatDaysLeft(left), state };
  };

  let open = tx
    .selectFrom('cases')
    .select([
      'id',
      'registrationNumber',
      'serviceId',
      'serviceVersionId',
      'stageKey',
      'orgUnitId',
      'executorId',
      'openedAt',
      'dueDate',
      'stageTermId',
    ])
    .where('status', '=', 'open');
  if (input.scope) open = open.where('orgUnitId', 'in', input.scope);
  const openRows = await open.orderBy('dueDate').orderBy('id').execute();
  const stageDue = await termDueDates(
    tx,
    openRows.map((r) => r.stageTermId).filter((id): id is string => id !== null),
  );
  const openCases: OpenCase[] = openRows.map((r) => {
    const term = standing(r.dueDate);
    const due = r.stageTermId ? stageDue.get(r.stageTermId)?.dueDate : undefined;
    const stageTerm = due ? standing(due) : null;
    return { ...r, term, stageTerm, state: worse(term.state, stageTerm?.state) };
  });

  let closed = tx
    .selectFrom('cases')
    .select(['id', 'orgUnitId', 'executorId', 'closedAt', 'dueDate'])
    .where('status', '=', 'closed')
    .where('closedAt', '>=', new Date(input.now.getTime() - 30 * DAY_MS));
  if (input.scope) closed = closed.where('orgUnitId', 'in', input.scope);
  const closedCases: ClosedCase[] = (await closed.execute()).map((r) => ({
    id: r.id,
    orgUnitId: r.orgUnitId,
    executorId: r.executorId,
    onTime: r.closedAt !== null && moscowDate(r.closedAt) <= r.dueDate,
  }));
  return { openCases, closedCases };
}

function moscowDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(at);
}

export function countStates(cases: readonly OpenCase[]) {
  return {
    open: cases.length,
    dueSoon: cases.filter((c) => c.state === 'due_soon').length,
    overdue: cases.filter((c) => c.state === 'overdue').length,
  };
}

export function countClosed(cases: readonly ClosedCase[]) {
  return { closedLast30Days: cases.length, closedOnTimeLast30Days: cases.filter((c) => c.onTime).length };
}

/** The pinned versions of the given cases, each read once. */
export async function versionsOf(tx: Tx, ids: readonly string[]): Promise<Map<string, PinnedVersion>> {
  const result = new Map<string, PinnedVersion>();
  for (const id of new Set(ids)) {
    const version = await serviceVersion(tx, id);
    if (version) result.set(id, version);
  }
  return result;
}

/**
 * Worklist rows of the given open cases (a minimal mapper: the applicant's name is left to the
 * worklists' own row builder, which reads the applications).
 */
export async function caseRows(
  tx: Tx,
  cases: readonly OpenCase[],
  versions: Map<string, PinnedVersion>,
): Promise<CaseListItem[]> {
  const units = await orgUnitNames(
    tx,
    cases.map((c) => c.orgUnitId).filter((id): id is string => id !== null),
  );
  const people = await employeeNames(
    tx,
    cases.map((c) => c.executorId).filter((id): id is string => id !== null),
  );
  return cases.map((c) => {
    const definition = versions.get(c.serviceVersionId)?.definition;
    const stage = definition ? stageOf(definition.techMap, c.stageKey) : undefined;
    return {
      id: c.id,
      registrationNumber: c.registrationNumber,
      service: {
        id: c.serviceId,
        name: definition?.card.name ?? '',
        shortName: definition?.card.shortName ?? '',
      },
      stage: { key: c.stageKey, name: stage?.name ?? c.stageKey, kind: stage?.kind ?? 'work' },
      applicant: null,
      orgUnit: c.orgUnitId ? { id: c.orgUnitId, name: units.get(c.orgUnitId) ?? '' } : null,
      executor: c.executorId ? { id: c.executorId, name: people.get(c.executorId) ?? '' } : null,
      status: 'open',
      outcome: null,
      term: c.term,
      stageTerm: c.stageTerm,
      openedAt: c.openedAt.toISOString(),
      closedAt: null,
    };
  });
}

/**
 * Term violations told in the last 30 days by day (Moscow time), of the scope's cases: a request's
 * alert names the request, whose row names the case.
 */
export async function violationsByDay(tx: Tx, scope: Scope, now: Date) {
  const since = new Date(now.getTime() - 30 * DAY_MS);
  const scoped = scope
    ? sql`and (case when ta.object_type = 'case_request'
                  then (select cr.case_id::text from case_requests cr where cr.id::text = ta.object_id)
                  else ta.object_id end)
              in (select c.id::text from cases c where c.org_unit_id in ${scope})`
    : sql``;
  const result = await sql<{ date: string; count: string | number }>`
    select to_char((ta.created_at at time zone 'Europe/Moscow')::date, 'YYYY-MM-DD') as date,
           count(*) as count
      from term_alerts ta
     where ta.kind = 'violation' and ta.created_at >= ${since} ${scoped}
     group by 1 order by 1`.execute(tx);
  return result.rows.map((r) => ({ date: r.date, count: Number(r.count) }));
}
