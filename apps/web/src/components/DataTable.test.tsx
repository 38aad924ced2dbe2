import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DataTable } from './DataTable';

interface Row {
  id: string;
  name: string;
}

const columns = [
  { header: 'Наименование', cell: (row: Row) => row.name },
  { header: 'Действия', hiddenHeader: true, cell: () => null },
];

describe('DataTable', () => {
  it('says in Russian that there is nothing, across the whole row', () => {
    render(
      <DataTable
        caption="Подразделения"
        columns={columns}
        rows={[]}
        rowKey={(r) => r.id}
        empty="Ничего нет."
      />,
    );

    const table = screen.getByRole('table', { name: 'Подразделения' });
    const cell = screen.getByRole('cell', { name: 'Ничего нет.' });
    expect(table.contains(cell)).toBe(true);
    expect(cell.getAttribute('colspan')).toBe('2');
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Наименование',
      'Действия',
    ]);
  });

  it('lists the rows under the header', () => {
    render(
      <DataTable
        caption="Подразделения"
        columns={columns}
        rows={[{ id: '1', name: 'Отдел кадров' }]}
        rowKey={(r) => r.id}
        empty="Ничего нет."
      />,
    );
    expect(screen.getByRole('cell', { name: 'Отдел кадров' })).toBeTruthy();
    expect(screen.queryByText('Ничего нет.')).toBeNull();
  });
});
