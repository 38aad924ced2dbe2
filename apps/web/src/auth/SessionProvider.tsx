import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { setUnauthorizedHandler } from '../api/client';
import * as endpoints from '../api/endpoints';
import { errorMessage } from '../lib/form-errors';
import { SessionContext, type SessionContextValue, type SessionState } from './session-context';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const navigate = useNavigate();

  const reload = useCallback(async () => {
    try {
      const session = await endpoints.getSession();
      setState(session ? { status: 'authenticated', session } : { status: 'anonymous', signedOut: false });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    // The session expired mid-work: after signing in again the user comes back to the same page.
    setUnauthorizedHandler(() => {
      setState({ status: 'anonymous', signedOut: false });
      void navigate('/sign-in', { replace: true, state: { from: window.location.pathname } });
    });
  }, [navigate]);

  const signOut = useCallback(async () => {
    try {
      return (await endpoints.signOut()).logoutUrl;
    } finally {
      setState({ status: 'anonymous', signedOut: true });
    }
  }, []);

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
