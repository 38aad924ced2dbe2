import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { installRussianErrors } from '@uslugi/contracts';
import { calendarRoutes } from './modules/calendar/routes.js';
import { documentRoutes } from './modules/documents/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { portalRoutes } from './modules/applicants/routes.js';
import { orgRoutes } from './modules/org/routes.js';
import { signInRoutes } from './modules/sign-in/routes.js';
import { authRoutes } from './platform/auth/routes.js';
import { installEsia, type EsiaRuntime } from './platform/esia/install.js';
import { AppError } from './platform/errors.js';
import { localFileStore } from './platform/files/file-store.js';
import { errorHandler } from './platform/http/error-handler.js';
import type { App, AppDeps } from './platform/http/fastify-types.js';
import { installGuard, type RegisteredRoute } from './platform/http/guard.js';
import { securityHeaders } from './platform/http/security-headers.js';
import { healthRoutes } from './platform/http/health.js';
import { installWebApp } from './platform/http/static.js';
import { journalRoutes } from './platform/journal/routes.js';
import { Pki } from './platform/pki/installation.js';
import { pkiPublicRoutes } from './platform/pki/public-routes.js';
import { pkiRoutes } from './platform/pki/routes.js';

installRussianErrors();

export interface BuiltApp {
  app: App;
  /** Every route with what it declared; the route walk test reads this. */
  routes: RegisteredRoute[];
  /** The ESIA adapter and the bundled emulator (tests forge tokens with its key). */
  esia: EsiaRuntime;
}

/** Fastify's typing has no hop count: N hops is "the N nearest addresses are proxies". */
function trustProxyOption(value: false | number | string[]) {
  return typeof value === 'number' ? (_address: string, hop: number) => hop < value : value;
}

export async function buildApp(deps: AppDeps & { logger: Logger }): Promise<BuiltApp> {
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const headers = securityHeaders(deps.config);
  const app = Fastify({
    loggerInstance,
    // A caller's x-request-id (a proxy's) is kept only when it looks like an id: free text from a
    // client would otherwise be written into every log line of the request.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxyOption(deps.config.trustProxy),
    // A malformed URL (`/%zz`, not UTF-8) or a path parameter past the router's limit is refused before
    // routing: no hook runs, so it gets the security headers here and the one error format (in Russian,
    // with the request id) from the error handler; without this Fastify answers in its own shape and in English.
    frameworkErrors: (error, request, reply) => {
      headers.apply(request, reply);
      void reply.header('x-request-id', request.id);
      void errorHandler(error, request, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request) => {
    throw new AppError('route_not_found', `${request.method} ${request.url}`);
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  const routes: RegisteredRoute[] = [];
  // First of the request hooks, so a refusal by the guard or a rate limit carries the headers too.
  await headers.register(app);
  await app.register(fastifyCookie);
  // Limits only the routes that ask for one (config.rateLimit), e.g. the public signature check.
  await app.register(fastifyRateLimit, { global: false });
  installGuard(app, deps, routes);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Система управления муниципальными услугами — API',
        version: '1',
        description:
          'Все ответы об ошибках: { code, message, requestId, fields? }. Сообщения — на русском языке.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'uslugi_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });

  app.get('/api/openapi.json', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: () => app.swagger(),
  });
  healthRoutes(app, deps);
  const esia = await installEsia(app, deps);
  authRoutes(app, deps, esia);
  signInRoutes(app, deps, esia);
  portalRoutes(app, deps, esia);
  orgRoutes(app, deps);
  calendarRoutes(app, deps);
  notificationRoutes(app, deps);
  const signing = {
    ...deps,
    pki: deps.pki ?? new Pki({ database: deps.database, config: deps.config }),
    files: deps.files ?? localFileStore(deps.config.filesDir),
  };
  journalRoutes(app, signing);
  pkiRoutes(app, signing);
  pkiPublicRoutes(app, signing);
  documentRoutes(app, signing);
  await installWebApp(app, deps.config.webDistDir);
  return { app, routes, esia };
}
