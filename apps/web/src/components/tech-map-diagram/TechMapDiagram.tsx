import '@xyflow/react/dist/style.css';
import './tech-map-diagram.css';
import { Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import type { DefinitionProblem, TechMap } from '@uslugi/contracts';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { layoutMap, NODE_HEIGHT, NODE_WIDTH, type LaidStage } from './layout';

type StageNode = Node<{ stage: LaidStage; problems: number; current: boolean }, 'stage'>;

function StageBox({ data }: NodeProps<StageNode>) {
  const { stage, problems, current } = data;
  return (
    <div
      className={`tmd-stage tmd-kind-${stage.kind}${problems ? ' tmd-has-problems' : ''}${stage.start ? ' tmd-start' : ''}${current ? ' tmd-current' : ''}`}
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
      data-testid={`diagram-stage-${stage.key}`}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="tmd-name">{stage.name || stage.key}</div>
      <div className="tmd-meta">
        {stage.kindTitle}
        {stage.term ? ` · ${stage.term}` : ''}
      </div>
      {problems > 0 && <div className="tmd-problems">Замечаний: {problems}</div>}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

const NODE_TYPES = { stage: StageBox };

/** The parts of a map the diagram draws: a change elsewhere (a term's field being typed) lays out nothing new. */
function shapeOf(map: TechMap | undefined) {
  return JSON.stringify({
    start: map?.start,
    stages: (map?.stages ?? []).map((stage) => [
      stage?.key,
      stage?.name,
      stage?.kind,
      stage?.term,
      (stage?.actions ?? []).map((action) => [action.key, action.to, action.label]),
    ]),
  });
}

interface TechMapDiagramProps {
  techMap: TechMap | undefined;
  problems?: readonly DefinitionProblem[];
  onStageClick?: (key: string) => void;
  /** The stage a case is at, highlighted (the case card). */
  currentStage?: string;
}

/**
 * The technological map as a picture: stages as boxes, actions as arrows labelled with their buttons,
 * laid out by dagre and drawn by React Flow. Read-only (nothing is dragged or connected): the map is
 * edited in the stages' forms. The same transitions are listed as text for those who do not see it.
 */
export function TechMapDiagram({ techMap, problems = [], onStageClick, currentStage }: TechMapDiagramProps) {
  const shape = shapeOf(techMap);
  // Laid out again only when the drawn shape changes, not on every keystroke elsewhere in the form.
  const layout = useMemo(() => layoutMap(techMap), [shape]);
  const counts = useMemo(() => {
    const byStage = new Map<string, number>();
    for (const problem of problems) {
      const key = problem.stageKey ?? problem.part;
      byStage.set(key, (byStage.get(key) ?? 0) + 1);
    }
    return byStage;
  }, [problems]);

  const nodes = useMemo<StageNode[]>(
    () =>
      layout.stages.map((stage) => ({
        id: stage.key,
        type: 'stage',
        position: { x: stage.x, y: stage.y },
        // Known sizes: the view is fitted to the drawing without waiting for the boxes to be measured.
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        data: { stage, problems: counts.get(stage.key) ?? 0, current: stage.key === currentStage },
        draggable: false,
        connectable: false,
        selectable: false,
        focusable: false,
      })),
    [layout, counts, currentStage],
  );
  const edges = useMemo<Edge[]>(
    () =>
      layout.actions.map((action) => ({
        id: action.id,
        source: action.from,
        target: action.to,
        label: action.label,
        type: 'smoothstep',
        markerEnd: { type: MarkerType.ArrowClosed },
        focusable: false,
        selectable: false,
        labelBgPadding: [4, 2],
        labelBgBorderRadius: 3,
        className: action.from === action.to ? 'tmd-self' : undefined,
      })),
    [layout],
  );
  // The drawing fitted to the box by its known size (centred, never larger than life): the box's
  // width is measured once it is on the screen.
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setWidth(Math.round(element.getBoundingClientRect().width));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const height = Math.round(Math.min(720, Math.max(280, layout.height * 0.8 + 40)));
  const viewport = useMemo(() => {
    if (width <= 0 || layout.width <= 0) return null;
    const pad = 16;
    const zoom = Math.max(
      0.3,
      Math.min(1, (width - 2 * pad) / layout.width, (height - 2 * pad) / layout.height),
    );
    return { x: Math.max(pad, (width - layout.width * zoom) / 2), y: pad, zoom };
  }, [width, height, layout]);
  const names = new Map(layout.stages.map((stage) => [stage.key, stage.name || stage.key]));

  return (
    <figure className="tmd" data-testid="tech-map-diagram">
      {/* As tall as the drawing needs at a readable scale, within the screen. */}
      <div className="tmd-canvas" aria-hidden="true" style={{ height }} ref={box}>
        {viewport && (
          <ReactFlow
            key={`${width}:${shape}`}
            defaultViewport={viewport}
            nodes={nodes}
            edges={edges}
            nodeTypes={NODE_TYPES}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            zoomOnScroll={false}
            preventScrolling={false}
            // The library's link would be a focusable element inside a picture hidden from screen
            // readers; it is credited in words under the picture instead.
            proOptions={{ hideAttribution: true }}
            minZoom={0.3}
            maxZoom={1.2}
            onNodeClick={(_, node) => onStageClick?.(node.id)}
          />
        )}
      </div>
      <figcaption>
        {currentStage && (
          <p className="tmd-current-text" data-testid="diagram-current-stage">
            Текущий этап: <b>{names.get(currentStage) ?? currentStage}</b>
          </p>
        )}
        <details className="tmd-text">
          <summary>Переходы между этапами текстом</summary>
          <ul>
            {layout.actions.map((action) => (
              <li key={action.id}>
                {names.get(action.from)} → «{action.label}» → {names.get(action.to)}
              </li>
            ))}
            {layout.dangling.map((action) => (
              <li key={action.id} className="tmd-dangling">
                {names.get(action.from)} → «{action.label}» → этап не указан или не существует
              </li>
            ))}
          </ul>
        </details>
        <span className="tmd-credit">Схема построена библиотеками React Flow и dagre.</span>
      </figcaption>
    </figure>
  );
}
