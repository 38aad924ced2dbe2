import type { OrgUnitNode } from './tree';

interface OrgUnitTreeProps {
  nodes: OrgUnitNode[];
  expanded: ReadonlySet<string>;
  selectedId: string | null;
  onToggle: (id: string) => void;
  /** Absent in read-only mode. */
  onEdit?: ((id: string) => void) | undefined;
}

export function OrgUnitTree(props: OrgUnitTreeProps) {
  return (
    <ul className="tree" data-testid="org-units-tree">
      {props.nodes.map((node) => (
        <TreeItem key={node.unit.id} node={node} {...props} />
      ))}
    </ul>
  );
}

function TreeItem({ node, ...props }: OrgUnitTreeProps & { node: OrgUnitNode }) {
  const { unit, children } = node;
  const isOpen = props.expanded.has(unit.id);
  const hasChildren = children.length > 0;
  return (
    <li>
      <div className={props.selectedId === unit.id ? 'tree-row tree-row-selected' : 'tree-row'}>
        {hasChildren ? (
          <button
            type="button"
            className="tree-toggle"
            aria-expanded={isOpen}
            aria-label={isOpen ? `Свернуть «${unit.name}»` : `Развернуть «${unit.name}»`}
            onClick={() => props.onToggle(unit.id)}
          >
            {isOpen ? '▾' : '▸'}
          </button>
        ) : (
          <span className="tree-toggle tree-toggle-leaf" aria-hidden="true" />
        )}
        <span className="tree-name">
          {unit.name}
          {unit.shortName && <span className="muted"> ({unit.shortName})</span>}
        </span>
        <span className="tree-head" title="Руководитель">
          {unit.headName ?? <span className="muted">руководитель не назначен</span>}
        </span>
        {props.onEdit && (
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Изменить «${unit.name}»`}
            onClick={() => props.onEdit?.(unit.id)}
          >
            Изменить
          </button>
        )}
      </div>
      {hasChildren && isOpen && (
        <ul>
          {children.map((child) => (
            <TreeItem key={child.unit.id} {...props} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}
