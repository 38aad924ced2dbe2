import type { HeadDashboard, Supervision } from '@uslugi/contracts';
import { runQuery, type CommandContext } from '../../platform/commands.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import { lateApplications } from '../applications/index.js';
import { lateConsultations } from '../consultations/index.js';
import {
  employeeNames,
  employeesOfOwnUnitAndBelow,
  employeeUnit,
  orgUnitNames,
  ownUnitAndBelow,
} from '../org/index.js';
import {
  caseFigures,
  caseRows,
  countClosed,
  countStates,
  versionsOf,
  violationsByDay,
  type OpenCase,
} from './case-figures.js';

const DAY_MS = 86_400_000;
const OVERDUE_ROWS = 50;
const LATE_ROWS = 50;

/**
 * The head's dashboard (cases.supervise; 004 items 6, 7, 10, 11): the open cases of the head's unit
 * and every unit below, where their terms stand, the overdue ones, each executor's load, the late
 * data entries of the unit's employees and the violations told by day.
 */
export function headDashboard(ctx: CommandContext, clock: Clock): Promise<HeadDashboard> {
  return runQuery(ctx, async (tx) => {
    const headId = ctx.actor.id ?? '';
    const now = clock();
    const today = todayOf(clock);
    const scope = ownUnitAndBelow(headId);
    const { openCases, closedCases } = await caseFigures(tx, {
      municipalityId: ctx.municipalityId,
      scope,
      today,
      now,
    });
    const unitId = await employeeUnit(tx, headId);
    const unitName = unitId ? (await orgUnitNames(tx, [unitId])).get(unitId) : undefined;

    const versions = await versionsOf(
      tx,
      openCases.map((c) => c.serviceVersionId),
    );
    const stageTerms = new Map<string, HeadDashboard['stageTerms'][number]>();
    for (const c of openCases) {
      const definition = versions.get(c.serviceVersionId)?.definition;
      const key = `${c.serviceId}\u0000${c.stageKey}`;
      const row = stageTerms.get(key) ?? {
        serviceName: definition?.card.shortName ?? '',
        stageKey: c.stageKey,
        stageName: definition?.techMap.stages.find((s) => s.key === c.stageKey)?.name ?? c.stageKey,
        open: 0,
        dueSoon: 0,
        overdue: 0,
      };
      row.open++;
      if (c.state === 'due_soon') row.dueSoon++;
      if (c.state === 'overdue') row.overdue++;
      stageTerms.set(key, row);
    }

    const overdue = openCases.filter((c) => c.state === 'overdue').slice(0, OVERDUE_ROWS);
    const load = await loadOf(tx, openCases, closedCases);

    const employees = employeesOfOwnUnitAndBelow(headId);
    const since = new Date(now.getTime() - 30 * DAY_MS);
    const lateApps = await lateApplications(tx, { employees, since, limit: LATE_ROWS });
    const lateTalks = await lateConsultations(tx, { employees, since, limit: LATE_ROWS });
    const names = await employeeNames(tx, [
      ...lateApps.map((e) => e.employeeId),
      ...lateTalks.map((e) => e.employeeId),
    ]);
    const lateEntries = [
      ...lateApps.map((e) => ({
        kind: 'application' as const,
        id: e.id,
        title: e.registrationNumber ? `Заявление № ${e.registrationNumber}` : 'Заявление',
        employee: names.get(e.employeeId) ?? '',
        occurredAt: e.receivedAt.toISOString(),
        enteredAt: e.enteredAt.toISOString(),
      })),
      ...lateTalks.map((e) => ({
        kind: 'consultation' as const,
        id: e.id,
        title: 'Консультация',
        employee: names.get(e.employeeId) ?? '',
        occurredAt: e.startedAt.toISOString(),
        enteredAt: e.enteredAt.toISOString(),
      })),
    ]
      .sort((a, b) => b.enteredAt.localeCompare(a.enteredAt))
      .slice(0, LATE_ROWS);

    return {
      unit: unitId ? { id: unitId, name: unitName ?? '' } : null,
      totals: {
        ...countStates(openCases),
        unassigned: openCases.filter((c) => c.executorId === null).length,
        ...countClosed(closedCases),
      },
      stageTerms: [...stageTerms.values()].sort(
        (a, b) => b.overdue - a.overdue || a.serviceName.localeCompare(b.serviceName, 'ru'),
      ),
      overdueCases: await caseRows(tx, overdue, versions),
      load,
      lateEntries,
      violationsByDay: await violationsByDay(tx, scope, now),
    };
  });
}

async function loadOf(
  tx: Parameters<typeof employeeNames>[0],
  openCases: readonly OpenCase[],
  closedCases: ReadonlyArray<{ executorId: string | null }>,
): Promise<HeadDashboard['load']> {
  const byEmployee = new Map<string, HeadDashboard['load'][number]>();
  const rowOf = (employeeId: string) => {
    let row = byEmployee.get(employeeId);
    if (!row) {
      row = { employeeId, name: '', open: 0, dueSoon: 0, overdue: 0, closedLast30Days: 0 };
      byEmployee.set(employeeId, row);
    }
    return row;
  };
  for (const c of openCases) {
    if (!c.executorId) continue;
    const row = rowOf(c.executorId);
    row.open++;
    if (c.state === 'due_soon') row.dueSoon++;
    if (c.state === 'overdue') row.overdue++;
  }
  for (const c of closedCases) if (c.executorId) rowOf(c.executorId).closedLast30Days++;
  const names = await employeeNames(tx, [...byEmployee.keys()]);
  return [...byEmployee.values()]
    .map((row) => ({ ...row, name: names.get(row.employeeId) ?? '' }))
    .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name, 'ru'));
}

/** The municipality's leadership (cases.lead): every unit's figures and the totals. */
export function supervision(ctx: CommandContext, clock: Clock): Promise<Supervision> {
  return runQuery(ctx, async (tx) => {
    const { openCases, closedCases } = await caseFigures(tx, {
      municipalityId: ctx.municipalityId,
      scope: null,
      today: todayOf(clock),
      now: clock(),
    });
    const unitIds = [...new Set([...openCases, ...closedCases].map((c) => c.orgUnitId ?? ''))];
    const names = await orgUnitNames(
      tx,
      unitIds.filter((id) => id !== ''),
    );
    const units = unitIds
      .map((unitId) => ({
        unitId,
        unitName: unitId === '' ? 'Подразделение не указано' : (names.get(unitId) ?? ''),
        ...countStates(openCases.filter((c) => (c.orgUnitId ?? '') === unitId)),
        ...countClosed(closedCases.filter((c) => (c.orgUnitId ?? '') === unitId)),
      }))
      .sort((a, b) => b.overdue - a.overdue || a.unitName.localeCompare(b.unitName, 'ru'));
    return { units, totals: { ...countStates(openCases), ...countClosed(closedCases) } };
  });
}
