import { useEffect, useMemo, useState } from 'react';
import {
  decideSnilsChange,
  listEmployees,
  listOrgUnits,
  listPositions,
  unblockEmployee,
} from '../../../api/endpoints';
import { ROLES } from '@uslugi/contracts';
import type { Employee, OrgUnit, Position } from '@uslugi/contracts';
import { useSession } from '../../../auth/session-context';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/form-errors';
import { assignableRoles, hasPermission } from '../../../lib/roles';
import { buildTree, flatten, indentedLabel } from '../org-units/tree';
import { BlockDialog } from './BlockDialog';
import { EmployeeForm } from './EmployeeForm';
import { EmployeesTable } from './EmployeesTable';

type Editing = { mode: 'none' } | { mode: 'create' } | { mode: 'edit'; employee: Employee };

const SEARCH_DELAY_MS = 300;

export function EmployeesPage() {
  const { user } = useSession();
  const canManage = hasPermission(user, 'employees.manage');
  const assignable = assignableRoles(user, ROLES);
  const [query, setQuery] = useState('');
  const [employees, setEmployees] = useState<Employee[] | null>(null);
  const [orgUnits, setOrgUnits] = useState<OrgUnit[]>([]);
  const [positions, setPositions] = useState<Position[]>([]);
  const [reloadKey, setReloadKey] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>({ mode: 'none' });
  const [blockTarget, setBlockTarget] = useState<Employee | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  useEffect(() => {
    // Reference data for the form's selects; the form still opens if either fails.
    listOrgUnits().then(setOrgUnits, () => setOrgUnits([]));
    listPositions().then(setPositions, () => setPositions([]));
  }, []);

  useEffect(() => {
    let cancelled = false;
    const timer = window.setTimeout(
      () => {
        listEmployees(query.trim() || undefined).then(
          (loaded) => {
            if (cancelled) return;
            setEmployees(loaded);
            setLoadError(null);
          },
          (error: unknown) => !cancelled && setLoadError(errorMessage(error)),
        );
      },
      query ? SEARCH_DELAY_MS : 0,
    );
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [query, reloadKey]);

  const orgUnitOptions = useMemo(
    () => flatten(buildTree(orgUnits)).map((node) => ({ value: node.unit.id, label: indentedLabel(node) })),
    [orgUnits],
  );

  const reload = () => setReloadKey((key) => key + 1);

  function openForm(next: Editing) {
    setNotice(null);
    setEditing(next);
  }

  function handleSaved(employee: Employee, created: boolean, snilsRequested: boolean) {
    setEditing({ mode: 'none' });
    setNotice({
      kind: 'success',
      text: created
        ? `Сотрудник ${employee.fullName} добавлен.`
        : snilsRequested && employee.pendingSnilsChange
          ? 'Изменения сохранены. Новый СНИЛС вступит в силу после подтверждения руководителем подразделения сотрудника или другим оператором.'
          : 'Изменения сохранены.',
    });
    reload();
  }

  async function handleSnilsDecision(employee: Employee, decision: 'confirm' | 'reject') {
    setNotice(null);
    try {
      const saved = await decideSnilsChange(employee.id, decision);
      setNotice({
        kind: 'success',
        text:
          decision === 'confirm'
            ? `Новый СНИЛС сотрудника ${saved.fullName} подтверждён.`
            : `Изменение СНИЛС сотрудника ${saved.fullName} не будет применено.`,
      });
      reload();
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(error) });
    }
  }

  async function handleUnblock(employee: Employee) {
    setNotice(null);
    try {
      const saved = await unblockEmployee(employee.id);
      setNotice({ kind: 'success', text: `Сотрудник ${saved.fullName} разблокирован.` });
      reload();
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(error) });
    }
  }

  return (
    <>
      <div className="page-header">
        <h1>Сотрудники</h1>
        <div className="toolbar">
          <label htmlFor="employee-search" className="visually-hidden">
            Поиск сотрудников
          </label>
          <input
            id="employee-search"
            type="search"
            className="search"
            placeholder="Поиск: ФИО, СНИЛС, e-mail"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          {canManage && (
            <button type="button" className="btn btn-primary" onClick={() => openForm({ mode: 'create' })}>
              Добавить сотрудника
            </button>
          )}
        </div>
      </div>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {loadError && <Notice kind="error">{loadError}</Notice>}
      {editing.mode !== 'none' && (
        <section className="panel">
          <EmployeeForm
            key={editing.mode === 'edit' ? editing.employee.id : 'new'}
            employee={editing.mode === 'edit' ? editing.employee : null}
            orgUnitOptions={orgUnitOptions}
            positions={positions}
            onPositionCreated={(position) => setPositions((current) => [...current, position])}
            canEditDetails={canManage}
            assignableRoles={assignable}
            onSaved={handleSaved}
            onCancel={() => setEditing({ mode: 'none' })}
          />
        </section>
      )}
      <section className="panel panel-flush" aria-label="Список сотрудников">
        {employees === null && !loadError ? (
          <p className="muted panel-pad">Загрузка…</p>
        ) : (
          <EmployeesTable
            employees={employees ?? []}
            emptyText={query.trim() ? 'Никого не найдено.' : 'Сотрудники ещё не заведены.'}
            onSnilsDecision={(employee, decision) => void handleSnilsDecision(employee, decision)}
            actions={
              canManage
                ? {
                    onEdit: (employee) => openForm({ mode: 'edit', employee }),
                    onBlock: (employee) => {
                      setNotice(null);
                      setBlockTarget(employee);
                    },
                    onUnblock: (employee) => void handleUnblock(employee),
                  }
                : assignable.length > 0
                  ? // The installation administrator: the installation administrator role only.
                    { onEdit: (employee) => openForm({ mode: 'edit', employee }) }
                  : null
            }
          />
        )}
      </section>
      {blockTarget && (
        <BlockDialog
          employee={blockTarget}
          onClose={() => setBlockTarget(null)}
          onBlocked={(employee) => {
            setBlockTarget(null);
            setNotice({ kind: 'success', text: `Сотрудник ${employee.fullName} заблокирован.` });
            reload();
          }}
        />
      )}
    </>
  );
}
