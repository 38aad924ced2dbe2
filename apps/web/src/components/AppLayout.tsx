import { useEffect } from 'react';
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
      <div id="main" tabIndex={-1} className="app-main">
        <Outlet />
      </div>
    </div>
  );
}
