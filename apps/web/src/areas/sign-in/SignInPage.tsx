import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { esiaStaffSignInUrl } from '../../api/endpoints';
import { useSession } from '../../auth/session-context';
import { Notice } from '../../components/Notice';
import { EsiaOutcome } from './EsiaOutcome';

/** Staff sign-in: only through ESIA (Госуслуги); the employee is found by the СНИЛС of the account. */
export function SignInPage() {
  const { user, reload } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const from = (location.state as { from?: string } | null)?.from;
  const returnTo = from && from !== '/sign-in' ? from : undefined;
  const esiaState = params.get('esia') === 'result' ? (params.get('state') ?? '') : null;

  async function signedIn(redirectTo: string) {
    await reload();
    void navigate(redirectTo, { replace: true });
  }

  return (
    <main className="content content-narrow">
      <h1>Вход для сотрудников</h1>
      {user && (
        <Notice kind="info">Вы уже вошли как {user.fullName}. Можно войти под другой учётной записью.</Notice>
      )}
      {esiaState !== null && <EsiaOutcome state={esiaState} onSignedIn={(to) => void signedIn(to)} />}
      <section className="panel">
        <p>
          Вход выполняется через Единую систему идентификации и аутентификации (Госуслуги). Сотрудник
          определяется по СНИЛС подтверждённой учётной записи; если его нет в системе, обратитесь к оператору
          вашего муниципального образования.
        </p>
        <a className="btn btn-primary" href={esiaStaffSignInUrl(returnTo)} data-testid="esia-sign-in">
          Войти через Госуслуги
        </a>
      </section>
    </main>
  );
}
