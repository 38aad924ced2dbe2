import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { inTenant } from '../../db/tenant.js';
import type { AuthContext, SessionLimits } from '../../platform/auth/context.js';
import { permissionsOf } from '../../platform/auth/permissions.js';
import { AppError } from '../../platform/errors.js';
import { municipalityCard } from '../municipalities/index.js';
import { employeeCard } from '../org/index.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  token: string;
  csrfToken: string;
}

export async function createSession(
  database: Database,
  input: {
    municipalityId: string;
    employeeId: string;
    esiaSnils: string;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await database.system
    .insertInto('sessions')
    .values({
      tokenHash: hashToken(token),
      municipalityId: input.municipalityId,
      employeeId: input.employeeId,
      esiaSnils: input.esiaSnils,
      csrfToken,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

export async function endSession(database: Database, tokenHash: string): Promise<void> {
  await database.system
    .updateTable('sessions')
    .set({ endedAt: new Date() })
    .where('tokenHash', '=', tokenHash)
    .where('endedAt', 'is', null)
    .execute();
}

/** The employee as the session sees them, read inside the session's own tenant. */
export async function loadPrincipal(database: Database, municipalityId: string, employeeId: string) {
  return inTenant(database, municipalityId, async (tx) => {
    const employee = await employeeCard(tx, employeeId);
    const municipality = employee && (await municipalityCard(tx, employee.municipalityId));
    if (!employee || !municipality) return undefined;
    return {
      employeeId: employee.id,
      fullName: employee.fullName,
      blocked: employee.blockedAt !== null,
      municipalityName: municipality.name,
      orgUnitName: employee.orgUnitName,
      positionName: employee.positionName,
      roles: employee.roles,
      permissions: permissionsOf(employee.roles),
    };
  });
}

/**
 * Why a session found by its cookie is over, if it is: signed in longer ago than the absolute
 * lifetime (however active since: a stolen cookie used now and then does not live for ever), or idle
 * too long (seed 000 item 2.13: protection of access). Either ends it.
 */
export function sessionOver(
  session: { createdAt: Date; lastSeenAt: Date },
  limits: SessionLimits,
  now: number,
): 'session_lifetime_exceeded' | 'session_expired' | undefined {
  if (now - session.createdAt.getTime() > limits.maxHours * 3_600_000) return 'session_lifetime_exceeded';
  if (now - session.lastSeenAt.getTime() > limits.idleMinutes * 60_000) return 'session_expired';
  return undefined;
}

/** What `loadPrincipal` returns for an existing employee. */
type Principal = NonNullable<Awaited<ReturnType<typeof loadPrincipal>>>;

/** At most this many principals are kept per process (the oldest used goes first). */
const PRINCIPAL_CACHE_SIZE = 10_000;

/**
 * The principals this process has read, per database handle (tests open several databases in one
 * process), each with the municipality's principal version it was read under (migration 0020: a
 * trigger bumps the version with every change to employees, roles, units, positions or the
 * municipality's name). A principal is used only while the version read with the session row is the
 * same, so a blocked employee or a taken role counts from the next request, in every process.
 */
type CachedPrincipal = { version: number; principal: Principal };
const principalCaches = new WeakMap<object, Map<string, CachedPrincipal>>();

async function cachedPrincipal(
  database: Database,
  session: { municipalityId: string; employeeId: string; principalVersion: number },
): Promise<Principal | undefined> {
  let cache = principalCaches.get(database.system);
  if (!cache) principalCaches.set(database.system, (cache = new Map<string, CachedPrincipal>()));
  const key = `${session.municipalityId}/${session.employeeId}`;
  const hit = cache.get(key);
  if (hit && hit.version === session.principalVersion) {
    // Most recently used last: Map keeps insertion order.
    cache.delete(key);
    cache.set(key, hit);
    return hit.principal;
  }
  // Read after the version: a change committed in between makes the next request read again, never
  // keeps an older principal under a newer version.
  const principal = await loadPrincipal(database, session.municipalityId, session.employeeId);
  cache.delete(key);
  if (principal) {
    cache.set(key, { version: session.principalVersion, principal });
    if (cache.size > PRINCIPAL_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  return principal;
}

/**
 * Resolves a session cookie. A session past its lifetime or idle timeout ends (`sessionOver`); a
 * blocked employee's session ends at once. One query when the principal is cached (the usual case).
 */
export async function resolveSession(
  database: Database,
  token: string,
  limits: SessionLimits,
): Promise<AuthContext> {
  const tokenHash = hashToken(token);
  // One round trip: the session and its municipality's principal version.
  const session = await database.system
    .selectFrom('sessions as s')
    .leftJoin('principalVersions as v', 'v.municipalityId', 's.municipalityId')
    .select([
      's.municipalityId',
      's.employeeId',
      's.csrfToken',
      's.esiaSnils',
      's.createdAt',
      's.lastSeenAt',
      (eb) => eb.fn.coalesce('v.version', eb.lit(0)).as('principalVersion'),
    ])
    .where('s.tokenHash', '=', tokenHash)
    .where('s.endedAt', 'is', null)
    .executeTakeFirst();
  if (!session) throw new AppError('unauthenticated', 'unknown or ended session');
  const now = Date.now();
  const over = sessionOver(session, limits, now);
  if (over) {
    await endSession(database, tokenHash);
    throw new AppError(over);
  }
  const principal = await cachedPrincipal(database, session);
  if (!principal || principal.blocked) {
    await endSession(database, tokenHash);
    throw new AppError(principal ? 'employee_blocked' : 'unauthenticated');
  }
  if (now - session.lastSeenAt.getTime() > 30_000) {
    await database.system
      .updateTable('sessions')
      .set({ lastSeenAt: new Date(now) })
      .where('tokenHash', '=', tokenHash)
      .execute();
  }
  return {
    tokenHash,
    csrfToken: session.csrfToken,
    municipalityId: session.municipalityId,
    municipalityName: principal.municipalityName,
    employeeId: principal.employeeId,
    fullName: principal.fullName,
    orgUnitName: principal.orgUnitName,
    positionName: principal.positionName,
    roles: principal.roles,
    permissions: principal.permissions,
    esiaSnils: session.esiaSnils,
  };
}
