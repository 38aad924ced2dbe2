import { Link, useSearchParams } from 'react-router-dom';
import { Notice } from '../../components/Notice';
import { EsiaOutcome } from '../sign-in/EsiaOutcome';
import { PortalSignIn } from './PortalSignIn';
import { usePortalSession } from './portal-session';

export function PortalHome() {
  const { state } = usePortalSession();
  const [params] = useSearchParams();
  const esiaState = params.get('esia') === 'result' ? (params.get('state') ?? '') : null;
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
      {esiaState !== null && <EsiaOutcome state={esiaState} />}
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
          <Link to="/profile" className="btn btn-primary">
            Мой профиль
          </Link>
        </section>
      )}
      {state.status === 'anonymous' && (
        <section className="panel">
          <p>Войдите с подтверждённой учётной записью Госуслуг: ваши данные будут заполнены из неё.</p>
          <PortalSignIn />
        </section>
      )}
      <p className="muted">
        <Link to="/sign-in">Вход для сотрудников</Link>
      </p>
    </main>
  );
}
