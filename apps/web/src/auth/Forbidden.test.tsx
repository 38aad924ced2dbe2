import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { Session, SessionUser } from '@uslugi/contracts';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../lib/query-client';
import { OPERATOR } from '../test/render';
import { RequirePermission } from './RequirePermission';
import { SessionContext, type SessionContextValue } from './session-context';

function renderAt(path: string, user: SessionUser, page: React.ReactElement) {
  const session: Session = { user, csrfToken: 't' };
  const value: SessionContextValue = {
    state: { status: 'authenticated', session },
    user,
    signOut: () => Promise.resolve(null),
    reload: () => Promise.resolve(),
  };
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <SessionContext.Provider value={value}>
          <Routes>
            <Route path="*" element={page} />
          </Routes>
        </SessionContext.Provider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('Forbidden', () => {
  it('names the section, the roles that open it, and offers the way back to the user’s own area', () => {
    const head: SessionUser = { ...OPERATOR, roles: ['head'], permissions: ['arm.access', 'journal.read'] };
    renderAt(
      '/admin/employees',
      head,
      <RequirePermission permission={['employees.read', 'employees.manage']}>
        <p>Список сотрудников</p>
      </RequirePermission>,
    );
    expect(screen.getByRole('heading', { name: 'Недостаточно прав' })).toBeTruthy();
    const text = screen.getByTestId('forbidden').textContent ?? '';
    expect(text).toContain('Раздел «Сотрудники»');
    expect(text).toContain('Оператор системы');
    expect(text).toContain('Ваши роли: Руководитель подразделения');
    expect(screen.getByRole('link', { name: 'Вернуться на рабочее место' }).getAttribute('href')).toBe(
      '/arm',
    );
    expect(screen.queryByText('Список сотрудников')).toBeNull();
  });

  it('tells an operator without the «Документы» section where documents are signed', () => {
    renderAt(
      '/arm/documents',
      OPERATOR,
      <RequirePermission permission="arm.access">
        <p>АРМ</p>
      </RequirePermission>,
    );
    expect(screen.getByTestId('forbidden-signing').textContent).toMatch(/разделе «Документы»/);
    expect(screen.getByRole('link', { name: 'Вернуться в администрирование' }).getAttribute('href')).toBe(
      '/admin',
    );
  });
});
