import type { JournalEntry } from '@uslugi/contracts';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { JournalTable } from './JournalTable';

const UNIT = '7b0c3f0e-7d1e-4a8e-9f62-0b9a8d7c6e51';
const EMPLOYEE = '717a5e4e-2f4b-4c1a-8d3e-5f6a7b8c9d0e';

function entry(overrides: Partial<JournalEntry>): JournalEntry {
  return {
    id: '42',
    recordedAt: '2026-05-27T09:15:00.000Z',
    actorId: null,
    actorName: 'Хасанова Гульнара Ринатовна',
    action: 'employee.updated',
    actionTitle: 'Изменение данных сотрудника',
    objectType: 'employee',
    objectTypeTitle: 'Сотрудник',
    objectId: EMPLOYEE,
    objectName: 'Петрова Анна Павловна',
    payload: {},
    references: {},
    hash: 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778',
    stream: `employee:${EMPLOYEE}`,
    seq: 2,
    ...overrides,
  };
}

describe('JournalTable', () => {
  it('names the object, shows a change as «before → after» in Russian and keeps ids behind a closed disclosure', async () => {
    render(
      <JournalTable
        entries={[
          entry({
            payload: {
              before: { lastName: 'Сидорова', orgUnitId: null },
              after: { lastName: 'Петрова', orgUnitId: UNIT },
            },
            references: { [UNIT]: 'Управление делами' },
          }),
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Записи журнала' });
    expect(within(table).queryByRole('columnheader', { name: 'Хеш' })).toBeNull();
    const row = within(table).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('Петрова Анна Павловна');
    const disclosure = within(row).getByText('Технические сведения').closest('details')!;
    const visible = row.textContent.replace(disclosure.textContent, '');
    expect(visible).not.toContain('717a5e4e');

    const lastName = within(row).getByText('Фамилия').closest('div')!;
    expect(lastName.textContent).toBe('ФамилияСидорова → Петрова');
    const unit = within(row).getByText('Подразделение').closest('div')!;
    expect(unit.textContent).toBe('Подразделение— → Управление делами');

    expect(disclosure.open).toBe(false);
    await userEvent.click(within(row).getByText('Технические сведения'));
    expect(disclosure.open).toBe(true);
    expect(disclosure.textContent).toContain(EMPLOYEE);
    expect(disclosure.textContent).toContain('Хеш записи');
  });

  it('shows roles by their titles and a session by browser, never raw JSON', () => {
    render(
      <JournalTable
        entries={[
          entry({
            id: '43',
            action: 'employee.roles_assigned',
            actionTitle: 'Назначение ролей',
            payload: { before: ['employee'], after: ['employee', 'head'] },
          }),
          entry({
            id: '44',
            action: 'session.signed_in',
            actionTitle: 'Вход в систему',
            objectType: 'session',
            objectTypeTitle: 'Сеанс',
            payload: {
              ip: '127.0.0.1',
              via: 'esia',
              userAgent:
                'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
            },
          }),
        ]}
      />,
    );
    const roles = screen.getByText('Роли').closest('div')!;
    expect(roles.textContent).toBe('РолиСотрудник → Сотрудник, Руководитель подразделения');
    expect(screen.getByText('Chrome 156, Windows')).toBeTruthy();
    expect(screen.getByText('через Госуслуги')).toBeTruthy();
    expect(document.body.textContent).not.toContain('{"');
  });
});
