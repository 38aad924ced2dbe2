import type { OrgUnit } from '@uslugi/contracts';

export interface OrgUnitNode {
  unit: OrgUnit;
  depth: number;
  children: OrgUnitNode[];
}

const byName = (a: OrgUnit, b: OrgUnit) => a.name.localeCompare(b.name, 'ru');

/** Builds the forest; a unit whose parent is missing (or that sits in a cycle) becomes a root. */
export function buildTree(units: OrgUnit[]): OrgUnitNode[] {
  const ids = new Set(units.map((unit) => unit.id));
  const childrenOf = new Map<string, OrgUnit[]>();
  const roots: OrgUnit[] = [];
  for (const unit of units) {
    if (unit.parentId !== null && ids.has(unit.parentId) && unit.parentId !== unit.id) {
      const siblings = childrenOf.get(unit.parentId) ?? [];
      siblings.push(unit);
      childrenOf.set(unit.parentId, siblings);
    } else {
      roots.push(unit);
    }
  }
  const placed = new Set<string>();
  const build = (unit: OrgUnit, depth: number): OrgUnitNode => {
    placed.add(unit.id);
    const children = (childrenOf.get(unit.id) ?? [])
      .filter((child) => !placed.has(child.id))
      .sort(byName)
      .map((child) => build(child, depth + 1));
    return { unit, depth, children };
  };
  const forest = roots.sort(byName).map((unit) => build(unit, 0));
  // Units caught in a parent cycle are unreachable from any root: show them at the top level.
  for (const unit of units) if (!placed.has(unit.id)) forest.push(build(unit, 0));
  return forest;
}

/** Depth-first order, for selects. */
export function flatten(nodes: OrgUnitNode[]): OrgUnitNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

export function descendantIds(nodes: OrgUnitNode[], id: string): Set<string> {
  const node = flatten(nodes).find((candidate) => candidate.unit.id === id);
  return new Set(node ? flatten([node]).map((child) => child.unit.id) : []);
}

export function indentedLabel(node: OrgUnitNode): string {
  return `${'\u00a0\u00a0\u00a0'.repeat(node.depth)}${node.unit.name}`;
}
