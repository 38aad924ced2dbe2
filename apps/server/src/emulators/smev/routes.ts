import { Socket } from 'node:net';
import type { FastifyReply } from 'fastify';
import type { App } from '../../platform/http/fastify-types.js';
import { AGENCIES, type Agency } from '../../platform/smev/kinds/types.js';
import { adminPage, ADMIN_PAGE_CSP } from './admin-page.js';
import { BEHAVIOUR_MODES, type BehaviourMode, type SmevEmulator } from './emulator.js';
import { DROP_HEADER } from './inject-fetch.js';

/** Where the emulator is mounted. */
export const SMEV_EMULATOR_PREFIX = '/smev-emulator';

/** Attachments make big bodies; SMEV's own limit for MTOM is 5 MB per message, this is generous. */
const BODY_LIMIT = 64 * 1024 * 1024;

// SMEV's protocol, faults included, is answered by hand: no zod schemas, and hidden from the OpenAPI.
const hidden = { hide: true } as const;
const access = { access: 'public' } as const;

/** `{ agency, mode, delaySeconds }` as the form or the JSON API sends it; null when not valid. */
function behaviourInput(
  body: unknown,
): { agency: Agency | 'all'; mode: BehaviourMode; delaySeconds?: number } | null {
  if (typeof body !== 'object' || body === null) return null;
  const { agency, mode, delaySeconds } = body as Record<string, unknown>;
  if (typeof agency !== 'string' || !(agency === 'all' || (AGENCIES as readonly string[]).includes(agency)))
    return null;
  if (typeof mode !== 'string' || !(BEHAVIOUR_MODES as readonly string[]).includes(mode)) return null;
  const delay = delaySeconds === undefined || delaySeconds === '' ? undefined : Number(delaySeconds);
  if (delay !== undefined && (!Number.isFinite(delay) || delay < 0 || delay > 86_400)) return null;
  return {
    agency: agency as Agency | 'all',
    mode: mode as BehaviourMode,
    ...(delay !== undefined ? { delaySeconds: delay } : {}),
  };
}

function badBehaviour(reply: FastifyReply) {
  return reply.status(400).send({
    message:
      'Укажите agency (fns, rosreestr, mvd, sfr или all), mode (normal, late, reject, fault, drop) и delaySeconds от 0 до 86400',
  });
}

export function smevEmulatorRoutes(emulator: SmevEmulator, prefix = SMEV_EMULATOR_PREFIX) {
  return async (scope: App): Promise<void> => {
    scope.addContentTypeParser(
      /^(text\/xml|application\/soap\+xml|application\/xop\+xml|multipart\/related)/i,
      { parseAs: 'buffer', bodyLimit: BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.post('/ws', {
      config: access,
      schema: hidden,
      bodyLimit: BODY_LIMIT,
      handler: async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const result = await emulator.handle(body, request.headers['content-type'] ?? '');
        if (result.drop) {
          const socket = request.raw.socket;
          if (socket instanceof Socket) {
            // The message is queued; the caller never hears so (a reset connection).
            reply.hijack();
            socket.destroy();
            return;
          }
          return reply.status(502).header(DROP_HEADER, '1').send('');
        }
        return reply.status(result.status).type(result.contentType).send(Buffer.from(result.body));
      },
    });

    const page = (reply: FastifyReply) =>
      reply
        .header('cache-control', 'no-store')
        .header('content-security-policy', ADMIN_PAGE_CSP)
        .type('text/html; charset=utf-8')
        .send(
          adminPage({
            prefix,
            behaviours: emulator.behaviours(),
            requests: emulator.sentRequests(),
            stateOf: (r) => emulator.stateOf(r),
          }),
        );

    scope.get('/', { config: access, schema: hidden, handler: (_request, reply) => page(reply) });

    scope.post('/', {
      config: access,
      schema: hidden,
      handler: async (request, reply) => {
        const input = behaviourInput(request.body);
        if (!input) return badBehaviour(reply);
        emulator.setBehaviour(input.agency, input);
        return reply.redirect(`${prefix}/`, 303);
      },
    });

    scope.get('/api/behaviour', {
      config: access,
      schema: hidden,
      handler: async () => emulator.behaviours(),
    });

    scope.put('/api/behaviour', {
      config: access,
      schema: hidden,
      handler: async (request, reply) => {
        const input = behaviourInput(request.body);
        if (!input) return badBehaviour(reply);
        emulator.setBehaviour(input.agency, input);
        return emulator.behaviours();
      },
    });
  };
}
