import { Link } from 'react-router-dom';
import { useSession } from '../../auth/session-context';
import { TermCalculator } from '../../components/TermCalculator';
import { hasPermission, roleTitles } from '../../lib/roles';
import { UnfinishedConsultations } from './consultations/UnfinishedConsultations';

export function ArmHome() {
  const { user } = useSession();
  if (!user) return null;
  return (
    <>
      <h1>Рабочее место сотрудника</h1>
      <UnfinishedConsultations />
      <section className="panel">
        <dl className="facts">
          <dt>Сотрудник</dt>
          <dd>{user.fullName}</dd>
          <dt>Муниципальное образование</dt>
          <dd>{user.municipality.name}</dd>
          <dt>Подразделение</dt>
          <dd>{user.orgUnitName ?? '—'}</dd>
          <dt>Должность</dt>
          <dd>{user.positionName ?? '—'}</dd>
          <dt>Роли</dt>
          <dd>{roleTitles(user.roles) || '—'}</dd>
        </dl>
      </section>
      <section className="panel">
        <TermCalculator />
      </section>
      {hasPermission(user, 'cases.read') && (
        <p>
          <Link to="/arm/cases">Дела</Link> — новые, ваши, на утверждение, с истекающим сроком.
        </p>
      )}
    </>
  );
}
