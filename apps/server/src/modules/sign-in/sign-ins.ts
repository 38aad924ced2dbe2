import { createHash, randomBytes } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { EsiaAudience, EsiaSignInsTable } from '../../db/schema.js';
import type { ErrorCode } from '../../platform/errors.js';

/**
 * Pending sign-ins (table esia_sign_ins). Each step is a guarded update of the expected status, so
 * a replayed callback, a double click or a second tab changes nothing the second time.
 */

/** From the redirect to ESIA to the session: ten minutes. */
export const SIGN_IN_TTL_MS = 10 * 60_000;

/** The short-lived cookie that binds a sign-in's state to the browser that started it. */
export const ESIA_BROWSER_COOKIE = 'uslugi_esia';

export function newBrowserNonce(): string {
  return randomBytes(32).toString('base64url');
}

export function isBrowserNonce(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function browserHash(nonce: string): string {
  return createHash('sha256').update(nonce).digest('hex');
}

/** A sign-in as it starts: the row's own columns, before ESIA answers. */
export type NewSignIn = Pick<
  Insertable<EsiaSignInsTable>,
  'state' | 'audience' | 'browserHash' | 'redirectUri' | 'scope' | 'scopeOrg' | 'returnTo' | 'municipalityId'
>;

export async function insertSignIn(database: Database, row: NewSignIn): Promise<void> {
  // Old rows are of no use to anyone: keep the table small without a job.
  await database.system
    .deleteFrom('esiaSignIns')
    .where('createdAt', '<', sql<Date>`now() - interval '1 day'`)
    .execute();
  await database.system
    .insertInto('esiaSignIns')
    .values({ ...row, expiresAt: new Date(Date.now() + SIGN_IN_TTL_MS) })
    .execute();
}

export async function audienceOf(database: Database, state: string): Promise<EsiaAudience | undefined> {
  const row = await database.system
    .selectFrom('esiaSignIns')
    .select('audience')
    .where('state', '=', state)
    .executeTakeFirst();
  return row?.audience;
}

/** Takes a started sign-in of this browser for the code exchange; once only, and only in time. */
export async function claimSignIn(database: Database, state: string, browser: string) {
  return database.system
    .updateTable('esiaSignIns')
    .set({ status: 'exchanging' })
    .where('state', '=', state)
    .where('browserHash', '=', browser)
    .where('status', '=', 'started')
    .where('expiresAt', '>', new Date())
    .returningAll()
    .executeTakeFirst();
}

export async function failSignIn(database: Database, state: string, code: ErrorCode, esiaOid?: string) {
  await database.system
    .updateTable('esiaSignIns')
    .set({ status: 'failed', errorCode: code, esiaOid: esiaOid ?? null, finishedAt: new Date() })
    .where('state', '=', state)
    .where('status', '=', 'exchanging')
    .execute();
}

export async function finishSignIn(
  database: Database,
  state: string,
  outcome: {
    status: 'done' | 'choosing';
    esiaOid: string;
    esiaSnils?: string;
    choices?: unknown;
    applicantId?: string;
    legalEntityId?: string | null;
  },
) {
  await database.system
    .updateTable('esiaSignIns')
    .set({
      status: outcome.status,
      esiaOid: outcome.esiaOid,
      esiaSnils: outcome.esiaSnils ?? null,
      choices: outcome.choices === undefined ? null : JSON.stringify(outcome.choices),
      applicantId: outcome.applicantId ?? null,
      legalEntityId: outcome.legalEntityId ?? null,
      finishedAt: new Date(),
    })
    .where('state', '=', state)
    .where('status', '=', 'exchanging')
    .execute();
}

export async function signInOfBrowser(database: Database, state: string, browser: string) {
  return database.system
    .selectFrom('esiaSignIns')
    .select(['audience', 'status', 'errorCode', 'choices', 'expiresAt'])
    .where('state', '=', state)
    .where('browserHash', '=', browser)
    .executeTakeFirst();
}

/** The person picked a municipality: the sign-in is done, once. */
export async function takeChoice(database: Database, state: string, browser: string, audience: EsiaAudience) {
  return database.system
    .updateTable('esiaSignIns')
    .set({ status: 'done' })
    .where('state', '=', state)
    .where('browserHash', '=', browser)
    .where('audience', '=', audience)
    .where('status', '=', 'choosing')
    .where('expiresAt', '>', new Date())
    .returning(['choices', 'returnTo', 'esiaOid', 'esiaSnils', 'applicantId', 'legalEntityId'])
    .executeTakeFirst();
}
