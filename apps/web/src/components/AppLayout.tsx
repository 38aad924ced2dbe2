import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session-context';
import { useLowVision } from '../lib/low-vision';
import { Header } from './Header';
import './controls.css';
import './low-vision.css';

const STAFF_AREAS = /^\/(arm|admin)(\/|$)/;

export function AppLayout() {
  const { state, reload } = useSession();
  const { pathname } = useLocation();
  // The version for the visually impaired applies to the public pages, not to the staff workplace.
  const lowVision = useLowVision() && !STAFF_AREAS.test(pathname);
  useEffect(() => {
    document.documentElement.classList.toggle('low-vision', lowVision);
  }, [lowVision]);
  // After a move inside the app the new page's content takes the focus, as a page load would give it
  // to the document (WCAG 2.4.3): otherwise Tab goes on from the link that was followed, in a page
  // that is no longer there, and a screen reader says nothing of the new page.
  const main = useRef<HTMLDivElement>(null);
  const shownPath = useRef(pathname);
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    main.current?.focus();
  }, [pathname]);
  return (
    <div className="app">
      <Header />
      {state.status === 'error' && (
        <div className="notice notice-error app-banner" role="alert">
          Не удалось получить сведения о сеансе: {state.message}{' '}
          <button type="button" className="btn btn-small" onClick={() => void reload()}>
            Повторить
          </button>
        </div>
      )}
      {/* The skip link's target: the page's own <main> is inside. */}
      <div id="main" ref={main} tabIndex={-1} className="app-main">
        <Outlet />
      </div>
    </div>
  );
}
