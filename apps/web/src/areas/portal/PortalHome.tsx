import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { keys, useEsiaResult } from '../../api/queries';
import { Notice } from '../../components/Notice';
import { EsiaOutcome } from '../sign-in/EsiaOutcome';
import { ApplicantNotifications } from './applications/ApplicantNotifications';
import { PortalSignIn } from './PortalSignIn';
import { usePortalSession } from './portal-session';

export function PortalHome() {
  const { state } = usePortalSession();
  const [params] = useSearchParams();
  const esiaState = params.get('esia') === 'result' ? (params.get('state') ?? '') : null;
  // While the applicant chooses a municipality to finish the sign-in, no second sign-in is offered.
  const choosing = useEsiaResult(esiaState ?? '', esiaState !== null).data?.outcome === 'choose_municipality';
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  // The applicant chose a municipality at the end of the sign-in: the session now exists.
  async function signedIn(redirectTo: string) {
    await queryClient.invalidateQueries({ queryKey: keys.portalSession });
    void navigate(redirectTo, { replace: true });
  }

  return (
    <main className="content content-narrow">
      <h1>Портал муниципальных услуг</h1>
      <p>
        Здесь можно будет подать заявление на получение муниципальной услуги в электронной форме и следить за
        ходом его рассмотрения.
      </p>
      <p>
        <Link to="/services" className="btn btn-primary" data-testid="portal-services-link">
          Услуги
        </Link>
      </p>
      {esiaState !== null && <EsiaOutcome state={esiaState} onSignedIn={(to) => void signedIn(to)} />}
      {state.status === 'error' && <Notice kind="error">{state.message}</Notice>}
      {state.status === 'signed-in' && (
        <section className="panel">
          <p data-testid="portal-user">
            Вы вошли как <b>{state.session.applicant.fullName}</b>
            {state.session.applicant.legalEntityName && (
              <> — представитель {state.session.applicant.legalEntityName}</>
            )}
            . Муниципальное образование: {state.session.municipality.name}.
          </p>
          <p className="form-actions">
            <Link to="/applications" className="btn btn-primary">
              Мои заявления
            </Link>
            <Link to="/profile" className="btn">
              Мой профиль
            </Link>
            <Link to="/personal-data-access" className="btn" data-testid="personal-data-access-link">
              Кто просматривал мои данные
            </Link>
          </p>
        </section>
      )}
      {state.status === 'signed-in' && <ApplicantNotifications />}
      {state.status === 'anonymous' && !choosing && (
        <section className="panel">
          <p>
            Войдите с подтверждённой учётной записью Госуслуг: ваши данные будут заполнены из неё, а
            муниципальное образование определится по адресу регистрации (его можно выбрать и самому).
          </p>
          <PortalSignIn />
        </section>
      )}
      <p className="muted">
        <Link to="/sign-in">Вход для сотрудников</Link>
      </p>
    </main>
  );
}
