import type { ServiceDefinition } from '@uslugi/contracts';

/**
 * Where a definition names a unit: the card's responsible unit, a stage's responsible unit and the
 * unit an intra-agency request goes to. Stored definitions name them by id; an export file by the
 * references of its `units` list.
 */
export function unitRefsOf(definition: ServiceDefinition): string[] {
  const refs = new Set<string>([definition.card.responsibleUnitRef]);
  for (const stage of definition.techMap.stages) {
    if (stage.responsible?.unitRef) refs.add(stage.responsible.unitRef);
    for (const request of stage.intraRequests) refs.add(request.unitRef);
  }
  return [...refs];
}

/** The definition with every unit reference replaced (id → ref on export, ref → id on import). */
export function mapUnitRefs(definition: ServiceDefinition, map: (ref: string) => string): ServiceDefinition {
  return {
    ...definition,
    card: { ...definition.card, responsibleUnitRef: map(definition.card.responsibleUnitRef) },
    techMap: {
      ...definition.techMap,
      stages: definition.techMap.stages.map((stage) => ({
        ...stage,
        responsible: stage.responsible && {
          ...stage.responsible,
          unitRef: stage.responsible.unitRef === null ? null : map(stage.responsible.unitRef),
        },
        intraRequests: stage.intraRequests.map((request) => ({ ...request, unitRef: map(request.unitRef) })),
      })),
    },
  };
}

const normalized = (name: string) => name.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** Whether two units' names are the same for a person (case, «ё» and spacing aside). */
export function sameName(a: string, b: string): boolean {
  return normalized(a) === normalized(b);
}
