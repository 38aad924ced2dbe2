import { useState } from 'react';
import { chooseEsiaEmployee } from '../../api/endpoints';
import { useEsiaResult } from '../../api/queries';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/errors';

interface EsiaOutcomeProps {
  state: string;
  /** After the choice of a municipality: where the server sends the employee. */
  onSignedIn?: (redirectTo: string) => void;
}

/**
 * What became of a sign-in through ESIA that did not end in a session right away: the reason it was
 * refused (the server's Russian message), or the municipalities to choose from.
 */
export function EsiaOutcome({ state, onSignedIn }: EsiaOutcomeProps) {
  const outcome = useEsiaResult(state);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function choose(employeeId: string) {
    setPending(true);
    try {
      const { redirectTo } = await chooseEsiaEmployee(state, employeeId);
      onSignedIn?.(redirectTo);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setPending(false);
    }
  }

  if (failure) return <Notice kind="error">{failure}</Notice>;
  if (outcome.error) return <Notice kind="error">{errorMessage(outcome.error)}</Notice>;
  if (!outcome.data) return <p className="muted">Проверка результата входа…</p>;
  const result = outcome.data;
  if (result.outcome === 'failed') {
    return (
      <div data-testid="esia-error">
        <Notice kind="error">{result.message}</Notice>
      </div>
    );
  }
  return (
    <section className="panel" aria-labelledby="choose-title" data-testid="esia-choose">
      <h2 id="choose-title" className="panel-title">
        Выберите муниципальное образование
      </h2>
      <p className="muted">Вы работаете в нескольких муниципальных образованиях. В каком войти сейчас?</p>
      <ul className="card-list">
        {result.choices.map((c) => (
          <li key={c.employeeId}>
            <button
              type="button"
              className="btn"
              disabled={pending}
              onClick={() => void choose(c.employeeId)}
            >
              {c.municipalityName}
            </button>{' '}
            <span className="muted">{[c.orgUnitName, c.positionName].filter(Boolean).join(', ')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
