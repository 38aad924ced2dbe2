import { describe, expect, it } from 'vitest';
import { formatRegistrationNumber, intakeActions, takeAction } from '@uslugi/contracts';
import { catalogDefinitions, fixtureDefinition } from './catalog-support.js';

describe('the intake stage of a map', () => {
  const { data, fixtures } = catalogDefinitions();

  it.each([...data, ...fixtures].map((d) => [d.name, d.definition] as const))(
    '%s: «Принять» leads to a working stage, «Отказать» is the refusal of intake',
    (_, definition) => {
      const intake = intakeActions(definition.techMap);
      if (!intake) return; // a map without an intake stage opens no case at intake
      expect(intake.stage.key).toBe(definition.techMap.start);
      expect(intake.accept.grounds).toBeNull();
      expect(intake.refuse.grounds).toBe('intake');
      const taken = takeAction(definition.techMap, intake.stage.key, intake.accept.key, ['employee']);
      if (taken.ok) expect(taken.to.kind).not.toBe('final');
    },
  );

  it('is undefined when the start stage is not an intake stage or lacks an action', () => {
    const definition = fixtureDefinition();
    const map = definition.techMap;
    const start = map.stages.find((s) => s.key === map.start)!;
    expect(
      intakeActions({
        ...map,
        stages: map.stages.map((s) => (s === start ? { ...s, kind: 'work' as const } : s)),
      }),
    ).toBeUndefined();
    const noRefusal = { ...start, actions: start.actions.filter((a) => a.grounds !== 'intake') };
    expect(
      intakeActions({ ...map, stages: map.stages.map((s) => (s === start ? noRefusal : s)) }),
    ).toBeUndefined();
  });

  it('every demo service has one', () => {
    for (const { name, definition } of data) expect(intakeActions(definition.techMap), name).toBeDefined();
  });
});

describe('registration number format', () => {
  it('renders the tokens', () => {
    const parts = { seq: 7, date: '2026-03-09', serviceCode: 'gpzu' };
    expect(formatRegistrationNumber('{seq:5}/{yyyy}', parts)).toBe('00007/2026');
    expect(formatRegistrationNumber('{service}-{yy}{mm}{dd}-{seq}', parts)).toBe('gpzu-260309-7');
  });
});
