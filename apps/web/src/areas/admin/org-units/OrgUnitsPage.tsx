import { useCallback, useEffect, useMemo, useState } from 'react';
import { listEmployees, listOrgUnits } from '../../../api/endpoints';
import type { Employee, OrgUnit } from '@uslugi/contracts';
import { useSession } from '../../../auth/session-context';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/form-errors';
import { hasPermission } from '../../../lib/roles';
import { OrgUnitForm } from './OrgUnitForm';
import { OrgUnitTree } from './OrgUnitTree';
import { buildTree, flatten } from './tree';

type Editing = { mode: 'none' } | { mode: 'create' } | { mode: 'edit'; id: string };

export function OrgUnitsPage() {
  const canManage = hasPermission(useSession().user, 'org.manage');
  const [units, setUnits] = useState<OrgUnit[] | null>(null);
  const [employees, setEmployees] = useState<Employee[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<Editing>({ mode: 'none' });
  const [success, setSuccess] = useState<string | null>(null);

  const load = useCallback(async (expandAll: boolean) => {
    try {
      const loaded = await listOrgUnits();
      setUnits(loaded);
      setLoadError(null);
      if (expandAll) setExpanded(new Set(loaded.map((unit) => unit.id)));
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, []);

  useEffect(() => {
    void load(true);
    // The head select needs employees; without that right the form still works with the current head.
    listEmployees().then(setEmployees, () => setEmployees(null));
  }, [load]);

  const tree = useMemo(() => buildTree(units ?? []), [units]);
  const editedUnit = editing.mode === 'edit' ? (units?.find((unit) => unit.id === editing.id) ?? null) : null;

  function toggle(id: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function handleSaved(unit: OrgUnit, created: boolean) {
    setEditing({ mode: 'none' });
    setSuccess(created ? `Подразделение «${unit.name}» создано.` : `Изменения сохранены.`);
    if (unit.parentId) setExpanded((current) => new Set(current).add(unit.parentId ?? ''));
    void load(false);
  }

  return (
    <>
      <div className="page-header">
        <h1>Подразделения</h1>
        <div className="toolbar">
          <button
            type="button"
            className="btn"
            onClick={() => setExpanded(new Set(flatten(tree).map((node) => node.unit.id)))}
          >
            Развернуть все
          </button>
          <button type="button" className="btn" onClick={() => setExpanded(new Set())}>
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
      {loadError && <Notice kind="error">{loadError}</Notice>}
      {success && <Notice kind="success">{success}</Notice>}
      <div className="split">
        <section className="panel split-main" aria-label="Структура подразделений">
          {units === null && !loadError && <p className="muted">Загрузка…</p>}
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
              employees={employees}
              onSaved={handleSaved}
              onCancel={() => setEditing({ mode: 'none' })}
            />
          </section>
        )}
      </div>
    </>
  );
}
