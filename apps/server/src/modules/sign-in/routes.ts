import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  EsiaCallbackQuerySchema,
  EsiaChoiceSchema,
  EsiaChooseSchema,
  EsiaPortalChooseSchema,
  EsiaPortalStartQuerySchema,
  EsiaResultQuerySchema,
  EsiaSignInResultSchema,
  EsiaStaffStartQuerySchema,
  type EsiaSignInResult,
} from '@uslugi/contracts';
import { APPLICANT_SESSION_COOKIE, SESSION_COOKIE } from '../../platform/auth/context.js';
import { requestMeta } from '../../platform/http/request-meta.js';
import { AppError, ERRORS, type ErrorCode } from '../../platform/errors.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { listMunicipalities } from '../municipalities/index.js';
import { portalMunicipality, rememberMunicipality } from '../applicants/index.js';
import { openApplicantSession } from './applicant.js';
import { completeEsiaSignIn } from './complete.js';
import { ESIA_BROWSER_COOKIE, SIGN_IN_TTL_MS, browserHash, signInOfBrowser, takeChoice } from './sign-ins.js';
import { openStaffSession } from './staff.js';
import { safeReturnTo, startEsiaSignIn } from './start.js';

const tags = ['Вход через ЕСИА'];

function failed(code: ErrorCode): EsiaSignInResult {
  return { outcome: 'failed', code, message: ERRORS[code].message };
}

const isErrorCode = (value: string | null): value is ErrorCode => value !== null && value in ERRORS;

