import type { FastifyRequest, FastifySchema } from 'fastify';
import {
  APPLICANT_SESSION_COOKIE,
  SESSION_COOKIE,
  type ApplicantAuthContext,
  type AuthContext,
  type SessionResolvers,
} from '../auth/context.js';
import { grants, isAccess } from '../auth/permissions.js';
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
 * Rights by construction: every route must declare `config.access`; registering one
 * without it throws at start-up. The check runs for each request before its body is validated. Who
 * a cookie belongs to is the sessions' business: `sessions` resolves it (given by app.ts).
 */
export function installGuard(
  app: App,
  deps: AppDeps,
  registered: RegisteredRoute[],
  sessions: SessionResolvers,
): void {
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

  const publicOrigin = new URL(deps.config.publicUrl).origin;
  const limits = { idleMinutes: deps.config.sessionIdleMinutes, maxHours: deps.config.sessionMaxHours };
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return; // 404 handler: no route matched
    if (!SAFE_METHODS.has(request.method)) checkOrigin(request, publicOrigin);
    if (access === 'public') return;
    if (access === 'applicant') {
      // The portal: only the applicant's own cookie counts; a staff session is no applicant.
      const portalToken = request.cookies[APPLICANT_SESSION_COOKIE];
      if (!portalToken) throw new AppError('unauthenticated');
      const applicant = await sessions.resolveApplicantSession(portalToken, limits);
      request.applicant = applicant;
      if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== applicant.csrfToken) {
        throw new AppError('csrf');
      }
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('unauthenticated');
    const auth = await sessions.resolveStaffSession(token, limits);
    request.auth = auth;
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== auth.csrfToken) {
      throw new AppError('csrf');
    }
    if (access !== 'authenticated' && !grants(access, auth.permissions)) {
      throw new AppError('forbidden', `needs ${String(access)}`);
    }
  });
}

/**
 * A state-changing request from a page of another origin is refused (with SameSite cookies). The
 * browser's Origin is compared with PUBLIC_URL's origin (scheme, host, port), never with the Host
 * header: a reverse proxy rewrites Host to the upstream's address (nginx does by default), and then
 * every POST of a real browser would be refused while a page served at the internal address passed.
 * A request without Origin (not a browser, or an old one) still needs the session's CSRF token.
 */
function checkOrigin(request: FastifyRequest, publicOrigin: string): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let given: string;
  try {
    given = new URL(origin).origin;
  } catch {
    throw new AppError('csrf', `bad origin ${origin}`);
  }
  if (given !== publicOrigin) {
    throw new AppError('csrf', `cross-origin ${origin}; PUBLIC_URL is ${publicOrigin}`);
  }
}

export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('unauthenticated');
  return request.auth;
}

export function requireApplicant(request: FastifyRequest): ApplicantAuthContext {
  if (!request.applicant) throw new AppError('unauthenticated');
  return request.applicant;
}
