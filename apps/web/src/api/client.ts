import type { ErrorBody, Session } from '@uslugi/contracts';

/** One field's problem in an error answer: the request's JSON path and the Russian message. */
export type FieldError = NonNullable<ErrorBody['fields']>[number];

const SESSION_PATH = '/api/v1/session';

/** An error answered by the API (or a failure to reach it), with the server's Russian message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly fields: FieldError[];
  /** The whole error answer, for refusals that carry more (a publish's `problems`, an import's `units`). */
  readonly body: unknown;

  constructor(status: number, body: ErrorBody | null, fallbackMessage: string) {
    super(body?.message ?? fallbackMessage);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code ?? 'unknown';
    this.requestId = body?.requestId ?? null;
    this.fields = body?.fields ?? [];
    this.body = body;
  }
}

// The CSRF token lives only in memory: it is re-read from GET /session after every page load and
// replaced by the one a sign-in answers with.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedHandler = () => void;

let onUnauthorized: UnauthorizedHandler = () => {
  if (window.location.pathname !== '/sign-in') window.location.assign('/sign-in');
};

/** The app replaces the default full-page redirect with a router navigation. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** When false, a 401 is thrown to the caller instead of redirecting to the sign-in page. */
  redirectOnUnauthorized?: boolean;
  /** The CSRF token of another session kind (the applicant's portal session) instead of the staff one. */
  csrfToken?: string;
  /** A public call (e.g. /verify): sent without a CSRF token, so no staff session is asked for one. */
  anonymous?: boolean;
  /** Extra headers (`Idempotency-Key` of a case command). */
  headers?: Record<string, string>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isApiErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

async function ensureCsrfToken(): Promise<void> {
  if (csrfToken !== null) return;
  try {
    const response = await fetch(SESSION_PATH, { credentials: 'same-origin' });
    if (response.ok) {
      const body = (await readJson(response)) as Session | null;
      csrfToken = body?.csrfToken ?? null;
    }
  } catch {
    // No session yet (e.g. before sign-in): the request goes without a token.
  }
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (method !== 'GET' && options.csrfToken !== undefined) headers['x-csrf-token'] = options.csrfToken;
  else if (method !== 'GET' && !options.anonymous) {
    await ensureCsrfToken();
    if (csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(buildUrl(path, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null, 'Нет связи с сервером. Проверьте подключение и повторите попытку.');
  }
}

/**
 * The staff session's CSRF token for a request not sent through `request` (a file upload by
 * XMLHttpRequest, which reports progress): read from GET /session when not known yet.
 */
export async function staffCsrfToken(): Promise<string | null> {
  await ensureCsrfToken();
  return csrfToken;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options);
  let payload = await readJson(response);

  // A stale token (e.g. the session was renewed in another tab): fetch a fresh one and retry once.
  if (
    response.status === 403 &&
    method !== 'GET' &&
    options.csrfToken === undefined &&
    isApiErrorBody(payload) &&
    /csrf/i.test(payload.code)
  ) {
    csrfToken = null;
    response = await send(method, path, options);
    payload = await readJson(response);
  }

  if (response.ok) return payload as T;

  if (response.status === 401) {
    csrfToken = null;
    if (options.redirectOnUnauthorized !== false) onUnauthorized();
  }
  const fallback =
    response.status >= 500
      ? 'Сервер временно недоступен. Повторите попытку позже.'
      : 'Запрос не выполнен. Повторите попытку.';
  throw new ApiError(response.status, isApiErrorBody(payload) ? payload : null, fallback);
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
