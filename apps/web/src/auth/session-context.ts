import { createContext, useContext } from 'react';
import type { Session, SessionUser } from '@uslugi/contracts';

export type SessionState =
  | { status: 'loading' }
  /** signedOut: the user has just pressed «Выйти», so the page they were on is not worth returning to. */
  | { status: 'anonymous'; signedOut: boolean }
  | { status: 'error'; message: string }
  | { status: 'authenticated'; session: Session };

export interface SessionContextValue {
  state: SessionState;
  user: SessionUser | null;
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
