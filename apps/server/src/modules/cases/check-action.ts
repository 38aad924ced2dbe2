import {
  stageOf,
  takeAction,
  type Action,
  type ActionInput,
  type ActionRefusal,
  type Stage,
} from '@uslugi/contracts';
import type { CommandScope } from '../../platform/commands.js';
import type { PinnedVersion } from '../catalog/index.js';
import { answeredRequests } from './advance.js';
import { actingRefusal, type CaseActor } from './case-access.js';
import { refuseAction, type Refused } from './case-command.js';
import type { CaseRow } from './case-row.js';

const MAP_REFUSALS: readonly ActionRefusal[] = [
  'unknown_stage',
  'final_stage',
  'unknown_action',
  'role_not_allowed',
];

export interface Allowed {
  from: Stage;
  action: Action;
  to: Stage;
}

/**
 * Whether the actor may take the action at the case's current stage: the map through the engine
 * (roles, reason, grounds, signature, awaited answers; 004 item 8) with whether the action is this
 * command's (`fits`), then who at the stage (the executor, the approver of the unit). A refusal is
 * journaled and returned for the caller to commit and throw.
 */
export async function checkAction(
  scope: Pick<CommandScope, 'tx' | 'journal'>,
  input: {
    actor: CaseActor;
    row: CaseRow;
    version: PinnedVersion;
    actionKey: string;
    /** The command's day: a request past its answer term no longer holds the stage. */
    today?: string;
    given?: Omit<ActionInput, 'answeredRequests'>;
    /** Refusal message when the action is another command's (a decision sent as a plain action). */
    fits: (action: Action, stage: Stage) => string | null;
  },
): Promise<Allowed | Refused> {
  const { actor, row, version, actionKey } = input;
  const { techMap, card } = version.definition;
  const answered = await answeredRequests(scope.tx, row.id, row.stageKey, input.today);
  const outcome = takeAction(
    techMap,
    row.stageKey,
    actionKey,
    actor.roles,
    { ...input.given, answeredRequests: answered },
    card,
  );
  // The map and the person first (no such action, another role's), then whether it is this command's,
  // then what the action needs.
  if (!outcome.ok && MAP_REFUSALS.includes(outcome.code))
    return refuseAction(scope, row, { actionKey, ...outcome });
  const stage = stageOf(techMap, row.stageKey);
  const candidate = stage?.actions.find((a) => a.key === actionKey);
  const wrong = stage && candidate ? input.fits(candidate, stage) : null;
  if (wrong) return refuseAction(scope, row, { actionKey, code: 'not_this_command', message: wrong });
  if (!outcome.ok) return refuseAction(scope, row, { actionKey, ...outcome });
  const error = await actingRefusal(scope.tx, actor, row, outcome.from);
  if (error)
    return refuseAction(scope, row, { actionKey, code: error.code, message: error.userMessage }, error);
  return { from: outcome.from, action: outcome.action, to: outcome.to };
}
