import type { ActiveSession } from '@uslugi/contracts';
import { formatDateTime, formatUserAgent } from '../lib/format';
import { DataTable } from './DataTable';
import './sessions-table.css';

interface SessionsTableProps {
  sessions: ActiveSession[];
  pendingId: string | null;
  onEnd: (session: ActiveSession) => void;
}

/**
 * One's own active sessions, each with «Завершить сеанс» (staff and applicants alike); on a phone, as
 * labelled lines (sessions-table.css).
 */
export function SessionsTable({ sessions, pendingId, onEnd }: SessionsTableProps) {
  return (
    <DataTable
      caption="Активные сеансы"
      data-testid="sessions-table"
      rows={sessions}
      rowKey={(s) => s.id}
      empty="Активных сеансов нет."
      columns={[
        { header: 'Вход', className: 'nowrap', cell: (s) => formatDateTime(s.createdAt) },
        { header: 'Последняя активность', className: 'nowrap', cell: (s) => formatDateTime(s.lastSeenAt) },
        { header: 'IP-адрес', className: 'nowrap', cell: (s) => s.ip ?? '—' },
        {
          header: 'Браузер',
          cell: (s) => <span title={s.userAgent ?? undefined}>{formatUserAgent(s.userAgent)}</span>,
        },
        {
          header: 'Действие',
          hiddenHeader: true,
          className: 'cell-actions',
          cell: (s) => (
            <>
              {s.current && <span className="badge badge-ok">Этот сеанс</span>}{' '}
              <button
                type="button"
                className="btn btn-small btn-danger-outline"
                disabled={pendingId !== null}
                onClick={() => onEnd(s)}
              >
                Завершить сеанс
              </button>
            </>
          ),
        },
      ]}
    />
  );
}
