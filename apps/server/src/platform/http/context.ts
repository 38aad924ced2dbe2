import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.js';
import type { CommandContext } from '../commands.js';
import { claimOf } from '../idempotency.js';
import { requireAuth } from './guard.js';

/**
 * The signed-in employee's municipality and identity: the only tenant a route can act in. On an
 * idempotent route with an `Idempotency-Key`, the key the request's first command claims.
 */
export function commandContext(request: FastifyRequest, database: Database): CommandContext {
  const auth = requireAuth(request);
  return {
    database,
    municipalityId: auth.municipalityId,
    actor: { type: 'employee', id: auth.employeeId, name: auth.fullName },
    esiaSnils: auth.esiaSnils,
    roles: auth.roles,
    idempotency: claimOf(request),
  };
}
