import { Link } from 'react-router-dom';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { usePortalSession } from '../portal-session';
import { useApplicantNotifications, useMarkApplicantNotificationRead } from './api';

/** Russian plural: 1 новое, 2 новых, 5 новых. */
function unreadText(n: number): string {
  return n === 1 || (n % 10 === 1 && n % 100 !== 11) ? `${n} новое` : `${n} новых`;
}

/** What the administration told the applicant (each status change of their applications), unread first. */
export function ApplicantNotifications() {
  const { state } = usePortalSession();
  const signedIn = state.status === 'signed-in';
  const { data, error } = useApplicantNotifications(signedIn);
  const markRead = useMarkApplicantNotificationRead(signedIn ? state.session.csrfToken : '');
  if (!signedIn) return null;
  return (
    <section
      className="panel"
      aria-labelledby="applicant-notifications-title"
      data-testid="applicant-notifications"
    >
      <h2 className="panel-title" id="applicant-notifications-title">
        Уведомления
        {data && data.unread > 0 && (
          <span className="badge" data-testid="applicant-unread">
            {unreadText(data.unread)}
          </span>
        )}
      </h2>
      {(error ?? markRead.error) && <Notice kind="error">{errorMessage(error ?? markRead.error)}</Notice>}
      {!data && !error && <p className="muted">Загрузка…</p>}
      {data && data.items.length === 0 && <p className="muted">Уведомлений нет.</p>}
      {data && data.items.length > 0 && (
        <ul className="applicant-notifications">
          {data.items.map((n) => (
            <li key={n.id} className={n.readAt ? 'notification-read' : 'notification-unread'}>
              <div>
                {n.objectType === 'application' && n.objectId ? (
                  <Link to={`/applications/${n.objectId}`}>{n.text}</Link>
                ) : (
                  n.text
                )}
              </div>
              <div className="muted">
                {formatDateTime(n.createdAt)}
                {!n.readAt && (
                  <>
                    {' · '}
                    <button
                      type="button"
                      className="btn-link"
                      disabled={markRead.isPending}
                      onClick={() => markRead.mutate(n.id)}
                    >
                      Отметить прочитанным
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
