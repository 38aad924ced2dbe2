import type { FastifyRequest, FastifySchema } from 'fastify';
import {
  APPLICANT_SESSION_COOKIE,
  resolveApplicantSession,
  type ApplicantAuthContext,
} from '../auth/applicant-sessions.js';
import { isAccess } from '../auth/permissions.js';
import { SESSION_COOKIE, resolveSession, type AuthContext } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import type { App, AppDeps } from './fastify-types.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RegisteredRoute {
  method: string;
  url: string;
  access: unknown;
  /** The route's schemas (zod): the test that walks every request schema reads them. */
  schema: FastifySchema | undefined;
}

/**
 * Rights by construction (STYLE item 9): every route must declare `config.access`; registering one
 * without it throws at start-up. The check runs for each request before its body is validated.
 */
export function installGuard(app: App, deps: AppDeps, registered: RegisteredRoute[]): void {
  app.decorateRequest('auth', undefined);
  app.decorateRequest('applicant', undefined);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) registered.push({ method, url: route.url, access, schema: route.schema });
    if (!isAccess(access)) {
      throw new Error(`Route ${methods.join(',')} ${route.url} declares no access (config.access)`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return; // 404 handler: no route matched
    if (!SAFE_METHODS.has(request.method)) checkOrigin(request);
    if (access === 'public') return;
    if (access === 'applicant') {
      // The portal: only the applicant's own cookie counts; a staff session is no applicant.
      const portalToken = request.cookies[APPLICANT_SESSION_COOKIE];
      if (!portalToken) throw new AppError('unauthenticated');
      const applicant = await resolveApplicantSession(
        deps.database,
        portalToken,
        deps.config.sessionIdleMinutes,
      );
      request.applicant = applicant;
      if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== applicant.csrfToken) {
        throw new AppError('csrf');
      }
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('unauthenticated');
    const auth = await resolveSession(deps.database, token, deps.config.sessionIdleMinutes);
    request.auth = auth;
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== auth.csrfToken) {
      throw new AppError('csrf');
    }
    if (access !== 'authenticated' && !auth.permissions.includes(access)) {
      throw new AppError('forbidden', `needs ${access}`);
    }
  });
}

/** A state-changing request from a page of another origin is refused (with SameSite cookies). */
function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('csrf', `bad origin ${origin}`);
  }
  if (host !== request.headers.host) throw new AppError('csrf', `cross-origin ${origin}`);
}

export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('unauthenticated');
  return request.auth;
}

export function requireApplicant(request: FastifyRequest): ApplicantAuthContext {
  if (!request.applicant) throw new AppError('unauthenticated');
  return request.applicant;
}
