import type { ActiveSession, ApplicantSession } from '@uslugi/contracts';
import { useEndPortalSession, usePortalSessions } from '../../api/queries';
import { Notice } from '../../components/Notice';
import { SessionsTable } from '../../components/SessionsTable';
import { errorMessage } from '../../lib/errors';

/** «Мои сеансы» for an applicant: their sessions on the portal, each with «Завершить сеанс». */
export function PortalSessionsPage({ session }: { session: ApplicantSession }) {
  const sessions = usePortalSessions();
  const end = useEndPortalSession();

  async function endSession(s: ActiveSession) {
    try {
      await end.mutateAsync({ id: s.id, csrfToken: session.csrfToken });
      if (s.current) window.location.assign('/');
    } catch {
      // Shown from the mutation's error.
    }
  }

  const failure = sessions.error ?? end.error;
  return (
    <main className="content">
      <h1>Мои сеансы</h1>
      <p className="muted">
        Браузеры, в которых выполнен вход на портал под вашей учётной записью Госуслуг. Незнакомый сеанс
        завершите.
      </p>
      {failure && <Notice kind="error">{errorMessage(failure)}</Notice>}
      {sessions.data ? (
        <section className="panel panel-flush">
          <SessionsTable
            sessions={sessions.data}
            pendingId={end.isPending ? (end.variables?.id ?? null) : null}
            onEnd={(s) => void endSession(s)}
          />
        </section>
      ) : (
        <p className="muted">Загрузка…</p>
      )}
    </main>
  );
}
