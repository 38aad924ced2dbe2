import {
  DIFF_AREA_TITLES,
  DIFF_AREAS,
  diffDefinitions,
  type DefinitionChange,
  type DiffArea,
  type ServiceVersion,
} from '@uslugi/contracts';

export interface CompareChange {
  /** Where, in words: «Этап «Рассмотрение»: срок». */
  where: string;
  before: string | null;
  after: string | null;
}

export interface CompareGroup {
  area: DiffArea;
  title: string;
  changes: CompareChange[];
}

/** «Этап «Рассмотрение»: срок 5 рабочих дней → 7 рабочих дней» → «Этап «Рассмотрение»: срок». */
function whereOf(change: DefinitionChange): string {
  const tail =
    change.before !== undefined && change.after !== undefined ? `${change.before} → ${change.after}` : '';
  const title = tail && change.title.endsWith(tail) ? change.title.slice(0, -tail.length) : change.title;
  return title.trim().replace(/:$/, '');
}

/**
 * Two versions side by side: the comparison of the contracts (`diffDefinitions`, parts matched by
 * their keys), grouped by area (card, stages, documents, form), before → after. Units are named, not
 * shown by their ids.
 */
export function compareDefinitions(from: ServiceVersion, to: ServiceVersion): CompareGroup[] {
  const units = { ...from.units, ...to.units };
  const named = (text: string | undefined) =>
    text === undefined
      ? undefined
      : Object.entries(units).reduce((out, [id, name]) => out.split(id).join(name), text);
  const groups = new Map<DiffArea, CompareChange[]>();
  for (const change of diffDefinitions(from.definition, to.definition)) {
    const before = named(change.before);
    const after = named(change.after);
    const row: CompareChange =
      change.kind === 'added'
        ? { where: named(whereOf(change)) ?? '', before: null, after: after ?? 'добавлено' }
        : change.kind === 'removed'
          ? { where: named(whereOf(change)) ?? '', before: before ?? 'было', after: null }
          : { where: named(whereOf(change)) ?? '', before: before ?? '', after: after ?? '' };
    groups.set(change.area, [...(groups.get(change.area) ?? []), row]);
  }
  return DIFF_AREAS.filter((area) => groups.has(area)).map((area) => ({
    area,
    title: DIFF_AREA_TITLES[area],
    changes: groups.get(area) ?? [],
  }));
}
