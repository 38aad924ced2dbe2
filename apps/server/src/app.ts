import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
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
import type { EsiaEmulator } from './emulators/esia/emulator.js';
import { mountEsiaEmulator } from './emulators/esia/mount.js';
import type { SmevEmulator } from './emulators/smev/emulator.js';
import { smevInjectFetch } from './emulators/smev/inject-fetch.js';
import { mountSmevEmulator } from './emulators/smev/mount.js';
import { installSmev, type BundledSmev, type SmevRuntime } from './platform/smev/install.js';
import { MODULES } from './modules/index.js';
import { sessionResolvers } from './modules/sessions/index.js';
import { systemClock } from './platform/clock.js';
import { installEsia, type EsiaRuntime } from './platform/esia/install.js';
import { AppError } from './platform/errors.js';
import { localFileStore } from './platform/files/file-store.js';
import { MULTIPART_OPTIONS } from './platform/files/receive-upload.js';
import { errorHandler } from './platform/http/error-handler.js';
import type { App, AppDeps } from './platform/http/fastify-types.js';
import { installIdempotency } from './platform/idempotency.js';
import { installGuard, type RegisteredRoute } from './platform/http/guard.js';
import { securityHeaders } from './platform/http/security-headers.js';
import { healthRoutes } from './platform/http/health.js';
import { installWebApp } from './platform/http/static.js';
import { JournalTitles } from './platform/journal/titles.js';
import type { ModuleContext } from './platform/module.js';
import { Pki } from './platform/pki/installation.js';

installRussianErrors();

export interface BuiltApp {
  app: App;
  /** Every route with what it declared; the route walk test reads this. */
  routes: RegisteredRoute[];
  /** The ESIA adapter and the bundled emulator (tests forge tokens with its key). */
  esia: EsiaRuntime & { emulator: EsiaEmulator | null };
  /** The SMEV adapter and the bundled emulator (tests tell its providers how to answer). */
  smev: SmevRuntime & { emulator: SmevEmulator | null };
  /** What the modules were given: main.ts starts their jobs with it. */
  context: ModuleContext;
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
  // multipart/form-data is parsed only when a route reads it (file intake): streamed, never buffered.
  await app.register(fastifyMultipart, MULTIPART_OPTIONS);
  // Limits only the routes that ask for one (config.rateLimit), e.g. the public signature check.
  await app.register(fastifyRateLimit, { global: false });
  installGuard(app, deps, routes, sessionResolvers(deps.database));
  installIdempotency(app);
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
  const pki = deps.pki ?? new Pki({ database: deps.database, config: deps.config });
  const clock = deps.clock ?? systemClock;
  // The bundled ESIA emulator is an emulator, not the platform's: mounted here, described to the adapter.
  const mounted = deps.config.esia.emulator
    ? await mountEsiaEmulator(app, { provider: pki.provider, clock })
    : null;
  const esia = await installEsia(app, deps, mounted?.bundled ?? null);
  // The bundled SMEV emulator likewise (demo mode, tests, SMEV_EMULATOR=1), with its provider agencies.
  const smevSettings = deps.config.smev;
  const smevMounted = smevSettings.emulator
    ? await mountSmevEmulator(app, {
        provider: pki.provider,
        clock,
        delaySeconds: smevSettings.emulatorDelaySeconds,
      })
    : null;
  const smevBundled: BundledSmev | null = smevMounted
    ? {
        prefix: smevMounted.prefix,
        smevCertificate: smevMounted.emulator.smevCertificate,
        fetch: smevInjectFetch(app),
        registerClient: (input) => smevMounted.emulator.registerClient(input),
      }
    : null;
  const smev = await installSmev({
    settings: smevSettings,
    provider: pki.provider,
    bundled: smevBundled,
    now: clock,
    ...(deps.smevFetch && smevBundled ? { fetch: deps.smevFetch(smevBundled.fetch) } : {}),
  });
  const context: ModuleContext = {
    config: deps.config,
    database: deps.database,
    clock,
    pki,
    files: deps.files ?? localFileStore(deps.config.filesDir),
    esia,
    smev,
    logger: deps.logger,
    journalTitles: new JournalTitles(MODULES.map((m) => m.journalTitles)),
  };
  for (const module of MODULES) module.routes?.(app, context);
  await installWebApp(app, deps.config.webDistDir);
  return {
    app,
    routes,
    esia: { ...esia, emulator: mounted?.emulator ?? null },
    smev: { ...smev, emulator: smevMounted?.emulator ?? null },
    context,
  };
}
