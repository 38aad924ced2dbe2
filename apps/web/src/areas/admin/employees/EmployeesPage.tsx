import { useMemo, useState } from 'react';
import {
  useDecideSnilsChange,
  useEmployees,
  useOrgUnits,
  usePositions,
  useUnblockEmployee,
} from '../../../api/queries';
import { ROLES } from '@uslugi/contracts';
import type { Employee } from '@uslugi/contracts';
import { useSession } from '../../../auth/session-context';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { useDebounced } from '../../../lib/use-debounced';
import { assignableRoles, hasPermission } from '../../../lib/roles';
import { buildTree, flatten, indentedLabel } from '../org-units/tree';
import { BlockDialog } from './BlockDialog';
import { EmployeeForm } from './EmployeeForm';
import { EmployeesTable } from './EmployeesTable';
import './employees.css';

type Editing = { mode: 'none' } | { mode: 'create' } | { mode: 'edit'; employee: Employee };

const SEARCH_DELAY_MS = 300;

export function EmployeesPage() {
  const { user } = useSession();
  const canManage = hasPermission(user, 'employees.manage');
  const assignable = assignableRoles(user, ROLES);
  const [query, setQuery] = useState('');
  const search = useDebounced(query.trim(), query ? SEARCH_DELAY_MS : 0);
  const employees = useEmployees(search);
  // Reference data for the form's selects; the form still opens if either fails.
  const orgUnits = useOrgUnits();
  const positions = usePositions();
  const decide = useDecideSnilsChange();
  const unblock = useUnblockEmployee();
  const [editing, setEditing] = useState<Editing>({ mode: 'none' });
  const [blockTarget, setBlockTarget] = useState<Employee | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const orgUnitOptions = useMemo(
    () =>
      flatten(buildTree(orgUnits.data ?? [])).map((node) => ({
        value: node.unit.id,
        label: indentedLabel(node),
      })),
    [orgUnits.data],
  );

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
  }

  async function handleSnilsDecision(employee: Employee, decision: 'confirm' | 'reject') {
    setNotice(null);
    try {
      const saved = await decide.mutateAsync({ id: employee.id, decision });
      setNotice({
        kind: 'success',
        text:
          decision === 'confirm'
            ? `Новый СНИЛС сотрудника ${saved.fullName} подтверждён.`
            : `Изменение СНИЛС сотрудника ${saved.fullName} не будет применено.`,
      });
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(error) });
    }
  }

  async function handleUnblock(employee: Employee) {
    setNotice(null);
    try {
      const saved = await unblock.mutateAsync(employee.id);
      setNotice({ kind: 'success', text: `Сотрудник ${saved.fullName} разблокирован.` });
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
      {employees.error && <Notice kind="error">{errorMessage(employees.error)}</Notice>}
      {editing.mode !== 'none' && (
        <section className="panel">
          <EmployeeForm
            key={editing.mode === 'edit' ? editing.employee.id : 'new'}
            employee={editing.mode === 'edit' ? editing.employee : null}
            orgUnitOptions={orgUnitOptions}
            positions={positions.data ?? []}
            canEditDetails={canManage}
            assignableRoles={assignable}
            onSaved={handleSaved}
            onCancel={() => setEditing({ mode: 'none' })}
          />
        </section>
      )}
      <section className="panel panel-flush" aria-label="Список сотрудников">
        {!employees.data && !employees.error ? (
          <p className="muted panel-pad">Загрузка…</p>
        ) : (
          <EmployeesTable
            employees={employees.data ?? []}
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
                    selfId: user?.id,
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
          }}
        />
      )}
    </>
  );
}
