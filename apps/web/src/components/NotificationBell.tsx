import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { useMarkNotificationRead, useNotifications } from '../api/queries';
import { formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/errors';
import './NotificationBell.css';

/** The header bell: the number of unread notifications and, when opened, the latest ones. */
export function NotificationBell() {
  const { pathname } = useLocation();
  const notifications = useNotifications(pathname);
  const markRead = useMarkNotificationRead();
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const list = notifications.data;
  const failure = notifications.error ?? markRead.error;
  const error = failure ? errorMessage(failure) : null;

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
          if (!open) void notifications.refetch();
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
                      onClick={() => markRead.mutate(item.id)}
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
