import { Link } from 'react-router-dom';
import { useApplicantProfile, useEndPortalSession, usePortalSessions } from '../../api/queries';
import type { ActiveSession, ApplicantProfile, ApplicantSession } from '@uslugi/contracts';
import { Notice } from '../../components/Notice';
import { SessionsTable } from '../../components/SessionsTable';
import { errorMessage } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { MunicipalityPanel } from './MunicipalityPanel';
import { PortalSignIn } from './PortalSignIn';
import { signOutOfPortal, usePortalSession } from './portal-session';

const dash = (value: string | null | undefined) => (value ? value : '—');

function passportText(p: ApplicantProfile['passport']): string {
  if (!p) return '—';
  const issued = [
    p.issueDate ? `выдан ${formatDate(p.issueDate)}` : null,
    p.issuedBy,
    p.divisionCode ? `код подразделения ${p.divisionCode}` : null,
  ];
  return [`${p.series} ${p.number}`, ...issued].filter(Boolean).join(', ');
}

function ProfileFacts({ profile }: { profile: ApplicantProfile }) {
  const rows: Array<[string, string]> = [
    ['Фамилия, имя, отчество', profile.fullName],
    ['Дата рождения', profile.birthDate ? formatDate(profile.birthDate) : '—'],
    ['Пол', profile.gender === 'M' ? 'мужской' : profile.gender === 'F' ? 'женский' : '—'],
    ['СНИЛС', dash(profile.snils)],
    ['ИНН', dash(profile.inn)],
    ['Паспорт', passportText(profile.passport)],
    ['Адрес регистрации', dash(profile.registrationAddress)],
    ['Адрес места жительства', dash(profile.residenceAddress)],
    ['Мобильный телефон', dash(profile.mobile)],
    ['Электронная почта', dash(profile.email)],
  ];
  const org = profile.legalEntity;
  if (org) {
    rows.push(['Организация', org.fullName]);
    rows.push(['ОГРН, ИНН, КПП', [org.ogrn, org.inn, org.kpp].map(dash).join(', ')]);
  }
  return (
    <dl className="facts" data-testid="applicant-profile">
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function SignedIn({ session }: { session: ApplicantSession }) {
  const profile = useApplicantProfile();
  const sessions = usePortalSessions();
  const end = useEndPortalSession();
  const failure = profile.error ?? sessions.error ?? end.error;

  async function endSession(s: ActiveSession) {
    try {
      await end.mutateAsync({ id: s.id, csrfToken: session.csrfToken });
      if (s.current) window.location.assign('/');
    } catch {
      // Shown from the mutation's error.
    }
  }

  return (
    <>
      {failure && <Notice kind="error">{errorMessage(failure)}</Notice>}
      <MunicipalityPanel session={session} />
      <section className="panel">
        <div className="page-header">
          <h2 className="panel-title">Сведения из Госуслуг</h2>
          <button
            type="button"
            className="btn"
            data-testid="portal-sign-out"
            onClick={() => void signOutOfPortal(session.csrfToken)}
          >
            Выйти
          </button>
        </div>
        {profile.data ? <ProfileFacts profile={profile.data} /> : <p className="muted">Загрузка…</p>}
        {profile.data && (
          <p className="muted">
            Данные получены из ЕСИА {formatDateTime(profile.data.updatedFromEsiaAt)} и обновляются при каждом
            входе. Изменить их можно только на Госуслугах.
          </p>
        )}
      </section>
      <section className="panel">
        <h2 className="panel-title">Доступ к моим данным</h2>
        <p>
          Кто из сотрудников муниципальных образований и когда просматривал ваши сведения, заявления и
          документы: <Link to="/personal-data-access">Кто просматривал мои данные</Link>.
        </p>
      </section>
      <section className="panel">
        <h2 className="panel-title">Мои сеансы</h2>
        {sessions.data ? (
          <SessionsTable
            sessions={sessions.data}
            pendingId={end.isPending ? (end.variables?.id ?? null) : null}
            onEnd={(s) => void endSession(s)}
          />
        ) : (
          <p className="muted">Загрузка…</p>
        )}
      </section>
    </>
  );
}

/** «Мой профиль»: the applicant as ESIA describes them, and their sessions on the portal. */
export function ProfilePage() {
  const { state } = usePortalSession();
  return (
    <main className="content">
      <h1>Мой профиль</h1>
      {state.status === 'loading' && <p className="muted">Загрузка…</p>}
      {state.status === 'error' && <Notice kind="error">{state.message}</Notice>}
      {state.status === 'anonymous' && (
        <section className="panel">
          <p>Чтобы увидеть профиль, войдите через Госуслуги.</p>
          <PortalSignIn />
        </section>
      )}
      {state.status === 'signed-in' && <SignedIn session={state.session} />}
    </main>
  );
}
