import { useEffect, useState } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session-context';
import { isPortalPage } from '../auth/session-kind';
import { signOutOfPortal } from '../areas/portal/portal-session';
import { ADMIN_AREA, hasPermission, roleTitles } from '../lib/roles';
import { LowVisionToggle } from './LowVisionToggle';
import { NotificationBell } from './NotificationBell';
import './Header.css';

const STAFF_AREAS = /^\/(arm|admin)(\/|$)/;

export function Header() {
  const { user, applicant, state, signOut } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [signingOut, setSigningOut] = useState(false);
  // On a phone the sections and the user fold into «Меню».
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  const onPortal = isPortalPage(pathname);

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

  // The staff user on staff pages; the applicant on the portal (or when there is no staff session).
  const showApplicant = applicant && (onPortal || !user);
  let userBlock;
  if (showApplicant) {
    userBlock = (
      <>
        <div className="header-user-info">
          <Link to="/profile" className="header-user-name" data-testid="portal-user-name">
            {applicant.applicant.fullName}
          </Link>
          <span className="header-user-meta">
            {applicant.applicant.legalEntityName && <>{applicant.applicant.legalEntityName} · </>}
            {applicant.municipality.name}
          </span>
        </div>
        <button
          type="button"
          className="btn btn-header"
          disabled={signingOut}
          onClick={() => {
            setSigningOut(true);
            void signOutOfPortal(applicant.csrfToken);
          }}
        >
          Выйти
        </button>
      </>
    );
  } else if (user) {
    userBlock = (
      <>
        <div className="header-user-info">
          <span className="header-user-name" data-testid="user-name">
            {user.fullName}
          </span>
          <span className="header-user-meta">
            <span data-testid="municipality-name">{user.municipality.name}</span>
            {user.roles.length > 0 && <span className="header-user-roles">{roleTitles(user.roles)}</span>}
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
    );
  } else if (state.status === 'anonymous') {
    // On the portal «Войти» is the applicant's sign-in (the profile page offers it); elsewhere the staff's.
    userBlock = (
      <Link to={onPortal ? '/profile' : '/sign-in'} className="btn btn-header">
        Войти
      </Link>
    );
  }

  return (
    <header className={menuOpen ? 'app-header app-header-open' : 'app-header'}>
      <a href="#main" className="skip-link">
        Перейти к основному содержанию
      </a>
      <Link to="/" className="app-title">
        Система управления муниципальными услугами
      </Link>
      <button
        type="button"
        className="btn btn-header header-menu-button"
        aria-expanded={menuOpen}
        aria-controls="header-menu"
        onClick={() => setMenuOpen((open) => !open)}
      >
        Меню
      </button>
      <div className="header-menu" id="header-menu">
        <nav className="header-nav" aria-label="Разделы системы">
          {user && hasPermission(user, 'arm.access') && <NavLink to="/arm">АРМ</NavLink>}
          {user && hasPermission(user, ADMIN_AREA) && <NavLink to="/admin">Администрирование</NavLink>}
          {(user || applicant) && <NavLink to="/sessions">Мои сеансы</NavLink>}
          {/* Public: anyone checks a signed document. */}
          <NavLink to="/verify">Проверка подписи</NavLink>
        </nav>
        {/* The public pages' version for the visually impaired: not in the staff workplace, nor for staff signed in. */}
        {!STAFF_AREAS.test(pathname) && !user && <LowVisionToggle />}
        <div className="header-user">{userBlock}</div>
      </div>
    </header>
  );
}
