import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '@uslugi/contracts';
import { hasPermission } from '../lib/roles';
import { Forbidden } from './Forbidden';
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
  if (!hasPermission(user, permission)) return <Forbidden user={user} permission={permission} />;
  return children;
}
