import type { Database, Tx } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { inTenant } from '../db/tenant.js';
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
  return inTenant(ctx.database, ctx.municipalityId, async (tx) =>
    work({
      tx,
      journal: async (entry) => {
        await appendJournal(tx, { ...entry, municipalityId: ctx.municipalityId, actor: ctx.actor });
      },
      journalInstallationWide: (entry) =>
        appendInstallationJournal(tx, { ...entry, actor: ctx.actor }, ctx.municipalityId),
    }),
  );
}

/** Reads in the tenant without journaling. */
export async function runQuery<T>(
  ctx: Pick<CommandContext, 'database' | 'municipalityId'>,
  work: (tx: Tx) => Promise<T>,
) {
  return inTenant(ctx.database, ctx.municipalityId, work);
}
