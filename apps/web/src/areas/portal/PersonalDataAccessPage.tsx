import type { PersonalDataAccess } from '@uslugi/contracts';
import { usePersonalDataAccess } from '../../api/queries';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { PortalSignIn } from './PortalSignIn';
import { usePortalSession } from './portal-session';

const dash = (value: string | null) => value ?? '—';

function whatText(item: PersonalDataAccess): string {
  return item.applicationNumber ? `${item.viewedTitle} № ${item.applicationNumber}` : item.viewedTitle;
}

/** The table of accesses: when, who (ФИО, position, unit), where, what. */
export function AccessTable({ items }: { items: PersonalDataAccess[] }) {
  if (items.length === 0) {
    return (
      <p className="muted" data-testid="personal-data-access-empty">
        Ваши данные никто не просматривал
      </p>
    );
  }
  return (
    <table className="table" data-testid="personal-data-access">
      <caption className="visually-hidden">Кто просматривал мои данные</caption>
      <thead>
        <tr>
          <th scope="col">Когда</th>
          <th scope="col">Сотрудник</th>
          <th scope="col">Должность</th>
          <th scope="col">Подразделение</th>
          <th scope="col">Муниципальное образование</th>
          <th scope="col">Что просматривалось</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>{formatDateTime(item.at)}</td>
            <td>{item.employeeName}</td>
            <td>{dash(item.positionName)}</td>
            <td>{dash(item.orgUnitName)}</td>
            <td>{item.municipalityName}</td>
            <td>{whatText(item)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SignedIn() {
  const access = usePersonalDataAccess();
  const items = access.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="panel">
      {access.error && <Notice kind="error">{errorMessage(access.error)}</Notice>}
      {access.isPending && <p className="muted">Загрузка…</p>}
      {access.data && <AccessTable items={items} />}
      {access.hasNextPage && (
        <p className="form-actions">
          <button
            type="button"
            className="btn"
            disabled={access.isFetchingNextPage}
            onClick={() => void access.fetchNextPage()}
          >
            Показать ещё
          </button>
        </p>
      )}
    </section>
  );
}

/**
 * «Кто просматривал мои данные»: when and which employee of a municipality opened the applicant's
 * data, applications or documents (152-ФЗ ст. 14, 20: the subject's right to know how their data are
 * processed). The server records a view once per employee and object in ten minutes.
 */
export function PersonalDataAccessPage() {
  const { state } = usePortalSession();
  return (
    <main className="content">
      <h1>Кто просматривал мои данные</h1>
      <p className="muted">
        Сотрудники муниципальных образований, которые открывали ваши сведения, заявления и документы.
        Повторный просмотр того же сотрудника в течение 10 минут отдельно не показывается.
      </p>
      {state.status === 'loading' && <p className="muted">Загрузка…</p>}
      {state.status === 'error' && <Notice kind="error">{state.message}</Notice>}
      {state.status === 'anonymous' && (
        <section className="panel">
          <p>Чтобы увидеть, кто просматривал ваши данные, войдите через Госуслуги.</p>
          <PortalSignIn />
        </section>
      )}
      {state.status === 'signed-in' && <SignedIn />}
    </main>
  );
}
