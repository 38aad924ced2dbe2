import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '@uslugi/contracts';
import { hasPermission } from '../lib/roles';
import { useSession } from './session-context';

interface RequirePermissionProps {
  /** A list means any of them. */
  permission: Permission | readonly Permission[];
  children: ReactNode;
}

/** Staff route guard: anonymous visitors go to the sign-in page, others need the permission. */
export function RequirePermission({ permission, children }: RequirePermissionProps) {
  const { state, user } = useSession();
  const location = useLocation();

  if (state.status === 'loading') return <p className="muted">Загрузка…</p>;
  if (state.status === 'error') return null; // the layout shows the error with a retry button
  if (state.status === 'anonymous') {
    const from = state.signedOut ? undefined : location.pathname + location.search;
    return <Navigate to="/sign-in" replace state={from ? { from } : null} />;
  }
  if (!hasPermission(user, permission)) {
    return (
      <div className="notice notice-error" role="alert">
        Недостаточно прав для просмотра этой страницы.
      </div>
    );
  }
  return children;
}
