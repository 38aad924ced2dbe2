import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { listNotifications, markNotificationRead } from '../api/endpoints';
import type { NotificationList } from '@uslugi/contracts';
import { formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/form-errors';

/** The header bell: the number of unread notifications and, when opened, the latest ones. */
export function NotificationBell() {
  const [list, setList] = useState<NotificationList | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const { pathname } = useLocation();

  const load = useCallback(async () => {
    try {
      setList(await listNotifications());
      setError(null);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, []);

  // Refreshed on each move to another page and when opened, not on a timer: background polling would
  // keep an idle session alive past its inactivity limit (seed 000 item 2.13).
  useEffect(() => {
    void load();
  }, [load, pathname]);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !panelRef.current?.contains(event.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  async function markRead(id: string) {
    try {
      await markNotificationRead(id);
      await load();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  const unread = list?.unread ?? 0;
  return (
    <div className="bell" ref={panelRef}>
      <button
        type="button"
        className="btn btn-header bell-button"
        data-testid="notification-bell"
        aria-expanded={open}
        aria-label={`Уведомления: непрочитанных ${unread}`}
        onClick={() => {
          setOpen(!open);
          if (!open) void load();
        }}
      >
        <svg className="bell-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="notification-count">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" role="region" aria-label="Уведомления">
          {error && <div className="notice notice-error">{error}</div>}
          {list?.items.length === 0 && <p className="muted bell-empty">Уведомлений нет.</p>}
          <ul className="bell-list">
            {list?.items.map((item) => (
              <li key={item.id} className={item.readAt ? 'bell-item' : 'bell-item bell-item-unread'}>
                <div>{item.text}</div>
                <div className="bell-meta">
                  <span className="muted">{formatDateTime(item.createdAt)}</span>
                  {!item.readAt && (
                    <button
                      type="button"
                      className="btn btn-small btn-link"
                      onClick={() => void markRead(item.id)}
                    >
                      Прочитано
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
