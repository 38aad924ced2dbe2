import { useCallback, useEffect, useState } from 'react';
import { Navigate } from 'react-router-dom';
import { endMySession, listMySessions } from '../../api/endpoints';
import type { ActiveSession } from '@uslugi/contracts';
import { useSession } from '../../auth/session-context';
import { Notice } from '../../components/Notice';
import { SessionsTable } from '../../components/SessionsTable';
import { errorMessage } from '../../lib/form-errors';

/** The employee's own active sessions: where they are signed in, and «Завершить сеанс» for each. */
export function MySessionsPage() {
  const { state, reload } = useSession();
  const [sessions, setSessions] = useState<ActiveSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setSessions(await listMySessions());
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    if (state.status === 'authenticated') void load();
  }, [state.status, load]);

  if (state.status === 'loading') return <p className="muted">Загрузка…</p>;
  if (state.status === 'anonymous') return <Navigate to="/sign-in" replace state={{ from: '/sessions' }} />;

  async function handleEnd(session: ActiveSession) {
    setPendingId(session.id);
    try {
      await endMySession(session.id);
      if (session.current) await reload();
      else await load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPendingId(null);
    }
  }

  return (
    <main className="content">
      <h1>Мои сеансы</h1>
      <p className="muted">
        Браузеры, в которых выполнен вход под вашей учётной записью. Незнакомый сеанс завершите и сообщите
        оператору системы.
      </p>
      {error && <Notice kind="error">{error}</Notice>}
      {sessions === null ? (
        <p className="muted">Загрузка…</p>
      ) : (
        <section className="panel panel-flush">
          <SessionsTable sessions={sessions} pendingId={pendingId} onEnd={(s) => void handleEnd(s)} />
        </section>
      )}
    </main>
  );
}
