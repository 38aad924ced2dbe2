import type { Session, SessionUser } from '@uslugi/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { SessionContext, type SessionContextValue } from '../auth/session-context';
import { createQueryClient } from '../lib/query-client';

/** An operator of Казань with the rights the administration's pages ask for. */
export const OPERATOR: SessionUser = {
  id: '00000000-0000-4000-8000-000000000001',
  fullName: 'Хасанова Гульнара Ринатовна',
  municipality: { id: '00000000-0000-4000-8000-0000000000aa', name: 'Исполнительный комитет г. Казани' },
  orgUnitName: null,
  positionName: null,
  roles: ['operator'],
  permissions: ['admin.access', 'employees.read', 'employees.manage', 'roles.assign', 'org.read'],
};

/** Renders a page as the app does: its own query cache, a router, a signed-in session. */
export function renderPage(page: ReactElement, user: SessionUser = OPERATOR) {
  const session: Session = { user, csrfToken: 'test-csrf' };
  const value: SessionContextValue = {
    state: { status: 'authenticated', session },
    user,
    signOut: () => Promise.resolve(null),
    reload: () => Promise.resolve(),
  };
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter>
        <SessionContext.Provider value={value}>{page}</SessionContext.Provider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
