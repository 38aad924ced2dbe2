import { Outlet } from 'react-router-dom';
import { useSession } from '../auth/session-context';
import { Header } from './Header';
import './controls.css';

export function AppLayout() {
  const { state, reload } = useSession();
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
      <Outlet />
    </div>
  );
}
