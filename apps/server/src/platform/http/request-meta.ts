import type { FastifyRequest } from 'fastify';

/** Where a request came from, as the journal records it: the client address and browser. */
export function requestMeta(request: FastifyRequest) {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}
