import type { ServiceDefinition, Stage } from '@uslugi/contracts';
import { inTenant } from '../src/db/tenant.js';
import type { CaseWorld, ServiceCode } from './cases-support.js';
import { serviceIdOf } from './intake-support.js';

/**
 * Publishes a new version of a sample service whose map is the current one changed by `edit` (a
 * published version is frozen, so the change is a new version, as a methodologist's publication is).
 * Cases opened afterwards pin it.
 */
export async function republish(
  world: CaseWorld,
  municipalityId: string,
  code: ServiceCode,
  edit: (definition: ServiceDefinition) => void,
): Promise<void> {
  const serviceId = await serviceIdOf(world.t, municipalityId, code);
  await inTenant(world.t.database, municipalityId, async (tx) => {
    const current = await tx
      .selectFrom('serviceVersions')
      .selectAll()
      .where('serviceId', '=', serviceId)
      .where('state', '=', 'published')
      .executeTakeFirstOrThrow();
    const definition = structuredClone(current.definition) as ServiceDefinition;
    edit(definition);
    await tx
      .updateTable('serviceVersions')
      .set({ state: 'superseded' })
      .where('id', '=', current.id)
      .execute();
    await tx
      .insertInto('serviceVersions')
      .values({
        municipalityId,
        serviceId,
        number: current.number + 1,
        state: 'published',
        definition: JSON.stringify(definition),
        publishedAt: new Date(),
      })
      .execute();
  });
}

/** The stage of the map with this key (for `republish`'s edits). */
export function stageIn(definition: ServiceDefinition, key: string): Stage {
  const stage = definition.techMap.stages.find((s) => s.key === key);
  if (!stage) throw new Error(`no stage ${key}`);
  return stage;
}

/** The id of the municipality's unit with this name. */
export function unitNamed(world: CaseWorld, municipalityId: string, name: string): Promise<string> {
  return inTenant(world.t.database, municipalityId, async (tx) => {
    const row = await tx
      .selectFrom('orgUnits')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** Makes the employee the case's executor, as «Назначить мне» leaves it. */
export function makeExecutor(world: CaseWorld, municipalityId: string, caseId: string, employeeId: string) {
  return inTenant(world.t.database, municipalityId, (tx) =>
    tx
      .updateTable('cases')
      .set({ executorId: employeeId, assignedAt: world.clock.now })
      .where('id', '=', caseId)
      .execute(),
  );
}

export function requestsOf(world: CaseWorld, municipalityId: string, caseId: string) {
  return inTenant(world.t.database, municipalityId, (tx) =>
    tx
      .selectFrom('caseRequests')
      .selectAll()
      .where('caseId', '=', caseId)
      .orderBy('createdAt')
      .orderBy('requestKey')
      .execute(),
  );
}

export function journalOf(world: CaseWorld, municipalityId: string, objectId: string, action: string) {
  return inTenant(world.t.database, municipalityId, (tx) =>
    tx
      .selectFrom('journalEntries')
      .select(['action', 'actorId', 'payload'])
      .where('objectId', '=', objectId)
      .where('action', '=', action)
      .orderBy('id')
      .execute(),
  );
}

/**
 * Republishes the ГПЗУ service with its inter-agency requests of a kind SMEV does not carry (a conclusion
 * of another authority, answered by hand): for the tests of answers recorded by the executor, whose cases
 * then keep all three requests pending whoever the applicant is.
 */
export function requestsAnsweredByHand(world: CaseWorld, municipalityId: string): Promise<void> {
  return republish(world, municipalityId, 'gpzu', (definition) => {
    for (const stage of definition.techMap.stages) {
      for (const request of stage.interagencyRequests) {
        request.requestKind = 'okn_conclusion';
        request.agency = 'okn';
      }
    }
  });
}
