import { useCallback, useEffect, useState } from 'react';
import { getPortalSession } from '../../api/endpoints';
import type { ApplicantSession } from '@uslugi/contracts';
import { errorMessage } from '../../lib/form-errors';

export type PortalSessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'error'; message: string }
  | { status: 'signed-in'; session: ApplicantSession };

/** The applicant's portal session: a kind of its own, separate from the staff session. */
export function usePortalSession(): { state: PortalSessionState; reload: () => Promise<void> } {
  const [state, setState] = useState<PortalSessionState>({ status: 'loading' });
  const reload = useCallback(async () => {
    try {
      const session = await getPortalSession();
      setState(session ? { status: 'signed-in', session } : { status: 'anonymous' });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { state, reload };
}
