import { createContext, useContext } from 'react';
import type { ApplicantSession, Session, SessionUser } from '@uslugi/contracts';

export type SessionState =
  | { status: 'loading' }
  /** signedOut: the user has just pressed «Выйти», so the page they were on is not worth returning to. */
  | { status: 'anonymous'; signedOut: boolean }
  | { status: 'error'; message: string }
  | { status: 'authenticated'; session: Session };

export interface SessionContextValue {
  /** The staff session (anonymous on pages that do not ask for it: see auth/session-kind.ts). */
  state: SessionState;
  user: SessionUser | null;
  /**
   * The applicant's portal session when this page asked for it and there is one; undefined while it is
   * being asked for; null otherwise.
   */
  applicant?: ApplicantSession | null;
  /** Ends the session; returns ESIA's logout URL the browser should go through next, if any. */
  signOut: () => Promise<string | null>;
  reload: () => Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}
