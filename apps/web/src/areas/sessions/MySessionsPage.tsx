import type { ActiveSession } from '@uslugi/contracts';
import { Navigate } from 'react-router-dom';
import { useEndMySession, useMySessions } from '../../api/queries';
import { useSession } from '../../auth/session-context';
import { Notice } from '../../components/Notice';
import { SessionsTable } from '../../components/SessionsTable';
import { errorMessage } from '../../lib/errors';

/** The employee's own active sessions: where they are signed in, and «Завершить сеанс» for each. */
export function MySessionsPage() {
  const { state, reload } = useSession();
  const sessions = useMySessions(state.status === 'authenticated');
  const end = useEndMySession();

  if (state.status === 'loading') return <p className="muted">Загрузка…</p>;
  if (state.status === 'anonymous') return <Navigate to="/sign-in" replace state={{ from: '/sessions' }} />;

  async function handleEnd(session: ActiveSession) {
    try {
      await end.mutateAsync(session.id);
      if (session.current) await reload();
    } catch {
      // Shown from the mutation's error.
    }
  }

  const failure = sessions.error ?? end.error;
  return (
    <main className="content">
      <h1>Мои сеансы</h1>
      <p className="muted">
        Браузеры, в которых выполнен вход под вашей учётной записью. Незнакомый сеанс завершите и сообщите
        оператору системы.
      </p>
      {failure && <Notice kind="error">{errorMessage(failure)}</Notice>}
      {!sessions.data ? (
        <p className="muted">Загрузка…</p>
      ) : (
        <section className="panel panel-flush">
          <SessionsTable
            sessions={sessions.data}
            pendingId={end.isPending ? (end.variables ?? null) : null}
            onEnd={(s) => void handleEnd(s)}
          />
        </section>
      )}
    </main>
  );
}
