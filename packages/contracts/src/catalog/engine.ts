import type { Role } from '../roles.js';
import type { Ground, ServiceCard } from './service.js';
import type { Action, InteragencyRequestDef, IntraRequestDef, Stage, TechMap } from './tech-map.js';

/**
 * The engine of a technological map: which actions a stage allows to whom, and whether one is taken.
 * Regulation 004 items 1–2 and 8: a service is provided only along its map; an action the map does not
 * allow is refused, and so is one taken without what it needs (a reason, grounds, a signature, an
 * awaited answer). Pure functions: the server keeps the case, these say what the map allows.
 */

export function stageOf(map: TechMap, key: string): Stage | undefined {
  return map.stages.find((stage) => stage.key === key);
}

export function startStage(map: TechMap): Stage | undefined {
  return stageOf(map, map.start);
}

/** A final stage ends the case: it has an outcome and no actions. */
export function isFinal(stage: Stage): boolean {
  return stage.kind === 'final';
}

/** Who may take an action: its own roles, or the stage's responsible role when it names none. */
export function actionRoles(stage: Stage, action: Action): readonly Role[] {
  if (action.roles.length > 0) return action.roles;
  return stage.responsible ? [stage.responsible.role] : [];
}

export function allowedActions(map: TechMap, stageKey: string, roles: readonly Role[]): Action[] {
  const stage = stageOf(map, stageKey);
  if (!stage || isFinal(stage)) return [];
  return stage.actions.filter((action) => actionRoles(stage, action).some((role) => roles.includes(role)));
}

export interface ActionInput {
  /** Why (a return for revision). */
  reason?: string;
  /** Keys of the grounds chosen from the card's list (a refusal). */
  grounds?: string[];
  /** The action is taken by a qualified signature. */
  signed?: boolean;
  /** Keys of the stage's requests whose answers have come. */
  answeredRequests?: string[];
}

export const ACTION_REFUSALS = [
  'unknown_stage',
  'final_stage',
  'unknown_action',
  'role_not_allowed',
  'reason_required',
  'grounds_required',
  'signature_required',
  'awaiting_answer',
] as const;
export type ActionRefusal = (typeof ACTION_REFUSALS)[number];

export type ActionOutcome =
  | { ok: true; from: Stage; action: Action; to: Stage; decision: Action['decision'] }
  | { ok: false; code: ActionRefusal; message: string };

/** The requests of a stage that hold it until their answers come (`blocking`). */
export function awaitedRequests(stage: Stage, answered: readonly string[]): InteragencyRequestDef[] {
  return stage.interagencyRequests.filter((r) => r.mode === 'blocking' && !answered.includes(r.key));
}

/** The card's grounds an action chooses from (a refusal), or none. */
export function groundsFor(card: ServiceCard, action: Action): Ground[] {
  if (action.grounds === 'intake') return card.intakeRefusalGrounds;
  if (action.grounds === 'service') return card.serviceRefusalGrounds;
  return [];
}

/**
 * Takes an action at a stage, or says why not. The checks go from the map to the person to the
 * input, so that the first thing wrong is named. With the card, the chosen grounds must be of the
 * action's list.
 */
export function takeAction(
  map: TechMap,
  stageKey: string,
  actionKey: string,
  roles: readonly Role[],
  input: ActionInput = {},
  card?: ServiceCard,
): ActionOutcome {
  const refuse = (code: ActionRefusal, message: string): ActionOutcome => ({ ok: false, code, message });
  const stage = stageOf(map, stageKey);
  if (!stage) return refuse('unknown_stage', 'Этап не найден в технологической схеме');
  if (isFinal(stage)) {
    return refuse('final_stage', `Этап «${stage.name}» завершающий: действия по нему не выполняются`);
  }
  const action = stage.actions.find((a) => a.key === actionKey);
  if (!action) return refuse('unknown_action', `Этап «${stage.name}»: такого действия нет`);
  if (!actionRoles(stage, action).some((role) => roles.includes(role))) {
    return refuse('role_not_allowed', `Действие «${action.label}» выполняет другая роль`);
  }
  if (action.reason && !input.reason?.trim()) {
    return refuse('reason_required', `Действие «${action.label}»: укажите причину`);
  }
  // 210-ФЗ ст. 14: a refusal names its grounds from the regulation's exhaustive list.
  if (action.grounds && (input.grounds ?? []).length === 0) {
    return refuse('grounds_required', `Действие «${action.label}»: выберите основания`);
  }
  if (action.grounds && card) {
    const listed = new Set(groundsFor(card, action).map((g) => g.key));
    const foreign = (input.grounds ?? []).filter((key) => !listed.has(key));
    if (foreign.length > 0) {
      return refuse(
        'grounds_required',
        `Действие «${action.label}»: основания ${foreign.map((k) => `«${k}»`).join(', ')} нет в перечне регламента`,
      );
    }
  }
  if (action.signature && input.signed !== true) {
    return refuse('signature_required', `Действие «${action.label}» выполняется подписанием`);
  }
  const waiting = awaitedRequests(stage, input.answeredRequests ?? []);
  if (waiting.length > 0) {
    const names = waiting.map((r) => `«${r.name}»`).join(', ');
    return refuse('awaiting_answer', `Этап «${stage.name}»: не получен ответ на запрос ${names}`);
  }
  const to = stageOf(map, action.to);
  if (!to) return refuse('unknown_stage', `Действие «${action.label}» ведёт к этапу, которого нет в схеме`);
  return { ok: true, from: stage, action, to, decision: action.decision };
}