export function signInRoutes(app: App, { database, config, esia }: ModuleContext): void {
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: config.production } as const;
  // Rate limits per IP on every sign-in endpoint: guessing codes or states, or flooding ESIA with
  // signed requests in our name, stops at config.signInRateLimit a minute.
  const limited = {
    access: 'public',
    rateLimit: { max: config.signInRateLimit, timeWindow: 60_000 },
  } as const;
  const redirectResponse = { 302: z.null().describe('Переход в ЕСИА или обратно') };

  // ESIA returns the browser to PUBLIC_URL, and the cookie that binds the sign-in to this browser
  // belongs to one host: a sign-in started at another address of the same server (localhost for
  // 127.0.0.1) would come back without it. Such a start first moves to the public address.
  const publicHost = new URL(config.publicUrl).host;
  const elsewhere = (host: string) => {
    try {
      return new URL(`http://${host}`).host !== publicHost;
    } catch {
      return true;
    }
  };

  const bindBrowser = (reply: FastifyReply, nonce: string) =>
    reply.setCookie(ESIA_BROWSER_COOKIE, nonce, {
      ...cookieOptions,
      path: '/api/v1/',
      maxAge: SIGN_IN_TTL_MS / 1000,
    });

  app.get('/api/v1/auth/esia', {
    config: limited,
    schema: {
      tags,
      summary: 'Вход сотрудника через Госуслуги: переход в ЕСИА',
      querystring: EsiaStaffStartQuerySchema,
      response: redirectResponse,
    },
    handler: async (request, reply) => {
      if (elsewhere(request.host)) return reply.redirect(`${config.publicUrl}${request.url}`);
      const { url, nonce } = await startEsiaSignIn(database, esia, {
        audience: 'staff',
        browserNonce: request.cookies[ESIA_BROWSER_COOKIE],
        returnTo: request.query.returnTo,
        municipalityId: null,
      });
      return bindBrowser(reply, nonce).redirect(url);
    },
  });

  app.get('/api/v1/portal/auth/esia', {
    config: limited,
    schema: {
      tags,
      summary: 'Вход заявителя на портал через Госуслуги: переход в ЕСИА',
      querystring: EsiaPortalStartQuerySchema,
      response: redirectResponse,
    },
    handler: async (request, reply) => {
      if (elsewhere(request.host)) return reply.redirect(`${config.publicUrl}${request.url}`);
      const { url, nonce } = await startEsiaSignIn(database, esia, {
        audience: 'applicant',
        browserNonce: request.cookies[ESIA_BROWSER_COOKIE],
        returnTo: request.query.returnTo,
        municipalityId: request.query.municipalityId ?? null,
      });
      return bindBrowser(reply, nonce).redirect(url);
    },
  });

  app.get('/api/v1/auth/esia/callback', {
    config: limited,
    schema: {
      tags,
      summary: 'Возврат из ЕСИА (redirect_uri)',
      querystring: EsiaCallbackQuerySchema,
      response: redirectResponse,
    },
    handler: async (request, reply) => {
      const outcome = await completeEsiaSignIn(database, esia, request.log, {
        query: request.query,
        browserNonce: request.cookies[ESIA_BROWSER_COOKIE],
        staffToken: request.cookies[SESSION_COOKIE],
        applicantToken: request.cookies[APPLICANT_SESSION_COOKIE],
        meta: requestMeta(request),
      });
      if (outcome.session)
        void reply.setCookie(outcome.session.cookie, outcome.session.token, { ...cookieOptions, path: '/' });
      return reply.redirect(outcome.redirect);
    },
  });

  app.get('/api/v1/auth/esia/result', {
    config: limited,
    schema: {
      tags,
      summary: 'Чем закончился вход через ЕСИА (для этого браузера)',
      querystring: EsiaResultQuerySchema,
      response: { 200: EsiaSignInResultSchema },
    },
    handler: async (request) => {
      const nonce = request.cookies[ESIA_BROWSER_COOKIE];
      const row = nonce
        ? await signInOfBrowser(database, request.query.state, browserHash(nonce))
        : undefined;
      if (row?.status === 'failed' && isErrorCode(row.errorCode)) return failed(row.errorCode);
      if (row?.status === 'choosing' && row.expiresAt > new Date()) {
        if (row.audience === 'applicant')
          return {
            outcome: 'choose_municipality' as const,
            municipalities: await listMunicipalities(database.system),
          };
        return { outcome: 'choose' as const, choices: z.array(EsiaChoiceSchema).parse(row.choices) };
      }
      return failed('esia_sign_in_invalid');
    },
  });

  app.post('/api/v1/auth/esia/choose', {
    config: limited,
    schema: {
      tags,
      summary: 'Выбрать муниципальное образование (сотрудник в нескольких)',
      body: EsiaChooseSchema,
      response: { 200: z.object({ redirectTo: z.string() }) },
    },
    handler: async (request, reply) => {
      const nonce = request.cookies[ESIA_BROWSER_COOKIE];
      if (!nonce) throw new AppError('esia_sign_in_invalid');
      const browser = browserHash(nonce);
      const pending = await signInOfBrowser(database, request.body.state, browser);
      const choices =
        pending?.status === 'choosing' && pending.audience === 'staff'
          ? z.array(EsiaChoiceSchema).parse(pending.choices)
          : [];
      const choice = choices.find((c) => c.employeeId === request.body.employeeId);
      if (!choice) throw new AppError('esia_sign_in_invalid', 'not among the choices');
      const taken = await takeChoice(database, request.body.state, browser, 'staff');
      if (!taken) throw new AppError('esia_sign_in_invalid', 'already chosen or expired');
      if (!taken.esiaOid || !taken.esiaSnils)
        throw new AppError('esia_sign_in_invalid', 'no ESIA person kept');
      const opened = await openStaffSession(
        database,
        {
          municipalityId: choice.municipalityId,
          employeeId: choice.employeeId,
          identity: { oid: taken.esiaOid, snils: taken.esiaSnils },
          previousToken: request.cookies[SESSION_COOKIE],
        },
        requestMeta(request),
      );
      void reply.setCookie(SESSION_COOKIE, opened.token, { ...cookieOptions, path: '/' });
      return { redirectTo: safeReturnTo(taken.returnTo) ?? opened.landing };
    },
  });

  app.post('/api/v1/portal/auth/esia/choose', {
    config: limited,
    schema: {
      tags,
      summary: 'Выбрать муниципальное образование (заявитель, не определённое по адресу из ЕСИА)',
      body: EsiaPortalChooseSchema,
      response: { 200: z.object({ redirectTo: z.string() }) },
    },
    handler: async (request, reply) => {
      const nonce = request.cookies[ESIA_BROWSER_COOKIE];
      if (!nonce) throw new AppError('esia_sign_in_invalid');
      const browser = browserHash(nonce);
      const pending = await signInOfBrowser(database, request.body.state, browser);
      if (pending?.status !== 'choosing' || pending.audience !== 'applicant')
        throw new AppError('esia_sign_in_invalid', 'no applicant sign-in waiting for a choice');
      // Checked before the choice is taken: a wrong pick leaves the sign-in waiting for a right one.
      const municipality = await portalMunicipality(database.system, request.body.municipalityId);
      const taken = await takeChoice(database, request.body.state, browser, 'applicant');
      if (!taken) throw new AppError('esia_sign_in_invalid', 'already chosen or expired');
      if (!taken.applicantId) throw new AppError('esia_sign_in_invalid', 'no applicant kept');
      await rememberMunicipality(database.system, taken.applicantId, municipality.id);
      const { token } = await openApplicantSession(
        database,
        {
          applicantId: taken.applicantId,
          legalEntityId: taken.legalEntityId,
          municipality: { id: municipality.id, by: 'chosen' },
          previousToken: request.cookies[APPLICANT_SESSION_COOKIE],
        },
        requestMeta(request),
      );
      void reply.setCookie(APPLICANT_SESSION_COOKIE, token, { ...cookieOptions, path: '/' });
      return { redirectTo: safeReturnTo(taken.returnTo) ?? '/profile' };
    },
  });
}
