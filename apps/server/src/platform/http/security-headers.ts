import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../../config.js';
import type { App } from './fastify-types.js';

/**
 * The policy of the web app, fitted to Vite's build: one module script and one stylesheet from our
 * own origin, nothing inline (React sets styles through the DOM, which a policy does not restrict), API
 * calls to our own origin, the favicon a `data:` URL. No 'unsafe-inline', no 'unsafe-eval'. A page that
 * needs something else (the ESIA emulator's server-rendered page) sets its own header.
 */
export const WEB_APP_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

function helmetOptions(config: Pick<Config, 'publicUrl'>): FastifyHelmetOptions {
  const https = new URL(config.publicUrl).protocol === 'https:';
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: https ? { ...WEB_APP_CSP, upgradeInsecureRequests: [] } : WEB_APP_CSP,
    },
    // A year, this host only: its subdomains may be other systems of the municipality.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    // Not 'no-referrer': with it browsers send `Origin: null` on every POST, even to the same origin
    // (Fetch standard, "append a request Origin header"), and the origin check would refuse them all.
    // 'same-origin' keeps our own requests' Origin and gives ESIA and other sites no Referer.
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
  };
}

/**
 * Security headers on every response (registered before the guard, so refusals, 404s and rate limits
 * carry them too): Content-Security-Policy, X-Frame-Options DENY, X-Content-Type-Options nosniff,
 * Referrer-Policy, and HSTS only when the system is served over https (PUBLIC_URL), since a browser
 * that saw it on a plain http address would refuse that address afterwards. `apply` sets them on a
 * reply that no hook sees (Fastify's `frameworkErrors`: a malformed URL is refused before routing).
 */
export function securityHeaders(config: Pick<Config, 'publicUrl'>) {
  const options = helmetOptions(config);
  // The same options: the plugin's copy of helmet's types and ours (ESM) are one declaration twice.
  const middleware = helmet(options as HelmetOptions);
  return {
    register: (app: App) => app.register(fastifyHelmet, options),
    apply: (request: FastifyRequest, reply: FastifyReply) => middleware(request.raw, reply.raw, () => {}),
  };
}
