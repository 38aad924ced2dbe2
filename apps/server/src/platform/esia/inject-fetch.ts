import type { App } from '../http/fastify-types.js';
import type { FetchLike } from './client.js';

const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * A `fetch` answered by this same Fastify instance (`app.inject`): how the adapter reaches the
 * bundled emulator without a network, in demo mode and in tests. Only the path and query of the URL
 * count; the host is whatever ESIA_URL would have named.
 */
export function injectFetch(app: App): FetchLike {
  return async (url, init = {}) => {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const response = await app.inject({
      method: (init.method ?? 'GET') as 'GET' | 'POST',
      url: target.pathname + target.search,
      headers,
      ...(typeof init.body === 'string' ? { payload: init.body } : {}),
    });
    const responseHeaders = new Headers();
    for (const [key, value] of Object.entries(response.headers)) {
      if (value !== undefined)
        responseHeaders.set(key, Array.isArray(value) ? value.join(', ') : String(value));
    }
    return new Response(NO_BODY.has(response.statusCode) ? null : new Uint8Array(response.rawPayload), {
      status: response.statusCode,
      headers: responseHeaders,
    });
  };
}
