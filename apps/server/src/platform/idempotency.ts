import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { Database, Tx } from '../db/database.js';
import { inTenant, listTenants } from '../db/tenant.js';
import { AppError } from './errors.js';
import type { App } from './http/fastify-types.js';
import { canonicalJson, sha256Hex } from './journal/hash.js';

/**
 * `Idempotency-Key` of state-changing routes (`config.idempotent: true`). A client that did not hear
 * the answer (a dropped connection, a double click) repeats the request with the same key and gets the
 * first outcome; the command is applied once.
 *
 * How it works: the route's hook validates the header and puts an `IdempotencyClaim` on the request;
 * the command contexts (`commandContext`, the portal's `applicantContext`) carry it; `runCommand`
 * claims the key INSIDE the command's own transaction (`INSERT … ON CONFLICT DO NOTHING` on
 * (municipality, actor, key)). A parallel repeat blocks on the unique index until the first commits,
 * then reads the stored outcome and returns it without running the command; if the first rolled back,
 * the repeat's insert goes through and it runs the command itself. The claim and the change commit
 * together, so neither exists without the other.
 *
 * Rules for a handler:
 * - The first `runCommand` of the request claims the key; later ones of the same request run plainly
 *   (the claim is marked used on the request, whatever context object carries it). A handler whose
 *   whole change is not in its first `runCommand` is idempotent only for that first part: keep the
 *   change of an idempotent route in one `runCommand`.
 * - The stored outcome is the command's result as JSON: an idempotent command returns plain data
 *   (strings, numbers, no Date). On a repeat the handler gets that data back and answers as it would.
 * - A committed failure (a result holding an `AppError`: `{ ok: false, error }` of a wrong PIN counted
 *   and journaled, `{ refused }` of a refused case action) keeps no key: the repeat must be able to apply.
 */

/** A day (the migration's `idempotency_keys`: kept for a day, then replaced or removed). */
export const IDEMPOTENCY_KEY_HOURS = 24;

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export interface IdempotencyClaim {
  key: string;
  /** sha256 of method, path and body: the same key with another request is refused. */
  fingerprint: string;
  /** The HTTP status the route answers on success (kept with the outcome). */
  status: number;
  /** `open` until the request's first command has run with it. */
  state: 'open' | 'used';
  /** The first command's outcome was returned from the store, not applied. */
  replayed: boolean;
}

/** Visible ASCII, 1–200 characters. */
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

function successStatus(request: FastifyRequest): number {
  const response = (request.routeOptions.schema as { response?: Record<string, unknown> } | undefined)
    ?.response;
  const declared = Object.keys(response ?? {})
    .map(Number)
    .filter((code) => code >= 200 && code < 300)
    .sort((a, b) => a - b);
  return declared[0] ?? 200;
}

