import type { ActionRefusal, CaseCommandResult } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import { runCommand, type CommandContext, type CommandScope } from '../../platform/commands.js';
import { AppError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { Pki } from '../../platform/pki/installation.js';
import type { CaseRow } from './case-row.js';

/** What the commands of a case need besides their context. */
export interface CaseDeps {
  clock: Clock;
  files: FileStore;
  pki: Pki;
  /** The PDF route of documents and the public address the signed result's QR code names. */
  config: Pick<Config, 'documentsPdf' | 'sofficePath' | 'publicUrl'>;
}

/** A command that was refused after something was recorded: the refusal commits, then is thrown. */
export interface Refused {
  refused: AppError;
}

type Outcome = CaseCommandResult | Refused;

/**
 * Runs a case command in one transaction. A refusal the command returns (rather than throws) commits
 * what the command recorded about it (the refusal's journal entry, a PIN attempt) and is thrown
 * after the commit.
 */
export async function runCaseCommand(
  ctx: CommandContext,
  work: (scope: CommandScope) => Promise<Outcome>,
): Promise<CaseCommandResult> {
  const outcome = await runCommand(ctx, work);
  if ('refused' in outcome) throw outcome.refused;
  return outcome;
}

/**
 * Records that an action was refused (004 item 8: an action the map does not allow is refused, and the
 * attempt is kept in the journal) and returns the refusal: 409 `action_not_allowed` with the engine's
 * words, or the given error.
 */
export async function refuseAction(
  { journal }: Pick<CommandScope, 'journal'>,
  row: CaseRow,
  refusal: {
    actionKey: string;
    code: ActionRefusal | AppError['code'] | 'not_this_command';
    message: string;
  },
  error?: AppError,
): Promise<Refused> {
  await journal({
    action: 'case.action_refused',
    objectType: 'case',
    objectId: row.id,
    payload: {
      registrationNumber: row.registrationNumber,
      stage: row.stageKey,
      action: refusal.actionKey,
      code: refusal.code,
      message: refusal.message,
    },
  });
  return {
    refused:
      error ??
      new AppError('action_not_allowed', `case ${row.id}: ${refusal.actionKey} ${refusal.code}`, [
        { path: 'action', message: refusal.message },
      ]),
  };
}

/** Where the case is after the command (what the workplace reloads). */
export async function caseResult(
  tx: Tx,
  caseId: string,
  decisionId: string | null = null,
): Promise<CaseCommandResult> {
  const row = await tx
    .selectFrom('cases')
    .select(['id', 'stageKey', 'status', 'executorId'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return {
    caseId: row.id,
    stageKey: row.stageKey,
    status: row.status,
    executorId: row.executorId,
    decisionId,
  };
}
