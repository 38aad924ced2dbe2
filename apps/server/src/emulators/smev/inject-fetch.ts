import type { App } from '../../platform/http/fastify-types.js';
import type { SmevFetch } from '../../platform/smev/types.js';

/** How the route tells app.inject (which has no socket to destroy) that the connection was dropped. */
export const DROP_HEADER = 'x-smev-emulator-dropped';

/**
 * A SmevFetch answered by this same Fastify instance (`app.inject`), for the demo and the tests.
 * The emulator's `drop` behaviour becomes what undici's fetch throws on a reset connection:
 * `TypeError('fetch failed')`.
 */
export function smevInjectFetch(app: App): SmevFetch {
  return async (url, init) => {
    const target = new URL(url);
    const response = await app.inject({
      method: init.method,
      url: target.pathname + target.search,
      headers: init.headers,
      payload: Buffer.from(init.body),
    });
    if (response.headers[DROP_HEADER]) {
      throw new TypeError('fetch failed', { cause: new Error('other side closed (SMEV emulator: drop)') });
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : String(value));
    }
    return new Response(new Uint8Array(response.rawPayload), { status: response.statusCode, headers });
  };
}
