import type { SessionUser } from '@uslugi/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { vi } from 'vitest';
import { SessionContext, type SessionContextValue } from '../../../auth/session-context';
import { createQueryClient } from '../../../lib/query-client';
import { json } from '../../../test/render';

export interface Call {
  method: string;
  path: string;
  search: URLSearchParams;
  body: unknown;
}

type Handler = (call: Call) => Response | undefined;

/** A faked `fetch` answering by method and path; every call is kept to be checked. */
export function fakeApi(handler: Handler): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://localhost');
      const call: Call = {
        method: init?.method ?? 'GET',
        path: url.pathname,
        search: url.searchParams,
        body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      };
      calls.push(call);
      if (call.path === '/api/v1/session') return Promise.resolve(json({ csrfToken: 'c' }));
      return Promise.resolve(
        handler(call) ?? json({ code: 'not_found', message: 'Не найдено', requestId: 'r' }, 404),
      );
    }),
  );
  return calls;
}

/** Renders pages under their routes with a signed-in employee. */
export function renderRoutes(user: SessionUser, path: string, routes: Record<string, ReactElement>) {
  const value: SessionContextValue = {
    state: { status: 'authenticated', session: { user, csrfToken: 'c' } },
    user,
    signOut: () => Promise.resolve(null),
    reload: () => Promise.resolve(),
  };
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <SessionContext.Provider value={value}>
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
