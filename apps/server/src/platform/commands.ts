import type { Database, Tx } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { inTenant } from '../db/tenant.js';
import {
  claimKey,
  isCommittedFailure,
  releaseKey,
  storeOutcome,
  type IdempotencyClaim,
} from './idempotency.js';
import { appendJournal, type Actor, type JournalRecord } from './journal/append.js';
import { appendInstallationJournal } from './journal/installation-wide.js';

/** Who runs a command and in which municipality: everything a command needs besides its input. */
export interface CommandContext {
  database: Database;
  municipalityId: string;
  actor: Actor;
  /**
   * The СНИЛС ESIA reported when the acting employee's session began: the person actually signed in,
   * whatever their employee record says now. Only a signing key issued to this СНИЛС opens.
   */
  esiaSnils?: string | null;
  /**
   * The acting employee's roles, as resolved for this request: what rules over individual objects
   * need (which documents a head sees). Absent for the system, which then counts as holding none.
   */
  roles?: readonly Role[];
  /**
   * The request's `Idempotency-Key` (idempotent routes only): the first `runCommand` with this context
   * claims it in its transaction and keeps its outcome; a repeat gets that outcome (platform/idempotency.ts).
   */
  idempotency?: IdempotencyClaim | undefined;
}

export interface CommandScope {
  tx: Tx;
  /** Appends the command's journal entry in the command's own transaction. */
  journal: (entry: Omit<JournalRecord, 'municipalityId' | 'actor'>) => Promise<void>;
  /**
   * For a change to what the whole installation shares: the entry goes into every municipality's
   * journal, in the command's own transaction (see appendInstallationJournal).
   */
  journalInstallationWide: (entry: Omit<JournalRecord, 'municipalityId' | 'actor'>) => Promise<void>;
}

/**
 * A lifecycle step (DESIGN "Commands, not CRUD"): checks, the change and its journal entry run in
 * one tenant transaction and commit together or not at all.
 */
export async function runCommand<T>(
  ctx: CommandContext,
  work: (scope: CommandScope) => Promise<T>,
): Promise<T> {
  const claim = ctx.idempotency?.state === 'open' ? ctx.idempotency : undefined;
  const actorId = ctx.actor.id;
  const outcome = await inTenant(ctx.database, ctx.municipalityId, async (tx) => {
    const owner = actorId && claim ? { municipalityId: ctx.municipalityId, actorId } : undefined;
    if (owner && claim) {
      const stored = await claimKey(tx, owner, claim);
      if (stored) return { replayed: true, result: stored.result as T };
    }
    const result = await work({
      tx,
      journal: async (entry) => {
        await appendJournal(tx, { ...entry, municipalityId: ctx.municipalityId, actor: ctx.actor });
      },
      journalInstallationWide: (entry) =>
        appendInstallationJournal(tx, { ...entry, actor: ctx.actor }, ctx.municipalityId),
    });
    if (owner && claim) {
      if (isCommittedFailure(result)) await releaseKey(tx, owner, claim);
      else await storeOutcome(tx, owner, claim, result);
    }
    return { replayed: false, result };
  });
  // Only the request's first command claims the key (a rolled-back one leaves it open).
  if (claim) {
    claim.state = 'used';
    claim.replayed = outcome.replayed;
  }
  return outcome.result;
}

/** Reads in the tenant without journaling. */
export async function runQuery<T>(
  ctx: Pick<CommandContext, 'database' | 'municipalityId'>,
  work: (tx: Tx) => Promise<T>,
) {
  return inTenant(ctx.database, ctx.municipalityId, work);
}
