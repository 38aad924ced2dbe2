import type { OrgUnit } from '@uslugi/contracts';
import { useMemo, useState } from 'react';
import { useEmployees, useOrgUnits } from '../../../api/queries';
import { useSession } from '../../../auth/session-context';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { hasPermission } from '../../../lib/roles';
import { OrgUnitForm } from './OrgUnitForm';
import { OrgUnitTree } from './OrgUnitTree';
import { buildTree, flatten } from './tree';
import './org-units.css';

type Editing = { mode: 'none' } | { mode: 'create' } | { mode: 'edit'; id: string };

export function OrgUnitsPage() {
  const canManage = hasPermission(useSession().user, 'org.manage');
  const orgUnits = useOrgUnits();
  // The head select needs employees; without that right the form still works with the current head.
  const employees = useEmployees();
  const units = orgUnits.data ?? null;
  // Collapsed units; all open at first.
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<Editing>({ mode: 'none' });
  const [success, setSuccess] = useState<string | null>(null);

  const tree = useMemo(() => buildTree(units ?? []), [units]);
  const editedUnit = editing.mode === 'edit' ? (units?.find((unit) => unit.id === editing.id) ?? null) : null;

  const expanded = useMemo(
    () => new Set((units ?? []).map((unit) => unit.id).filter((id) => !collapsed.has(id))),
    [units, collapsed],
  );

  function toggle(id: string) {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function handleSaved(unit: OrgUnit, created: boolean) {
    setEditing({ mode: 'none' });
    setSuccess(created ? `Подразделение «${unit.name}» создано.` : `Изменения сохранены.`);
    if (unit.parentId) {
      const parentId = unit.parentId;
      setCollapsed((current) => new Set([...current].filter((id) => id !== parentId)));
    }
  }

  return (
    <>
      <div className="page-header">
        <h1>Подразделения</h1>
        <div className="toolbar">
          <button type="button" className="btn" onClick={() => setCollapsed(new Set())}>
            Развернуть все
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => setCollapsed(new Set(flatten(tree).map((node) => node.unit.id)))}
          >
            Свернуть все
          </button>
          {canManage && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => {
                setSuccess(null);
                setEditing({ mode: 'create' });
              }}
            >
              Добавить подразделение
            </button>
          )}
        </div>
      </div>
      {orgUnits.error && <Notice kind="error">{errorMessage(orgUnits.error)}</Notice>}
      {success && <Notice kind="success">{success}</Notice>}
      <div className="split">
        <section className="panel split-main" aria-label="Структура подразделений">
          {units === null && !orgUnits.error && <p className="muted">Загрузка…</p>}
          {units?.length === 0 && <p className="muted">Подразделения ещё не заведены.</p>}
          {tree.length > 0 && (
            <OrgUnitTree
              nodes={tree}
              expanded={expanded}
              selectedId={editing.mode === 'edit' ? editing.id : null}
              onToggle={toggle}
              onEdit={
                canManage
                  ? (id) => {
                      setSuccess(null);
                      setEditing({ mode: 'edit', id });
                    }
                  : undefined
              }
            />
          )}
        </section>
        {editing.mode !== 'none' && (editing.mode === 'create' || editedUnit) && (
          <section className="panel split-side">
            <OrgUnitForm
              key={editing.mode === 'edit' ? editing.id : 'new'}
              unit={editedUnit}
              tree={tree}
              employees={employees.error ? null : (employees.data ?? [])}
              onSaved={handleSaved}
              onCancel={() => setEditing({ mode: 'none' })}
            />
          </section>
        )}
      </div>
    </>
  );
}
