import type { FastifyRequest } from 'fastify';
import { trimUserAgent, type Viewer } from '../journal/personal-data-views.js';
import { requireAuth } from './guard.js';

/**
 * The employee of a staff request as a viewer of personal data: who (id and ФИО, as the journal keeps
 * the actor), in which municipality, and from where — the client address as Fastify sees it under the
 * configured trustProxy, and the browser (152-ФЗ ст. 19; приказ ФСТЭК № 117: registering access).
 */
export function personalDataViewer(request: FastifyRequest): Viewer {
  const auth = requireAuth(request);
  return {
    municipalityId: auth.municipalityId,
    actor: { type: 'employee', id: auth.employeeId, name: auth.fullName },
    ip: request.ip,
    userAgent: trimUserAgent(request.headers['user-agent']),
  };
}
