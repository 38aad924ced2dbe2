import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { setUnauthorizedHandler } from '../api/client';
import * as endpoints from '../api/endpoints';
import { keys } from '../api/queries';
import { errorMessage } from '../lib/errors';
import { SessionContext, type SessionContextValue, type SessionState } from './session-context';
import {
  rememberSessionKind,
  rememberedSessionKind,
  sessionKindsFor,
  type SessionKind,
} from './session-kind';

/**
 * The sessions the current page needs, and only those: an anonymous visitor of the portal or of /verify
 * never asks for the staff session (which would only answer 401), an applicant never for the staff one.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const [remembered, setRemembered] = useState<SessionKind | null>(rememberedSessionKind);
  const kinds = sessionKindsFor(pathname, remembered);
  const query = useQuery({
    queryKey: keys.session,
    queryFn: endpoints.getSession,
    enabled: kinds.has('staff'),
  });
  const portal = useQuery({
    queryKey: keys.portalSession,
    queryFn: endpoints.getPortalSession,
    enabled: kinds.has('applicant'),
  });
  const client = useQueryClient();
  // Set when the user pressed «Выйти»: the page they were on is not worth returning to.
  const [signedOut, setSignedOut] = useState(false);
  const navigate = useNavigate();

  // What the server said becomes the kind this browser remembers for the pages for everyone.
  useEffect(() => {
    let next = remembered;
    if (query.data) next = 'staff';
    else if (portal.data) next = 'applicant';
    else if (query.data === null && next === 'staff') next = null;
    else if (portal.data === null && next === 'applicant') next = null;
    if (next !== remembered) {
      rememberSessionKind(next);
      setRemembered(next);
    }
  }, [query.data, portal.data, remembered]);

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

  const staffAsked = kinds.has('staff');
  const state = useMemo<SessionState>(() => {
    if (query.data) return { status: 'authenticated', session: query.data };
    if (query.data === null || !staffAsked) return { status: 'anonymous', signedOut };
    if (query.isError) return { status: 'error', message: errorMessage(query.error) };
    return { status: 'loading' };
  }, [query.data, query.isError, query.error, signedOut, staffAsked]);

  // Undefined while the applicant's session is being asked for; null when not asked or there is none.
  const applicant = portal.data ?? (kinds.has('applicant') && portal.isPending ? undefined : null);
  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      user: state.status === 'authenticated' ? state.session.user : null,
      applicant,
      signOut,
      reload,
    }),
    [state, applicant, signOut, reload],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
