import {
  allowedActions,
  awaitedRequests,
  groundsFor,
  stageOf,
  type Action,
  type CaseActionView,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { PinnedVersion } from '../catalog/index.js';
import { answeredRequests } from './advance.js';
import { actingRefusal } from './case-access.js';
import type { CaseRow } from './case-row.js';
import type { CaseViewer } from './case-visibility.js';

function kindOf(action: Action): CaseActionView['kind'] {
  if (action.signature) return 'sign';
  if (action.reason) return 'return';
  if (action.decision) return 'decision';
  return 'move';
}

/**
 * The buttons of the case card: what the pinned map allows the viewer at the current stage (the
 * engine's `allowedActions` for their roles) when they answer for the stage; each with the grounds a
 * refusal chooses from and what holds it (a blocking request without an answer, 004 item 8).
 */
export async function caseActions(
  tx: Tx,
  viewer: CaseViewer,
  row: CaseRow,
  version: PinnedVersion,
  today?: string,
): Promise<CaseActionView[]> {
  if (row.status !== 'open') return [];
  const map = version.definition.techMap;
  const stage = stageOf(map, row.stageKey);
  // Beyond the map's roles: the executor at an employee's stage, an approver of the stage's unit at an
  // approval stage (the rule the commands apply).
  if (!stage || (await actingRefusal(tx, viewer, row, stage)) !== null) return [];
  const waiting = awaitedRequests(stage, await answeredRequests(tx, row.id, stage.key, today));
  const blockedBy =
    waiting.length > 0 ? `Не получен ответ на запрос ${waiting.map((r) => `«${r.name}»`).join(', ')}` : null;
  return allowedActions(map, stage.key, viewer.roles).map((action) => ({
    key: action.key,
    label: action.label,
    kind: kindOf(action),
    decision: action.decision,
    reasonRequired: action.reason,
    grounds: groundsFor(version.definition.card, action).map((g) => ({ key: g.key, text: g.text })),
    blockedBy,
  }));
}
