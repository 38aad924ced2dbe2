import { useSession } from '../../auth/session-context';
import { TermCalculator } from '../../components/TermCalculator';
import { roleTitles } from '../../lib/roles';
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
      <p className="muted">Списки заявлений и дел появятся здесь в следующих версиях.</p>
    </>
  );
}
