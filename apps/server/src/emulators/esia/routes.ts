import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../platform/http/fastify-types.js';
import { ESIA_PATHS } from '../../platform/esia/protocol.js';
import { authorize, errorRedirect, exchangeToken, reader, type RawParams } from './authorize.js';
import { RestRefusal, type EsiaEmulator } from './emulator.js';
import { EmulatorRefusal } from './esia-errors.js';
import { errorPage, loginPage, PAGE_CSP } from './login-page.js';
import { EMULATOR_PERSONS, findOrganization, findPerson } from './persons.js';
import {
  collectionElement,
  collectionResource,
  organizationResource,
  personResource,
  type CollectionName,
} from './resources.js';

/** Where the emulator is mounted; beneath it, ESIA's own paths. */
export const EMULATOR_PREFIX = '/esia-emulator';

// The emulator speaks ESIA's protocol, errors included, so its parameters are read by hand (a zod
// refusal would answer in the product's format) and its routes stay out of the product's OpenAPI.
const Params = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const hidden = { hide: true } as const;
const access = { access: 'public' } as const;

function html(reply: FastifyReply, status: number, body: string) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('content-security-policy', PAGE_CSP)
    .type('text/html; charset=utf-8')
    .send(body);
}

function parseForm(body: string): RawParams {
  const out: RawParams = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const previous = out[key];
    out[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return out;
}

const COLLECTIONS = new Set<CollectionName>(['ctts', 'addrs', 'docs', 'roles']);

async function subjectOf(emulator: EsiaEmulator, request: FastifyRequest, oid: string) {
  const bearer = await emulator.bearer(request.headers.authorization);
  // Person data only for the token's own subject.
  if (bearer.oid !== oid)
    throw new RestRefusal(403, 'ESIA-007019', 'Доступ к данным другого пользователя запрещён');
  const person = findPerson(oid);
  if (!person) throw new RestRefusal(404, 'ESIA-005015', 'Пользователь не найден');
  const scopes = new Set(bearer.scopes.filter((s) => s.oid === oid).map((s) => s.name));
  return { person, scopes, bearer };
}

async function rest(reply: FastifyReply, work: () => Promise<Record<string, unknown> | null | undefined>) {
  try {
    const body = await work();
    if (body === null) throw new RestRefusal(403, 'ESIA-007019', 'Отсутствует разрешение на доступ');
    if (body === undefined) throw new RestRefusal(404, 'ESIA-005015', 'Объект не найден');
    return reply.header('cache-control', 'no-store').send(body);
  } catch (error) {
    if (!(error instanceof RestRefusal)) throw error;
    return reply.status(error.status).send({ code: error.code, message: error.text });
  }
}

export function esiaEmulatorRoutes(emulator: EsiaEmulator) {
  return async (scope: App): Promise<void> => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => done(null, parseForm(String(body))),
    );

    scope.get(ESIA_PATHS.authorize, {
      config: access,
      schema: { ...hidden, querystring: Params },
      handler: async (request, reply) => {
        const outcome = await authorize(emulator, request.query);
        switch (outcome.kind) {
          case 'sign-in':
            return reply.redirect(`${EMULATOR_PREFIX}/login?request=${outcome.pending.id}`);
          case 'redirect':
            return reply.redirect(outcome.url);
          case 'page':
            return html(reply, 400, errorPage('Запрос на вход отклонён', outcome.refusal.description));
        }
      },
    });

    scope.get('/login', {
      config: access,
      schema: { ...hidden, querystring: Params },
      handler: async (request, reply) => {
        const id = request.query.request;
        const pending = typeof id === 'string' ? emulator.authorization(id) : undefined;
        if (!pending)
          return html(
            reply,
            400,
            errorPage('Срок действия запроса истёк', 'Вернитесь в систему и начните вход заново.'),
          );
        return html(reply, 200, loginPage(pending, EMULATOR_PERSONS));
      },
    });

    scope.post('/login', {
      config: access,
      schema: { ...hidden, body: Params },
      handler: async (request, reply) => {
        const p = reader(request.body);
        const id = p.optional('request');
        const pending = id ? emulator.authorization(id) : undefined;
        if (!pending)
          return html(
            reply,
            400,
            errorPage('Срок действия запроса истёк', 'Вернитесь в систему и начните вход заново.'),
          );
        if (p.optional('cancel')) {
          emulator.dropAuthorization(pending.id);
          return reply.redirect(
            errorRedirect(pending.redirectUri, new EmulatorRefusal('ESIA-007004'), pending.state),
          );
        }
        const person = findPerson(p.optional('person') ?? '');
        const orgOid = p.optional('organization') ?? null;
        if (!person || (orgOid && !person.organizations.some((o) => o.oid === orgOid))) {
          return html(
            reply,
            400,
            errorPage('Учётная запись не найдена', 'Выберите учётную запись из списка.'),
          );
        }
        const code = emulator.issueCode(pending, person.oid, pending.scopeOrg.trim() ? orgOid : null);
        const url = new URL(pending.redirectUri);
        url.searchParams.set('code', code);
        url.searchParams.set('state', pending.state);
        return reply.redirect(url.toString());
      },
    });

    scope.post(ESIA_PATHS.token, {
      config: access,
      schema: { ...hidden, body: Params },
      handler: async (request, reply) => {
        try {
          return reply.header('cache-control', 'no-store').send(await exchangeToken(emulator, request.body));
        } catch (error) {
          if (!(error instanceof EmulatorRefusal)) throw error;
          const state = request.body.state;
          return reply.status(400).send({
            error: error.error,
            error_description: error.description,
            ...(typeof state === 'string' ? { state } : {}),
          });
        }
      },
    });

    scope.get(ESIA_PATHS.logout, {
      config: access,
      schema: { ...hidden, querystring: Params },
      handler: async (request, reply) => {
        const { client_id: clientId, redirect_url: redirectUrl } = request.query;
        let target: string | null = null;
        try {
          const client = typeof clientId === 'string' ? emulator.client(clientId) : null;
          if (client && typeof redirectUrl === 'string' && client.allowsLogoutRedirect(redirectUrl))
            target = redirectUrl;
        } catch {
          target = null;
        }
        if (!target)
          return html(
            reply,
            400,
            errorPage('Выход выполнен', 'Адрес возврата не разрешён для этой системы.'),
          );
        return reply.redirect(target);
      },
    });

    scope.get(`${ESIA_PATHS.persons}/:oid`, {
      config: access,
      schema: { ...hidden, params: z.object({ oid: z.string() }) },
      handler: (request, reply) =>
        rest(reply, async () => {
          const { person, scopes } = await subjectOf(emulator, request, request.params.oid);
          return personResource(person, scopes);
        }),
    });

    scope.get(`${ESIA_PATHS.persons}/:oid/:collection`, {
      config: access,
      schema: {
        ...hidden,
        params: z.object({ oid: z.string(), collection: z.string() }),
        querystring: Params,
      },
      handler: (request, reply) =>
        rest(reply, async () => {
          const { person, scopes } = await subjectOf(emulator, request, request.params.oid);
          const name = request.params.collection as CollectionName;
          if (!COLLECTIONS.has(name)) return undefined;
          const self = `${request.protocol}://${request.host}${request.url.split('?')[0] ?? ''}`;
          return collectionResource(person, name, scopes, request.query.embed === '(elements)', self);
        }),
    });

    scope.get(`${ESIA_PATHS.persons}/:oid/:collection/:id`, {
      config: access,
      schema: { ...hidden, params: z.object({ oid: z.string(), collection: z.string(), id: z.string() }) },
      handler: (request, reply) =>
        rest(reply, async () => {
          const { person, scopes } = await subjectOf(emulator, request, request.params.oid);
          const name = request.params.collection as CollectionName;
          if (!COLLECTIONS.has(name)) return undefined;
          return collectionElement(person, name, scopes, request.params.id);
        }),
    });

    scope.get(`${ESIA_PATHS.organizations}/:orgOid`, {
      config: access,
      schema: { ...hidden, params: z.object({ orgOid: z.string() }) },
      handler: (request, reply) =>
        rest(reply, async () => {
          const bearer = await emulator.bearer(request.headers.authorization);
          const { orgOid } = request.params;
          // Organisation data only with the organisation's own scopes in the token.
          if (!bearer.scopes.some((s) => s.orgOid === orgOid)) return null;
          const organization = findOrganization(orgOid);
          return organization ? organizationResource(organization) : undefined;
        }),
    });
  };
}
