import type { Employee } from '@uslugi/contracts';
import { formatDateTime } from '../../../lib/format';
import { roleTitles } from '../../../lib/roles';

export interface EmployeeActions {
  onEdit: (employee: Employee) => void;
  /** Absent for who only assigns the installation administrator role. */
  onBlock?: (employee: Employee) => void;
  onUnblock?: (employee: Employee) => void;
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
  const columns = actions ? 8 : 7;
  return (
    <table className="table" data-testid="employees-table">
      <thead>
        <tr>
          <th scope="col">ФИО</th>
          <th scope="col">СНИЛС</th>
          <th scope="col">Электронная почта</th>
          <th scope="col">Подразделение</th>
          <th scope="col">Должность</th>
          <th scope="col">Роли</th>
          <th scope="col">Статус</th>
          {actions && (
            <th scope="col">
              <span className="visually-hidden">Действия</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {employees.length === 0 && (
          <tr>
            <td colSpan={columns} className="muted">
              {emptyText}
            </td>
          </tr>
        )}
        {employees.map((employee) => (
          <tr key={employee.id} data-testid={`employee-row-${employee.id}`}>
            <td>{employee.fullName}</td>
            <td>
              <span className="nowrap">{employee.snils}</span>
              <PendingSnils employee={employee} onDecision={onSnilsDecision} />
            </td>
            <td>{breakableEmail(employee.email)}</td>
            <td>{employee.orgUnitName ?? '—'}</td>
            <td>{employee.positionName ?? '—'}</td>
            <td>{roleTitles(employee.roles) || '—'}</td>
            <td>
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
            </td>
            {actions && <ActionsCell employee={employee} actions={actions} />}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ActionsCell({ employee, actions }: { employee: Employee; actions: EmployeeActions }) {
  const { onEdit, onBlock, onUnblock } = actions;
  return (
    <td className="cell-actions">
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Изменить: ${employee.fullName}`}
          onClick={() => onEdit(employee)}
        >
          Изменить
        </button>
        {!onBlock || !onUnblock ? null : employee.blocked ? (
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
    </td>
  );
}
