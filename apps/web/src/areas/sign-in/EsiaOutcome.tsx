import { useState } from 'react';
import type { PortalMunicipality } from '@uslugi/contracts';
import { chooseEsiaEmployee, choosePortalMunicipality } from '../../api/endpoints';
import { useEsiaResult } from '../../api/queries';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/errors';
import './esia-outcome.css';

interface EsiaOutcomeProps {
  state: string;
  /** After the choice of a municipality: where the server sends the employee or the applicant. */
  onSignedIn?: (redirectTo: string) => void;
}

interface Choice {
  key: string;
  label: string;
  detail?: string;
}

/** The municipalities to choose from, one button each; the same for staff and applicants. */
function ChooseMunicipality(props: {
  intro: string;
  choices: Choice[];
  pending: boolean;
  onChoose: (key: string) => void;
}) {
  return (
    <section className="panel" aria-labelledby="choose-title" data-testid="esia-choose">
      <h2 id="choose-title" className="panel-title">
        Выберите муниципальное образование
      </h2>
      <p className="muted">{props.intro}</p>
      <ul className="esia-choices">
        {props.choices.map((c) => (
          <li key={c.key}>
            <button
              type="button"
              className="btn"
              disabled={props.pending}
              onClick={() => props.onChoose(c.key)}
            >
              {c.label}
            </button>
            {c.detail && (
              <>
                {' '}
                <span className="muted">{c.detail}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const portalChoices = (municipalities: PortalMunicipality[]): Choice[] =>
  municipalities.map((m) => ({ key: m.id, label: m.name }));

/**
 * What became of a sign-in through ESIA that did not end in a session right away: the reason it was
 * refused (the server's Russian message), or the municipalities to choose from — an employee of
 * several picks one of theirs, an applicant whose municipality the Госуслуги address did not tell picks
 * one of the installation's (remembered for their next sign-ins).
 */
export function EsiaOutcome({ state, onSignedIn }: EsiaOutcomeProps) {
  const outcome = useEsiaResult(state);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function choose(send: () => Promise<{ redirectTo: string }>) {
    setPending(true);
    try {
      const { redirectTo } = await send();
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
  switch (result.outcome) {
    case 'failed':
      return (
        <div data-testid="esia-error">
          <Notice kind="error">{result.message}</Notice>
        </div>
      );
    case 'choose':
      return (
        <ChooseMunicipality
          intro="Вы работаете в нескольких муниципальных образованиях. В каком войти сейчас?"
          choices={result.choices.map((c) => ({
            key: c.employeeId,
            label: c.municipalityName,
            detail: [c.orgUnitName, c.positionName].filter(Boolean).join(', '),
          }))}
          pending={pending}
          onChoose={(employeeId) => void choose(() => chooseEsiaEmployee(state, employeeId))}
        />
      );
    case 'choose_municipality':
      return (
        <ChooseMunicipality
          intro="По адресу из Госуслуг не удалось определить ваше муниципальное образование. Выберите, куда направлять ваши обращения: выбор запомнится, а изменить его можно в профиле."
          choices={portalChoices(result.municipalities)}
          pending={pending}
          onChoose={(municipalityId) => void choose(() => choosePortalMunicipality(state, municipalityId))}
        />
      );
  }
}
