import type { Employee } from '@uslugi/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, OPERATOR, renderPage } from '../../../test/render';
import { EmployeesPage } from './EmployeesPage';

const GALIEVA: Employee = {
  id: '00000000-0000-4000-8000-000000000002',
  lastName: 'Галиева',
  firstName: 'Алсу',
  middleName: 'Фаритовна',
  fullName: 'Галиева Алсу Фаритовна',
  snils: '112-233-445 95',
  email: 'a.galieva@demo.kzn.local',
  orgUnitId: null,
  orgUnitName: null,
  positionId: null,
  positionName: null,
  roles: ['employee'],
  blocked: false,
  blockedReason: null,
  esiaBound: false,
  pendingSnilsChange: null,
};

/** The API as the page sees it: the employees list, then the created employee in it. */
function fakeApi() {
  const employees: Employee[] = [GALIEVA];
  const posted: unknown[] = [];
  const fetch = vi.fn((input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    const method = init?.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/api/v1/employees') return Promise.resolve(json(employees));
    if (method === 'GET' && url.pathname === '/api/v1/org-units') return Promise.resolve(json([]));
    if (method === 'GET' && url.pathname === '/api/v1/positions') return Promise.resolve(json([]));
    if (method === 'GET' && url.pathname === '/api/v1/session')
      return Promise.resolve(json({ csrfToken: 't' }));
    if (method === 'POST' && url.pathname === '/api/v1/employees') {
      const body = JSON.parse(init?.body as string) as { lastName: string; firstName: string };
      posted.push(body);
      const created: Employee = {
        ...GALIEVA,
        ...body,
        id: '00000000-0000-4000-8000-000000000003',
        fullName: `${body.lastName} ${body.firstName}`,
        middleName: null,
      };
      employees.push(created);
      return Promise.resolve(json(created, 201));
    }
    return Promise.resolve(
      json({ code: 'route_not_found', message: 'Нет такого адреса', requestId: 'x' }, 404),
    );
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, posted };
}

describe('EmployeesPage', () => {
  it('lists the employees, then adds one through the form and shows it in the list', async () => {
    const { posted } = fakeApi();
    renderPage(<EmployeesPage />);

    const table = await screen.findByTestId('employees-table');
    expect(await within(table).findByText('Галиева Алсу Фаритовна')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: /Добавить сотрудника/ }));
    const form = screen.getByTestId('employee-form');
    // Every role of a municipality is offered, the auditor (internal control) too.
    expect(
      within(form).getByRole<HTMLInputElement>('checkbox', { name: 'Аудитор (внутренний контроль)' })
        .disabled,
    ).toBe(false);
    await userEvent.type(within(form).getByLabelText('Фамилия'), 'Смирнова');
    await userEvent.type(within(form).getByLabelText('Имя'), 'Дина');
    await userEvent.type(within(form).getByLabelText('СНИЛС'), '987-654-321 84');
    await userEvent.type(within(form).getByLabelText('Электронная почта'), 'd.smirnova@demo.kzn.local');
    await userEvent.click(screen.getByTestId('employee-submit'));

    // The СНИЛС check digits are checked in the browser, with the server's words; nothing is sent.
    expect(await within(form).findByText('СНИЛС: Неверное контрольное число')).toBeTruthy();
    expect(posted).toHaveLength(0);

    const snils = within(form).getByLabelText('СНИЛС');
    await userEvent.clear(snils);
    await userEvent.type(snils, '987-654-321 83');
    await userEvent.click(screen.getByTestId('employee-submit'));

    expect(await screen.findByText('Сотрудник Смирнова Дина добавлен.')).toBeTruthy();
    expect(await within(screen.getByTestId('employees-table')).findByText('Смирнова Дина')).toBeTruthy();
    expect(posted).toEqual([
      {
        lastName: 'Смирнова',
        firstName: 'Дина',
        snils: '987-654-321 83',
        email: 'd.smirnova@demo.kzn.local',
        roles: ['employee'],
      },
    ]);
  });

  it('offers no «Заблокировать» on the operator’s own row, and stops the СНИЛС input at its length', async () => {
    fakeApi();
    const self: Employee = { ...GALIEVA, id: OPERATOR.id, fullName: OPERATOR.fullName };
    vi.stubGlobal(
      'fetch',
      vi.fn((input: string) => {
        const url = new URL(input, 'http://localhost');
        if (url.pathname === '/api/v1/employees') return Promise.resolve(json([GALIEVA, self]));
        return Promise.resolve(json([]));
      }),
    );
    renderPage(<EmployeesPage />);
    const table = await screen.findByTestId('employees-table');
    expect(await within(table).findByText(OPERATOR.fullName)).toBeTruthy();
    expect(within(table).getByRole('button', { name: `Заблокировать: ${GALIEVA.fullName}` })).toBeTruthy();
    expect(within(table).queryByRole('button', { name: `Заблокировать: ${OPERATOR.fullName}` })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: /Добавить сотрудника/ }));
    const form = screen.getByTestId('employee-form');
    expect(within(form).getByLabelText<HTMLInputElement>('СНИЛС').maxLength).toBe(14);
    expect(within(form).getByLabelText<HTMLInputElement>('Фамилия').maxLength).toBe(100);
  });
});
