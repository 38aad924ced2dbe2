import { Link } from 'react-router-dom';
import { useSession } from '../../auth/session-context';
import { hasPermission } from '../../lib/roles';
import { ADMIN_SECTIONS } from './AdminLayout';
import { CalendarWarningsFor } from './calendar/CalendarWarnings';

export function AdminHome() {
  const { user } = useSession();
  const sections = ADMIN_SECTIONS.filter((section) => hasPermission(user, section.permission));
  return (
    <>
      <h1>Администрирование</h1>
      {/* The operator keeps the calendar: from 1 November they are reminded of next year's. */}
      {user && hasPermission(user, 'calendar.manage') && (
        <CalendarWarningsFor municipalityId={user.municipality.id} />
      )}
      {sections.length === 0 ? (
        <p className="muted">Нет доступных разделов.</p>
      ) : (
        <ul className="card-list">
          {sections.map((section) => (
            <li key={section.to} className="panel">
              <Link to={section.to} className="card-link">
                {section.label}
              </Link>
              <p className="muted">{section.description}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
