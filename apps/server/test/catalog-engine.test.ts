import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actionRoles,
  allowedActions,
  groundsFor,
  isFinal,
  reachable,
  reachesFinal,
  requestsToSend,
  stageOf,
  stagePath,
  startStage,
  takeAction,
  validateDefinition,
  type Action,
  type ActionInput,
  type InteragencyRequestDef,
  type ServiceDefinition,
  type Stage,
  type TechMap,
} from '@uslugi/contracts';
import { ROLES, type Role } from '@uslugi/contracts/roles';
import { catalogDefinitions, fixtureDefinition, type NamedDefinition } from './catalog-support.js';

/** Everything an action may need, so that only the role decides. */
function fullInput(stage: Stage): ActionInput {
  return {
    reason: 'Не приложен технический план',
    grounds: ['some_ground'],
    signed: true,
    answeredRequests: stage.interagencyRequests.map((r) => r.key),
  };
}

/**
 * The engine's promises for one map: every allowed action is taken with its inputs and leads to a
 * stage of the map; an action outside `allowedActions` is refused; each missing input is named.
 */
function checkEveryAction(map: TechMap, name: string) {
  for (const stage of map.stages) {
    for (const role of ROLES) {
      const allowed = allowedActions(map, stage.key, [role]);
      for (const action of stage.actions) {
        const outcome = takeAction(map, stage.key, action.key, [role], fullInput(stage));
        const label = `${name}: ${stage.key} › ${action.key} as ${role}`;
        if (allowed.includes(action)) {
          expect(outcome.ok, label).toBe(true);
          if (outcome.ok) {
            expect(outcome.to.key, label).toBe(action.to);
            expect(map.stages, label).toContain(outcome.to);
            expect(outcome.decision, label).toBe(action.decision);
          }
          expectEachInputNeeded(map, stage, action, role, label);
        } else {
          expect(outcome, label).toMatchObject({
            ok: false,
            code: isFinal(stage) ? 'final_stage' : 'role_not_allowed',
          });
          expect(actionRoles(stage, action), label).not.toContain(role);
        }
      }
      if (isFinal(stage)) expect(allowed).toEqual([]);
    }
  }
}

function expectEachInputNeeded(map: TechMap, stage: Stage, action: Action, role: Role, label: string) {
  const full = fullInput(stage);
  const without = (input: ActionInput) => takeAction(map, stage.key, action.key, [role], input);
  if (action.reason) {
    expect(without({ ...full, reason: '  ' }), label).toMatchObject({ ok: false, code: 'reason_required' });
  }
  if (action.grounds) {
    expect(without({ ...full, grounds: [] }), label).toMatchObject({ ok: false, code: 'grounds_required' });
  }
  if (action.signature) {
    expect(without({ ...full, signed: false }), label).toMatchObject({
      ok: false,
      code: 'signature_required',
    });
  }
  for (const request of stage.interagencyRequests.filter((r) => r.mode === 'blocking')) {
    const answered = full.answeredRequests!.filter((key) => key !== request.key);
    expect(without({ ...full, answeredRequests: answered }), label).toMatchObject({
      ok: false,
      code: 'awaiting_answer',
    });
  }
  if (!action.reason && !action.grounds && !action.signature) {
    const blocking = stage.interagencyRequests.filter((r) => r.mode === 'blocking').map((r) => r.key);
    expect(without({ answeredRequests: blocking }).ok, label).toBe(true);
  }
}

function checkEveryStageReachesFinal(map: TechMap, name: string) {
  const toFinal = reachesFinal(map);
  for (const key of reachable(map)) {
    expect(toFinal.has(key), `${name}: ${key}`).toBe(true);
    const path = stagePath(map, map.start, key);
    expect(path?.[0]?.key, `${name}: ${key}`).toBe(map.start);
    expect(path?.at(-1)?.key, `${name}: ${key}`).toBe(key);
  }
}

