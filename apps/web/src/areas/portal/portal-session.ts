import type { ApplicantSession } from '@uslugi/contracts';
import { portalSignOut } from '../../api/endpoints';
import { usePortalSessionQuery } from '../../api/queries';
import { errorMessage } from '../../lib/errors';

export type PortalSessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'error'; message: string }
  | { status: 'signed-in'; session: ApplicantSession };

/** The applicant's portal session: a kind of its own, separate from the staff session. */
export function usePortalSession(): { state: PortalSessionState } {
  const query = usePortalSessionQuery();
  if (query.data) return { state: { status: 'signed-in', session: query.data } };
  if (query.data === null) return { state: { status: 'anonymous' } };
  if (query.isError) return { state: { status: 'error', message: errorMessage(query.error) } };
  return { state: { status: 'loading' } };
}

/** Ends the applicant's portal session and leaves through ESIA's logout (or to the portal's home). */
export async function signOutOfPortal(csrfToken: string): Promise<void> {
  let logoutUrl: string | null = null;
  try {
    logoutUrl = (await portalSignOut(csrfToken)).logoutUrl;
  } catch {
    // The cookie is ended or expires on its own; leave anyway.
  }
  window.location.assign(logoutUrl ?? '/');
}