/** The stages an action of `stage` leads to (existing ones only). */
export function nextStages(map: TechMap, stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (const action of stage.actions) {
    const to = stageOf(map, action.to);
    if (to && !out.includes(to)) out.push(to);
  }
  return out;
}

/** Keys of the stages reachable from `from` (itself included), following actions. */
export function reachable(map: TechMap, from: string = map.start): Set<string> {
  const seen = new Set<string>();
  const first = stageOf(map, from);
  if (!first) return seen;
  const queue: Stage[] = [first];
  seen.add(first.key);
  while (queue.length > 0) {
    const stage = queue.shift()!;
    if (isFinal(stage)) continue;
    for (const next of nextStages(map, stage)) {
      if (!seen.has(next.key)) {
        seen.add(next.key);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** Keys of the stages from which some final stage can be reached. */
export function reachesFinal(map: TechMap): Set<string> {
  const good = new Set(map.stages.filter(isFinal).map((s) => s.key));
  let grew = true;
  while (grew) {
    grew = false;
    for (const stage of map.stages) {
      if (good.has(stage.key) || isFinal(stage)) continue;
      if (stage.actions.some((a) => good.has(a.to))) {
        good.add(stage.key);
        grew = true;
      }
    }
  }
  return good;
}

/**
 * The shortest path of stages from `from` to `to` (both included), or null when `to` cannot be
 * reached: the workplace shows it as the way still ahead.
 */
export function stagePath(map: TechMap, from: string, to: string): Stage[] | null {
  const first = stageOf(map, from);
  if (!first) return null;
  const previous = new Map<string, string | null>([[first.key, null]]);
  const queue: Stage[] = [first];
  while (queue.length > 0) {
    const stage = queue.shift()!;
    if (stage.key === to) {
      const path: Stage[] = [];
      for (let key: string | null = stage.key; key !== null; key = previous.get(key) ?? null) {
        path.unshift(stageOf(map, key)!);
      }
      return path;
    }
    if (isFinal(stage)) continue;
    for (const next of nextStages(map, stage)) {
      if (!previous.has(next.key)) {
        previous.set(next.key, stage.key);
        queue.push(next);
      }
    }
  }
  return null;
}

export type RequestToSend =
  { kind: 'interagency'; request: InteragencyRequestDef } | { kind: 'intra'; request: IntraRequestDef };

/**
 * The requests of a stage to send now, given those already sent and answered: `parallel` and
 * `blocking` ones at once; a `sequential` one once the request before it in the stage is answered.
 * Requests to other units of the municipality go at once.
 */
export function requestsToSend(
  stage: Stage,
  sent: readonly string[],
  answered: readonly string[],
): RequestToSend[] {
  const out: RequestToSend[] = [];
  stage.interagencyRequests.forEach((request, index) => {
    if (sent.includes(request.key)) return;
    if (request.mode === 'sequential' && index > 0) {
      const before = stage.interagencyRequests[index - 1]!;
      if (!answered.includes(before.key)) return;
    }
    out.push({ kind: 'interagency', request });
  });
  for (const request of stage.intraRequests) {
    if (!sent.includes(request.key)) out.push({ kind: 'intra', request });
  }
  return out;
}

/**
 * The actions of the intake (start) stage: «Принять» (the action without grounds, leading to the first
 * working stage) and «Отказать» (grounds `intake`: the refusal of intake, 210-ФЗ ст. 7 ч. 1 п. 1).
 * Undefined when the map's start stage is not an intake stage or lacks either action.
 */
export function intakeActions(map: TechMap): { stage: Stage; accept: Action; refuse: Action } | undefined {
  const stage = startStage(map);
  if (!stage || stage.kind !== 'intake') return undefined;
  const accept = stage.actions.find((action) => action.grounds === null);
  const refuse = stage.actions.find((action) => action.grounds === 'intake');
  return accept && refuse ? { stage, accept, refuse } : undefined;
}
