import type { SessionUser } from '@uslugi/contracts';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { json, renderRoutes as renderRoutesAt, staffSession } from '../../../test/render';

export interface Call {
  method: string;
  path: string;
  search: URLSearchParams;
  body: unknown;
  /** The request's headers (`x-csrf-token`, `Idempotency-Key`). */
  headers: Record<string, string>;
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
        headers: { ...(init?.headers as Record<string, string> | undefined) },
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
  return renderRoutesAt(path, routes, staffSession(user));
}
