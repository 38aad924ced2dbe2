import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/database.js';
import type { EsiaAudience } from '../../db/schema.js';
import { APPLICANT_SESSION_COOKIE, SESSION_COOKIE } from '../../platform/auth/context.js';
import type { SessionEventMeta } from '../sessions/index.js';
import { EsiaError, esiaCodeOf } from '../../platform/esia/errors.js';
import type { EsiaRuntime } from '../../platform/esia/install.js';
import type { EsiaPerson } from '../../platform/esia/person.js';
import { isUuidV4 } from '../../platform/esia/protocol.js';
import { AppError, type ErrorCode } from '../../platform/errors.js';
import { placeApplicant, recordApplicant, rememberMunicipality } from '../applicants/index.js';
import { openApplicantSession } from './applicant.js';
import { audienceOf, browserHash, claimSignIn, failSignIn, finishSignIn } from './sign-ins.js';
import { findStaffRecords, journalBindingRefusals, journalRefusal, openStaffSession } from './staff.js';
import { safeReturnTo } from './start.js';

export interface CallbackInput {
  query: {
    code?: string | undefined;
    state?: string | undefined;
    error?: string | undefined;
    error_description?: string | undefined;
  };
  browserNonce: string | undefined;
  /** Session cookies the browser already had (ended on sign-in: the session id is rotated). */
  staffToken: string | undefined;
  applicantToken: string | undefined;
  meta: SessionEventMeta;
}

export interface CallbackOutcome {
  redirect: string;
  session?: { cookie: typeof SESSION_COOKIE | typeof APPLICANT_SESSION_COOKIE; token: string };
}

/** The page that asks GET /api/v1/auth/esia/result what became of the sign-in. */
export function resultPage(audience: EsiaAudience, state: string | undefined): string {
  const page = audience === 'applicant' ? '/' : '/sign-in';
  return `${page}?esia=result${state && isUuidV4(state) ? `&state=${state}` : ''}`;
}

function failureCode(error: unknown): ErrorCode {
  if (error instanceof AppError) return error.code;
  if (error instanceof EsiaError) {
    switch (error.failure) {
      case 'unreachable':
        return 'esia_unavailable';
      case 'refused':
        return 'esia_refused';
      case 'invalid_response':
        return 'esia_invalid_response';
    }
  }
  return 'internal';
}

/**
 * The redirect URI: checks the state against this browser's pending sign-in (once only), exchanges
 * the code, verifies the token, reads the person, and only then opens a session. Any failure on the
 * way leaves no session: the sign-in is marked failed with the reason the result page shows.
 */
export async function completeEsiaSignIn(
  database: Database,
  esia: EsiaRuntime,
  log: FastifyBaseLogger,
  input: CallbackInput,
): Promise<CallbackOutcome> {
  const { state } = input.query;
  if (!state || !isUuidV4(state)) return { redirect: resultPage('staff', undefined) };
  const audience = (await audienceOf(database, state)) ?? 'staff';
  const row = input.browserNonce
    ? await claimSignIn(database, state, browserHash(input.browserNonce))
    : undefined;
  if (!row) {
    log.warn({ state }, 'ESIA callback refused: unknown, replayed, expired or foreign state');
    return { redirect: resultPage(audience, state) };
  }
  let person: EsiaPerson | undefined;
  try {
    if (input.query.error) {
      const cancelled = esiaCodeOf(input.query.error_description) === 'ESIA-007004';
      throw new AppError(cancelled ? 'esia_cancelled' : 'esia_refused', input.query.error_description);
    }
    if (!input.query.code) throw new AppError('esia_refused', 'callback without a code');
    if (!esia.client) throw new AppError('esia_not_configured');
    const access = await esia.client.exchangeCode(input.query.code, row);
    person = await esia.client.fetchPerson(access);

    if (row.audience === 'applicant') {
      const recorded = await recordApplicant(database, person);
      const place = await placeApplicant(database.system, {
        explicit: row.municipalityId,
        remembered: recorded.chosenMunicipalityId,
        addresses: [person.registrationAddress, person.residenceAddress],
      });
      if (!place) {
        // Neither chosen nor told by the address: the applicant picks one before the session opens.
        await finishSignIn(database, state, {
          status: 'choosing',
          esiaOid: person.oid,
          applicantId: recorded.applicantId,
          legalEntityId: recorded.legalEntityId,
        });
        return { redirect: resultPage('applicant', state) };
      }
      // A municipality picked for this sign-in is the applicant's choice: their next sign-ins go there too.
      if (place.by === 'explicit')
        await rememberMunicipality(database.system, recorded.applicantId, place.id);
      const { token } = await openApplicantSession(
        database,
        {
          applicantId: recorded.applicantId,
          legalEntityId: recorded.legalEntityId,
          municipality: place,
          previousToken: input.applicantToken,
        },
        input.meta,
      );
      await finishSignIn(database, state, { status: 'done', esiaOid: person.oid });
      return {
        redirect: safeReturnTo(row.returnTo) ?? '/profile',
        session: { cookie: APPLICANT_SESSION_COOKIE, token },
      };
    }

    // An employee acts for the municipality: only a confirmed account (СНИЛС checked by СФР, identity
    // confirmed in person or by a qualified signature) is matched to them, as the sign-in page says.
    if (!person.trusted) throw new AppError('esia_unconfirmed_account', 'ESIA account not confirmed');
    if (!person.snils) throw new AppError('esia_person_incomplete', 'no СНИЛС in ESIA data');
    const identity = { oid: person.oid, snils: person.snils };
    const { candidates, refusals } = await findStaffRecords(database, identity);
    await journalBindingRefusals(database, refusals, identity, input.meta);
    const [refusal] = refusals;
    if (candidates.length === 0) throw new AppError(refusal ? refusal.reason : 'esia_unknown_employee');
    const active = candidates.filter((c) => !c.blocked);
    if (active.length === 0) {
      await journalRefusal(database, candidates, input.meta);
      throw new AppError('employee_blocked');
    }
    if (active.length > 1) {
      const choices = active.map(({ blocked: _blocked, ...choice }) => choice);
      await finishSignIn(database, state, {
        status: 'choosing',
        esiaOid: person.oid,
        esiaSnils: person.snils,
        choices,
      });
      return { redirect: resultPage('staff', state) };
    }
    const [only] = active;
    const opened = await openStaffSession(
      database,
      {
        municipalityId: only?.municipalityId ?? '',
        employeeId: only?.employeeId ?? '',
        identity,
        previousToken: input.staffToken,
      },
      input.meta,
    );
    await finishSignIn(database, state, { status: 'done', esiaOid: person.oid });
    return {
      redirect: safeReturnTo(row.returnTo) ?? opened.landing,
      session: { cookie: SESSION_COOKIE, token: opened.token },
    };
  } catch (error) {
    const code = failureCode(error);
    log[code === 'internal' ? 'error' : 'warn'](
      { err: error, state, esiaCode: error instanceof EsiaError ? error.esiaCode : undefined },
      'ESIA sign-in failed',
    );
    await failSignIn(database, state, code, person?.oid);
    return { redirect: resultPage(row.audience, state) };
  }
}
