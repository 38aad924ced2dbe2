import { useState } from 'react';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session-context';
import { ADMIN_AREA, hasPermission, roleTitles } from '../lib/roles';
import { NotificationBell } from './NotificationBell';
import './Header.css';

export function Header() {
  const { user, state, signOut } = useSession();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);

  async function handleSignOut() {
    setSigningOut(true);
    let logoutUrl: string | null = null;
    try {
      logoutUrl = await signOut();
    } catch {
      // The local session is dropped anyway; the cookie expires on its own.
    } finally {
      setSigningOut(false);
      // Through ESIA's logout, which brings the browser back to the sign-in page.
      if (logoutUrl) window.location.assign(logoutUrl);
      else void navigate('/sign-in');
    }
  }

  return (
    <header className="app-header">
      <Link to="/" className="app-title">
        Система управления муниципальными услугами
      </Link>
      <nav className="header-nav" aria-label="Разделы системы">
        {user && hasPermission(user, 'arm.access') && <NavLink to="/arm">АРМ</NavLink>}
        {user && hasPermission(user, ADMIN_AREA) && <NavLink to="/admin">Администрирование</NavLink>}
        {user && <NavLink to="/sessions">Мои сеансы</NavLink>}
        {/* Public: anyone checks a signed document. */}
        <NavLink to="/verify">Проверка подписи</NavLink>
      </nav>
      <div className="header-user">
        {user ? (
          <>
            <div className="header-user-info">
              <span className="header-user-name" data-testid="user-name">
                {user.fullName}
              </span>
              <span
                className="header-user-meta"
                title={`${user.municipality.name}${user.roles.length > 0 ? ` · ${roleTitles(user.roles)}` : ''}`}
              >
                <span data-testid="municipality-name">{user.municipality.name}</span>
                {user.roles.length > 0 && <span> · {roleTitles(user.roles)}</span>}
              </span>
            </div>
            <NotificationBell />
            <button
              type="button"
              className="btn btn-header"
              data-testid="sign-out"
              disabled={signingOut}
              onClick={() => void handleSignOut()}
            >
              Выйти
            </button>
          </>
        ) : (
          state.status === 'anonymous' && (
            <Link to="/sign-in" className="btn btn-header">
              Войти
            </Link>
          )
        )}
      </div>
    </header>
  );
}