describe('engine on the fixture map', () => {
  const map = fixtureDefinition().techMap;

  it('finds stages and the start', () => {
    expect(startStage(map)?.key).toBe('intake');
    expect(stageOf(map, 'review')?.name).toBe('Межведомственные запросы и рассмотрение');
    expect(stageOf(map, 'nothing')).toBeUndefined();
    expect(isFinal(stageOf(map, 'granted')!)).toBe(true);
    expect(isFinal(stageOf(map, 'issue')!)).toBe(false);
  });

  it('allows an action to its own roles, or to the responsible role when it names none', () => {
    expect(allowedActions(map, 'intake', ['employee']).map((a) => a.key)).toEqual([
      'accept',
      'refuse_intake',
      'withdraw',
    ]);
    expect(allowedActions(map, 'intake', ['operator']).map((a) => a.key)).toEqual(['withdraw']);
    expect(allowedActions(map, 'approve', ['head']).map((a) => a.key)).toEqual(['head_return']);
    expect(allowedActions(map, 'approve', ['approver']).map((a) => a.key)).toEqual(['sign', 'return']);
    expect(allowedActions(map, 'approve', ['employee'])).toEqual([]);
    expect(allowedActions(map, 'approve', ['employee', 'approver', 'head'])).toHaveLength(3);
    expect(allowedActions(map, 'granted', ROLES)).toEqual([]);
    expect(allowedActions(map, 'nothing', ROLES)).toEqual([]);
  });

  it('refuses with the first thing wrong', () => {
    const take = (stage: string, action: string, roles: Role[], input: ActionInput = {}) =>
      takeAction(map, stage, action, roles, input);
    expect(take('nothing', 'accept', ['employee'])).toMatchObject({ ok: false, code: 'unknown_stage' });
    expect(take('granted', 'accept', ['employee'])).toMatchObject({
      ok: false,
      code: 'final_stage',
      message: 'Этап «Услуга предоставлена» завершающий: действия по нему не выполняются',
    });
    expect(take('intake', 'sign', ['employee'])).toMatchObject({ ok: false, code: 'unknown_action' });
    expect(take('approve', 'sign', ['employee'], { signed: true })).toMatchObject({
      ok: false,
      code: 'role_not_allowed',
      message: 'Действие «Подписать» выполняет другая роль',
    });
    expect(take('approve', 'return', ['approver'])).toMatchObject({
      ok: false,
      code: 'reason_required',
      message: 'Действие «Вернуть на доработку»: укажите причину',
    });
    expect(take('decision', 'refuse', ['employee'], { grounds: [] })).toMatchObject({
      ok: false,
      code: 'grounds_required',
    });
    expect(take('approve', 'sign', ['approver'])).toMatchObject({ ok: false, code: 'signature_required' });
    expect(take('review', 'to_decision', ['employee'], { answeredRequests: ['req_egrul'] })).toMatchObject({
      ok: false,
      code: 'awaiting_answer',
      message:
        'Этап «Межведомственные запросы и рассмотрение»: не получен ответ на запрос «Запрос выписки из ЕГРН»',
    });
  });

  it('with the card, takes only grounds of the action own list', () => {
    const def = fixtureDefinition();
    const refuse = stageOf(def.techMap, 'decision')!.actions.find((a) => a.key === 'refuse')!;
    expect(groundsFor(def.card, refuse).map((g) => g.key)).toEqual(['no_rights', 'false_data']);
    expect(groundsFor(def.card, stageOf(def.techMap, 'decision')!.actions[0]!)).toEqual([]);
    const take = (grounds: string[]) =>
      takeAction(def.techMap, 'decision', 'refuse', ['employee'], { grounds }, def.card);
    expect(take(['no_rights', 'false_data']).ok).toBe(true);
    // An intake ground does not refuse the service.
    expect(take(['no_rights', 'incomplete'])).toMatchObject({
      ok: false,
      code: 'grounds_required',
      message: 'Действие «Подготовить отказ»: основания «incomplete» нет в перечне регламента',
    });
    expect(
      takeAction(def.techMap, 'intake', 'refuse_intake', ['employee'], { grounds: ['incomplete'] }, def.card)
        .ok,
    ).toBe(true);
  });

  it('takes an action with what it needs and says where it leads', () => {
    const outcome = takeAction(map, 'decision', 'refuse', ['employee'], { grounds: ['no_rights'] });
    expect(outcome).toMatchObject({ ok: true, decision: 'refuse' });
    expect(outcome.ok && outcome.to.key).toBe('approve_refusal');
    const sign = takeAction(map, 'approve', 'sign', ['approver'], { signed: true });
    expect(sign.ok && sign.to.name).toBe('Выдача справки');
    // Only a blocking request holds the stage; the parallel and sequential ones do not.
    expect(
      takeAction(map, 'review', 'to_decision', ['employee'], { answeredRequests: ['req_egrn'] }).ok,
    ).toBe(true);
  });

  it('sends parallel and blocking requests at once, a sequential one after the answer before it', () => {
    const review = stageOf(map, 'review')!;
    const keys = (sent: string[], answered: string[]) =>
      requestsToSend(review, sent, answered).map((r) => r.request.key);
    expect(keys([], [])).toEqual(['req_egrn', 'req_egrul', 'ask_property']);
    expect(requestsToSend(review, [], []).map((r) => r.kind)).toEqual([
      'interagency',
      'interagency',
      'intra',
    ]);
    expect(keys(['req_egrn', 'req_egrul', 'ask_property'], [])).toEqual([]);
    expect(keys(['req_egrn', 'req_egrul', 'ask_property'], ['req_egrn'])).toEqual(['req_egrn_rights']);
    expect(keys(['req_egrn', 'req_egrn_rights', 'req_egrul', 'ask_property'], ['req_egrn'])).toEqual([]);
    expect(requestsToSend(stageOf(map, 'intake')!, [], [])).toEqual([]);
  });

  it('a sequential request first in its stage goes at once', () => {
    const stage = structuredClone(stageOf(map, 'review')!);
    stage.interagencyRequests = [{ ...stage.interagencyRequests[1]! }, { ...stage.interagencyRequests[0]! }];
    expect(requestsToSend(stage, [], []).map((r) => r.request.key)).toEqual([
      'req_egrn_rights',
      'req_egrn',
      'ask_property',
    ]);
  });

  it('finds paths and reachability', () => {
    expect(stagePath(map, 'intake', 'granted')?.map((s) => s.key)).toEqual([
      'intake',
      'review',
      'decision',
      'approve',
      'issue',
      'granted',
    ]);
    expect(stagePath(map, 'granted', 'intake')).toBeNull();
    expect(stagePath(map, 'nothing', 'intake')).toBeNull();
    expect(stagePath(map, 'approve', 'review')?.map((s) => s.key)).toEqual(['approve', 'decision', 'review']);
    expect(reachable(map).size).toBe(map.stages.length);
    expect([...reachable(map, 'approve_refusal')].sort()).toEqual(
      // Not back to the intake: no action returns there.
      [
        'approve',
        'approve_refusal',
        'decision',
        'granted',
        'issue',
        'issue_refusal',
        'refused',
        'review',
        'withdrawn',
      ],
    );
    expect(reachable(map, 'nothing').size).toBe(0);
  });

  it('keeps every promise for every stage, action and role', () => {
    checkEveryAction(map, 'fixture');
    checkEveryStageReachesFinal(map, 'fixture');
  });
});

