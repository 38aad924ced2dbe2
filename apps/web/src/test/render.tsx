import type { ApplicantSession, Session, SessionUser } from '@uslugi/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
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

/** A signed-in employee's session, as the staff pages see it. */
export function staffSession(user: SessionUser = OPERATOR): SessionContextValue {
  const session: Session = { user, csrfToken: 'test-csrf' };
  return {
    state: { status: 'authenticated', session },
    user,
    signOut: () => Promise.resolve(null),
    reload: () => Promise.resolve(),
  };
}

/** The portal's view: no staff session; the applicant's own session, or none for a visitor. */
export function portalSession(applicant: ApplicantSession | null): SessionContextValue {
  return {
    state: { status: 'anonymous', signedOut: false },
    user: null,
    applicant,
    signOut: () => Promise.resolve(null),
    reload: () => Promise.resolve(),
  };
}

/** Renders a page as the app does: its own query cache, a router, a signed-in session. */
export function renderPage(page: ReactElement, user: SessionUser = OPERATOR) {
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter>
        <SessionContext.Provider value={staffSession(user)}>{page}</SessionContext.Provider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

/** Renders pages under their routes (`{ '/arm/applicants/:id': <Page /> }`) at `path`, with a session. */
export function renderRoutes(
  path: string,
  routes: Record<string, ReactElement>,
  session: SessionContextValue = staffSession(),
) {
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <SessionContext.Provider value={session}>
          <Routes>
            {Object.entries(routes).map(([at, element]) => (
              <Route key={at} path={at} element={element} />
            ))}
          </Routes>
        </SessionContext.Provider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
