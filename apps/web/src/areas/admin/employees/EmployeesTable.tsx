import type { Employee } from '@uslugi/contracts';
import { DataTable } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import { roleTitles } from '../../../lib/roles';

export interface EmployeeActions {
  onEdit: (employee: Employee) => void;
  /** Absent for who only assigns the installation administrator role. */
  onBlock?: (employee: Employee) => void;
  onUnblock?: (employee: Employee) => void;
  /** The signed-in employee: nobody is offered to block themselves (the server refuses it too). */
  selfId?: string | undefined;
}

/** confirm / reject a pending СНИЛС change; reject by its requester withdraws it. */
export type SnilsDecision = (employee: Employee, decision: 'confirm' | 'reject') => void;

interface EmployeesTableProps {
  employees: Employee[];
  emptyText: string;
  /** null: read-only list. */
  actions: EmployeeActions | null;
  onSnilsDecision: SnilsDecision;
}

/** Lets a long address wrap after the "@" instead of widening the table. */
function breakableEmail(email: string) {
  const at = email.indexOf('@');
  if (at < 0) return email;
  return (
    <>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </>
  );
}

/**
 * A new СНИЛС waits for a second person (the head of the unit or another operator): shown under the
 * current one, with «Подтвердить» / «Отклонить» for those the server says may decide.
 */
function PendingSnils({ employee, onDecision }: { employee: Employee; onDecision: SnilsDecision }) {
  const change = employee.pendingSnilsChange;
  if (!change) return null;
  return (
    <div className="cell-note" data-testid="pending-snils">
      СНИЛС изменится после подтверждения: <span className="nowrap">{change.snils}</span> (запросил{' '}
      {change.requestedByName}, {formatDateTime(change.requestedAt)})
      {(change.canConfirm || change.canCancel) && (
        <div className="row-actions">
          {change.canConfirm && (
            <>
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Подтвердить новый СНИЛС: ${employee.fullName}`}
                onClick={() => onDecision(employee, 'confirm')}
              >
                Подтвердить
              </button>
              <button
                type="button"
                className="btn btn-small btn-danger-outline"
                aria-label={`Отклонить новый СНИЛС: ${employee.fullName}`}
                onClick={() => onDecision(employee, 'reject')}
              >
                Отклонить
              </button>
            </>
          )}
          {change.canCancel && (
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Отозвать запрос на новый СНИЛС: ${employee.fullName}`}
              onClick={() => onDecision(employee, 'reject')}
            >
              Отозвать запрос
            </button>
          )}
        </div>
      )}
    </div>
  );
}

export function EmployeesTable({ employees, emptyText, actions, onSnilsDecision }: EmployeesTableProps) {
  return (
    <DataTable
      caption="Сотрудники"
      data-testid="employees-table"
      rows={employees}
      rowKey={(employee) => employee.id}
      rowProps={(employee) => ({ 'data-testid': `employee-row-${employee.id}` })}
      empty={emptyText}
      columns={[
        // The e-mail under the name and the position under the unit: every column, the actions
        // included, fits the 1024 px screen beside the section menu without sideways scrolling.
        {
          header: 'Сотрудник',
          cell: (employee) => (
            <>
              {employee.fullName}
              <div className="cell-note">{breakableEmail(employee.email)}</div>
            </>
          ),
        },
        {
          header: 'СНИЛС',
          cell: (employee) => (
            <>
              <span className="nowrap">{employee.snils}</span>
              <PendingSnils employee={employee} onDecision={onSnilsDecision} />
            </>
          ),
        },
        {
          header: 'Подразделение и должность',
          cell: (employee) => (
            <div className="cell-narrow-text">
              {employee.orgUnitName ?? '—'}
              <div className="cell-note">{employee.positionName ?? '—'}</div>
            </div>
          ),
        },
        { header: 'Роли', cell: (employee) => roleTitles(employee.roles) || '—' },
        { header: 'Статус', cell: (employee) => <Status employee={employee} /> },
        actions && {
          header: 'Действия',
          hiddenHeader: true,
          className: 'cell-actions',
          cell: (employee) => <Actions employee={employee} actions={actions} />,
        },
      ]}
    />
  );
}

function Status({ employee }: { employee: Employee }) {
  return (
    <>
      {employee.blocked ? (
        <span className="badge badge-danger" title={employee.blockedReason ?? undefined}>
          Заблокирован
        </span>
      ) : (
        <span className="badge badge-ok">Активен</span>
      )}
      {employee.blocked && employee.blockedReason && (
        <div className="cell-note">{employee.blockedReason}</div>
      )}
    </>
  );
}

function Actions({ employee, actions }: { employee: Employee; actions: EmployeeActions }) {
  const { onEdit, onBlock, onUnblock, selfId } = actions;
  const self = employee.id === selfId;
  return (
    <div className="row-actions">
      <button
        type="button"
        className="btn btn-small"
        aria-label={`Изменить: ${employee.fullName}`}
        onClick={() => onEdit(employee)}
      >
        Изменить
      </button>
      {!onBlock || !onUnblock || self ? null : employee.blocked ? (
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Разблокировать: ${employee.fullName}`}
          onClick={() => onUnblock(employee)}
        >
          Разблокировать
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-small btn-danger-outline"
          aria-label={`Заблокировать: ${employee.fullName}`}
          onClick={() => onBlock(employee)}
        >
          Заблокировать
        </button>
      )}
    </div>
  );
}
