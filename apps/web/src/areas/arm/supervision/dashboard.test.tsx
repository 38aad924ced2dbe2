import type { HeadDashboard } from '@uslugi/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/render';
import { fakeApi, renderRoutes } from '../applications/test-render';
import { OVERDUE } from '../cases/fixtures';
import { HeadDashboardPage } from './HeadDashboardPage';

const HEAD = {
  id: 'h1',
  fullName: 'Ахметов Рустем Ильдарович',
  municipality: { id: 'm1', name: 'Исполнительный комитет г. Казани' },
  orgUnitName: 'Управление архитектуры',
  positionName: 'Начальник отдела',
  roles: ['head' as const],
  permissions: ['arm.access' as const, 'cases.read' as const, 'cases.supervise' as const],
};

const DASHBOARD: HeadDashboard = {
  unit: { id: 'u1', name: 'Управление архитектуры' },
  totals: { open: 9, unassigned: 2, dueSoon: 3, overdue: 1, closedLast30Days: 8, closedOnTimeLast30Days: 6 },
  stageTerms: [
    { serviceName: 'ГПЗУ', stageKey: 'review', stageName: 'Рассмотрение', open: 5, dueSoon: 2, overdue: 1 },
  ],
  overdueCases: [OVERDUE],
  load: [
    {
      employeeId: 'e1',
      name: 'Галиева Алсу Ренатовна',
      open: 5,
      dueSoon: 2,
      overdue: 1,
      closedLast30Days: 4,
    },
    { employeeId: 'e2', name: 'Зарипов Марат Ильич', open: 2, dueSoon: 1, overdue: 0, closedLast30Days: 4 },
  ],
  lateEntries: [],
  violationsByDay: [
    { date: '2026-03-10', count: 1 },
    { date: '2026-03-11', count: 3 },
  ],
};

describe('the head’s dashboard (004 items 10, 11)', () => {
  it('shows the totals, the overdue cases and each chart’s figures in a table', async () => {
    fakeApi((call) => (call.path === '/api/v1/arm/dashboard' ? json(DASHBOARD) : undefined));
    renderRoutes(HEAD, '/arm/dashboard', { '/arm/dashboard': <HeadDashboardPage /> });
    const totals = await screen.findByTestId('dashboard-totals');
    expect(totals.textContent).toContain('9В работе');
    expect(totals.textContent).toContain('75 %Из них в срок');
    expect(screen.getByTestId('overdue-cases').textContent).toContain('срок истёк 2 рабочих дня назад');
    const load = within(screen.getByTestId('load-chart')).getByRole('table');
    expect(
      within(load)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual([
      'СотрудникВ работеСрок истекаетПросроченоЗавершено за 30 дней',
      'Галиева Алсу Ренатовна5214',
      'Зарипов Марат Ильич2104',
    ]);
    const violations = within(screen.getByTestId('violations-chart')).getByRole('table');
    expect(within(violations).getAllByRole('row').at(-1)?.textContent).toBe('11.03.20263');
  });
});
