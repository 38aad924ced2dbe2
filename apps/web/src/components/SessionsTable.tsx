import type { ActiveSession } from '@uslugi/contracts';
import { formatDateTime } from '../lib/format';

interface SessionsTableProps {
  sessions: ActiveSession[];
  pendingId: string | null;
  onEnd: (session: ActiveSession) => void;
}

/** One's own active sessions, each with «Завершить сеанс» (staff and applicants alike). */
export function SessionsTable({ sessions, pendingId, onEnd }: SessionsTableProps) {
  return (
    <table className="table" data-testid="sessions-table">
      <thead>
        <tr>
          <th scope="col">Вход</th>
          <th scope="col">Последняя активность</th>
          <th scope="col">IP-адрес</th>
          <th scope="col">Браузер</th>
          <th scope="col">
            <span className="visually-hidden">Действие</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id}>
            <td className="nowrap">{formatDateTime(s.createdAt)}</td>
            <td className="nowrap">{formatDateTime(s.lastSeenAt)}</td>
            <td className="nowrap">{s.ip ?? '—'}</td>
            <td className="cell-note">{s.userAgent ?? '—'}</td>
            <td className="cell-actions">
              {s.current && <span className="badge badge-ok">Этот сеанс</span>}{' '}
              <button
                type="button"
                className="btn btn-small btn-danger-outline"
                disabled={pendingId !== null}
                onClick={() => onEnd(s)}
              >
                Завершить сеанс
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
