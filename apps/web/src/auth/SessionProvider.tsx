import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { setUnauthorizedHandler } from '../api/client';
import * as endpoints from '../api/endpoints';
import { keys, useSessionQuery } from '../api/queries';
import { errorMessage } from '../lib/errors';
import { SessionContext, type SessionContextValue, type SessionState } from './session-context';

export function SessionProvider({ children }: { children: ReactNode }) {
  const query = useSessionQuery();
  const client = useQueryClient();
  // Set when the user pressed «Выйти»: the page they were on is not worth returning to.
  const [signedOut, setSignedOut] = useState(false);
  const navigate = useNavigate();

  const { refetch } = query;
  const reload = useCallback(async () => {
    setSignedOut(false);
    await refetch();
  }, [refetch]);

  useEffect(() => {
    // The session expired mid-work: after signing in again the user comes back to the same page.
    setUnauthorizedHandler(() => {
      setSignedOut(false);
      client.setQueryData(keys.session, null);
      void navigate('/sign-in', { replace: true, state: { from: window.location.pathname } });
    });
  }, [navigate, client]);

  const signOut = useCallback(async () => {
    try {
      return (await endpoints.signOut()).logoutUrl;
    } finally {
      setSignedOut(true);
      client.setQueryData(keys.session, null);
      // Nothing of the signed-out user stays in the cache for the next one.
      client.removeQueries({ predicate: (cached) => cached.queryKey[0] !== keys.session[0] });
    }
  }, [client]);

  const state = useMemo<SessionState>(() => {
    if (query.data) return { status: 'authenticated', session: query.data };
    if (query.data === null) return { status: 'anonymous', signedOut };
    if (query.isError) return { status: 'error', message: errorMessage(query.error) };
    return { status: 'loading' };
  }, [query.data, query.isError, query.error, signedOut]);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      user: state.status === 'authenticated' ? state.session.user : null,
      signOut,
      reload,
    }),
    [state, signOut, reload],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