describe('engine on every map of data/catalog and the fixtures (zero sample files is fine)', () => {
  const { data, fixtures } = catalogDefinitions();
  const all: NamedDefinition[] = [...data, ...fixtures];

  it('has the fixture map at least', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it('every stage × action × role', () => {
    for (const { name, definition } of all) checkEveryAction(definition.techMap, name);
  });

  it('every stage reachable from the start reaches a final stage', () => {
    for (const { name, definition } of all) {
      expect(reachable(definition.techMap).size, name).toBe(definition.techMap.stages.length);
      checkEveryStageReachesFinal(definition.techMap, name);
    }
  });
});

// ── Property tests: arbitrary valid maps ───────────────────────────────────────────────────────

interface MapPlan {
  /** Working stages between the intake and the approval (0…6). */
  middle: { role: Role; kind: 'work' | 'decision' | 'issue' }[];
  /** For each working stage (intake first), extra forward/backward targets by relative index. */
  extra: {
    forward: number;
    back: number;
    roles: Role[];
    reason: boolean;
    requests: ('parallel' | 'sequential' | 'blocking')[];
  }[];
  approverRole: Role;
  withWithdrawal: boolean;
}

const roleArb = fc.constantFrom(...ROLES);
const planArb: fc.Arbitrary<MapPlan> = fc
  .array(
    fc.record({
      role: roleArb,
      kind: fc.constantFrom('work' as const, 'decision' as const, 'issue' as const),
    }),
    {
      maxLength: 6,
    },
  )
  .chain((middle) =>
    fc.record({
      middle: fc.constant(middle),
      extra: fc.array(
        fc.record({
          forward: fc.nat({ max: 8 }),
          back: fc.nat({ max: 8 }),
          roles: fc.uniqueArray(roleArb, { maxLength: 3 }),
          reason: fc.boolean(),
          requests: fc.array(
            fc.constantFrom('parallel' as const, 'sequential' as const, 'blocking' as const),
            {
              maxLength: 3,
            },
          ),
        }),
        { minLength: middle.length + 1, maxLength: middle.length + 1 },
      ),
      approverRole: roleArb,
      withWithdrawal: fc.boolean(),
    }),
  );

/**
 * A valid definition from a plan: intake → the middle stages in a chain → approval (signed) → the
 * finals, each stage with extra actions forward and back (a return for revision), so every stage is
 * reached from the start and reaches a final stage.
 */
function definitionFromPlan(plan: MapPlan): ServiceDefinition {
  const def = fixtureDefinition();
  const action = (key: string, to: string, extra: Partial<Action> = {}): Action => ({
    key,
    label: `Действие ${key}`,
    to,
    roles: [],
    decision: null,
    signature: false,
    reason: false,
    grounds: null,
    ...extra,
  });
  const finals: Stage[] = [
    finalStage('granted', 'granted', 'certificate'),
    finalStage('refused', 'refused', 'refusal'),
    finalStage('intake_refused', 'intake_refused', null),
  ];
  if (plan.withWithdrawal) finals.push(finalStage('withdrawn', 'withdrawn', null));
  const working: Stage[] = [
    workStage('s0', 'intake', 'employee'),
    ...plan.middle.map((m, i) => workStage(`s${i + 1}`, m.kind, m.role)),
  ];
  const approve = workStage('approve', 'approval', plan.approverRole);
  const chain = [...working, approve];
  working.forEach((stage, i) => {
    const extra = plan.extra[i]!;
    stage.actions.push(action('next', chain[i + 1]!.key, { roles: extra.roles }));
    const forward = chain[Math.min(i + 1 + extra.forward, chain.length - 1)]!;
    if (forward.key !== chain[i + 1]!.key) stage.actions.push(action('jump', forward.key));
    if (i > 0) {
      const back = chain[Math.max(0, i - 1 - extra.back)]!;
      stage.actions.push(action('back', back.key, { reason: true, roles: extra.roles }));
    }
    stage.interagencyRequests = extra.requests.map((mode, n): InteragencyRequestDef => ({
      key: `r_${stage.key}_${n}`,
      name: `Запрос ${n + 1} этапа ${stage.key}`,
      agency: 'rosreestr',
      requestKind: 'egrn_object',
      documentKey: 'egrn',
      answerTerm: { amount: 5, unit: 'working_days' },
      mode,
    }));
    if (plan.withWithdrawal) stage.actions.push(action('withdraw', 'withdrawn', { reason: extra.reason }));
  });
  working[0]!.actions.push(
    action('refuse_intake', 'intake_refused', { decision: 'refuse', grounds: 'intake' }),
  );
  working.at(-1)!.actions.push(action('refuse', 'refused', { decision: 'refuse', grounds: 'service' }));
  approve.actions.push(
    action('sign', 'granted', { signature: true, decision: 'grant' }),
    action('return', working.at(-1)!.key, { reason: true }),
  );
  def.techMap = { start: 's0', stages: [...chain, ...finals] };
  return def;
}

function workStage(key: string, kind: Stage['kind'], role: Role): Stage {
  return {
    key,
    name: `Этап ${key}`,
    kind,
    responsible: { role, unitRef: null },
    term: { amount: 2, unit: 'working_days' },
    actions: [],
    documents: [],
    interagencyRequests: [],
    intraRequests: [],
    outcome: null,
    resultKey: null,
  };
}

function finalStage(key: string, outcome: NonNullable<Stage['outcome']>, resultKey: string | null): Stage {
  return { ...workStage(key, 'final', 'employee'), responsible: null, term: null, outcome, resultKey };
}

describe('engine properties on arbitrary valid maps', () => {
  it('the validator finds no problem in a generated map', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        expect(validateDefinition(definitionFromPlan(plan))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('every allowed action is taken and leads to a stage of the map; no other action is', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        checkEveryAction(definitionFromPlan(plan).techMap, 'generated');
      }),
      { numRuns: 150 },
    );
  });

  it('for any set of roles, allowedActions is exactly what takeAction accepts', () => {
    fc.assert(
      fc.property(planArb, fc.uniqueArray(roleArb), (plan, roles) => {
        const map = definitionFromPlan(plan).techMap;
        for (const stage of map.stages) {
          const allowed = allowedActions(map, stage.key, roles);
          for (const action of stage.actions) {
            const outcome = takeAction(map, stage.key, action.key, roles, fullInput(stage));
            expect(outcome.ok).toBe(allowed.includes(action));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('from the start every stage reaches a final stage', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const map = definitionFromPlan(plan).techMap;
        expect(reachable(map).size).toBe(map.stages.length);
        checkEveryStageReachesFinal(map, 'generated');
      }),
      { numRuns: 150 },
    );
  });

  it('a walk of random allowed actions ends at a final stage or keeps to the map', () => {
    fc.assert(
      fc.property(planArb, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (plan, choices) => {
        const map = definitionFromPlan(plan).techMap;
        let stage = startStage(map)!;
        for (const choice of choices) {
          if (isFinal(stage)) break;
          const actions = allowedActions(map, stage.key, ROLES);
          expect(actions.length).toBeGreaterThan(0);
          const action = actions[choice % actions.length]!;
          const outcome = takeAction(map, stage.key, action.key, ROLES, fullInput(stage));
          expect(outcome.ok).toBe(true);
          if (!outcome.ok) return;
          stage = outcome.to;
        }
        expect(map.stages).toContain(stage);
      }),
      { numRuns: 100 },
    );
  });
});