/** The claim of the request, or undefined: the route is not idempotent or the header is absent. */
export function claimOf(request: FastifyRequest): IdempotencyClaim | undefined {
  if (!request.routeOptions.config.idempotent) return undefined;
  if (request.idempotency) return request.idempotency;
  const header = request.headers[IDEMPOTENCY_HEADER];
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? undefined : header;
  if (key === undefined || !KEY_PATTERN.test(key)) {
    throw new AppError('idempotency_key_invalid', 'Idempotency-Key: 1–200 visible ASCII characters');
  }
  const fingerprint = sha256Hex(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`);
  request.idempotency = { key, fingerprint, status: successStatus(request), state: 'open', replayed: false };
  return request.idempotency;
}

/**
 * Validates the header of idempotent routes before the handler runs (a bad key is refused even by a
 * handler that refuses for another reason first) and marks a replayed answer.
 */
export function installIdempotency(app: App): void {
  app.decorateRequest('idempotency', undefined);
  app.addHook('preHandler', async (request) => {
    claimOf(request);
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.idempotency?.replayed) void reply.header('idempotent-replayed', 'true');
  });
}

interface Stored {
  status: number;
  result: unknown;
}

type Owner = { municipalityId: string; actorId: string };

async function insertKey(tx: Tx, owner: Owner, claim: IdempotencyClaim): Promise<boolean> {
  const inserted = await tx
    .insertInto('idempotencyKeys')
    .values({
      municipalityId: owner.municipalityId,
      actorId: owner.actorId,
      key: claim.key,
      fingerprint: claim.fingerprint,
      expiresAt: sql<Date>`now() + make_interval(hours => ${IDEMPOTENCY_KEY_HOURS})`,
    })
    .onConflict((oc) => oc.columns(['municipalityId', 'actorId', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

function ofOwner(tx: Tx, owner: Owner, key: string) {
  return tx
    .selectFrom('idempotencyKeys')
    .where('municipalityId', '=', owner.municipalityId)
    .where('actorId', '=', owner.actorId)
    .where('key', '=', key);
}

/**
 * Claims the key in the command's transaction. Undefined: the key is ours now, run the command;
 * otherwise the outcome stored by the first request with this key.
 */
export async function claimKey(tx: Tx, owner: Owner, claim: IdempotencyClaim): Promise<Stored | undefined> {
  // Blocks while another transaction holds an uncommitted row with this key: its commit makes this a
  // conflict, its rollback lets this insert through.
  if (await insertKey(tx, owner, claim)) return undefined;
  const row = await ofOwner(tx, owner, claim.key)
    .select(['fingerprint', 'response', sql<boolean>`expires_at <= now()`.as('expired')])
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.expired || row.response === null) {
    // Expired (or removed meanwhile): the key is free again and this request takes it over.
    await tx
      .deleteFrom('idempotencyKeys')
      .where('municipalityId', '=', owner.municipalityId)
      .where('actorId', '=', owner.actorId)
      .where('key', '=', claim.key)
      .execute();
    if (!(await insertKey(tx, owner, claim))) throw new AppError('internal', 'idempotency key re-claim');
    return undefined;
  }
  if (row.fingerprint !== claim.fingerprint) {
    throw new AppError('idempotency_key_reused', `key ${claim.key} was used for another request`);
  }
  return JSON.parse(row.response) as Stored;
}

/** Keeps the command's outcome with the key (same transaction as the change). */
export async function storeOutcome(tx: Tx, owner: Owner, claim: IdempotencyClaim, result: unknown) {
  const stored: Stored = { status: claim.status, result: result ?? null };
  await tx
    .updateTable('idempotencyKeys')
    .set({ response: JSON.stringify(stored) })
    .where('municipalityId', '=', owner.municipalityId)
    .where('actorId', '=', owner.actorId)
    .where('key', '=', claim.key)
    .execute();
}

/** Gives the key up (a committed failure: the repeat must be able to apply). */
export async function releaseKey(tx: Tx, owner: Owner, claim: IdempotencyClaim) {
  await tx
    .deleteFrom('idempotencyKeys')
    .where('municipalityId', '=', owner.municipalityId)
    .where('actorId', '=', owner.actorId)
    .where('key', '=', claim.key)
    .execute();
}

/**
 * A failure whose record commits and which the caller throws after the commit: a result holding an
 * `AppError` at its top level (`{ ok: false, error }` of a counted wrong PIN, `{ refused }` of a refused
 * case action). Never an outcome to keep: an error is no JSON, and the repeat must be able to apply.
 */
export function isCommittedFailure(result: unknown): boolean {
  return (
    typeof result === 'object' &&
    result !== null &&
    Object.values(result).some((value) => value instanceof AppError)
  );
}

/** Removes expired keys in every municipality (a recurring job). Returns how many went. */
export async function deleteExpiredKeys(database: Database): Promise<number> {
  const tenants = await database.system.transaction().execute((tx) => listTenants(tx));
  let deleted = 0;
  for (const tenant of tenants) {
    const result = await inTenant(database, tenant.id, (tx) =>
      tx
        .deleteFrom('idempotencyKeys')
        .where('municipalityId', '=', tenant.id)
        .where('expiresAt', '<=', sql<Date>`now()`)
        .executeTakeFirst(),
    );
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}
