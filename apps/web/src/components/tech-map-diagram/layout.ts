import dagre from '@dagrejs/dagre';
import { STAGE_KIND_TITLES, formatTerm, type StageKind, type TechMap, type Term } from '@uslugi/contracts';

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 84;

export interface LaidStage {
  key: string;
  name: string;
  kindTitle: string;
  kind: StageKind;
  term: string | null;
  start: boolean;
  x: number;
  y: number;
}

export interface LaidAction {
  id: string;
  from: string;
  to: string;
  label: string;
}

export interface MapLayout {
  stages: LaidStage[];
  actions: LaidAction[];
  /** Actions that lead to no stage of the map (the validator names them too). */
  dangling: LaidAction[];
  /** The drawing's size before any zoom. */
  width: number;
  height: number;
}

/**
 * Places the stages of a map top to bottom along its actions (dagre's layered layout); an action is
 * an arrow from its stage to the next one. Stages without a key are left out until they have one.
 */
export function layoutMap(map: TechMap | undefined): MapLayout {
  const stages = (map?.stages ?? []).filter((stage) => stage?.key);
  const keys = new Set(stages.map((stage) => stage.key));
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  // Labels are not given a size: dagre would put each on a rank of its own and double the height.
  graph.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 60, edgesep: 20, marginx: 10, marginy: 10 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const stage of stages) graph.setNode(stage.key, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const actions: LaidAction[] = [];
  const dangling: LaidAction[] = [];
  stages.forEach((stage) => {
    (stage.actions ?? []).forEach((action, index) => {
      const laid = {
        id: `${stage.key}:${action.key || index}:${index}`,
        from: stage.key,
        to: action.to,
        label: action.label,
      };
      if (keys.has(action.to)) {
        actions.push(laid);
        graph.setEdge(stage.key, action.to, {}, laid.id);
      } else dangling.push(laid);
    });
  });
  dagre.layout(graph);
  const size = graph.graph() as { width?: number; height?: number };
  return {
    width: size.width ?? 0,
    height: size.height ?? 0,
    stages: stages.map((stage) => {
      const node = graph.node(stage.key) as { x: number; y: number };
      return {
        key: stage.key,
        name: stage.name,
        kind: stage.kind,
        kindTitle: STAGE_KIND_TITLES[stage.kind] ?? stage.kind,
        term: stage.term ? safeTerm(stage.term) : null,
        start: map?.start === stage.key,
        x: node.x - NODE_WIDTH / 2,
        y: node.y - NODE_HEIGHT / 2,
      };
    }),
    actions,
    dangling,
  };
}

function safeTerm(term: Term): string | null {
  return Number.isInteger(term.amount) && term.amount > 0 ? formatTerm(term) : null;
}
