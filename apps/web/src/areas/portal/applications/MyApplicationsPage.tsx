import type { PortalApplicationListItem } from '@uslugi/contracts';
import { Link } from 'react-router-dom';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatDate, formatDateTime } from '../../../lib/format';
import { PortalSignIn } from '../PortalSignIn';
import { usePortalSession } from '../portal-session';
import { useMyApplications } from './api';
import { ApplicantNotifications } from './ApplicantNotifications';
import './applications.css';

/** «осталось 5 рабочих дней» / «срок истёк 2 рабочих дня назад», with the last day. */
export function TermText({
  item,
}: {
  item: Pick<PortalApplicationListItem, 'dueDate' | 'daysLeftText' | 'workingDaysLeft'>;
}) {
  if (!item.dueDate) return <span className="muted">—</span>;
  const overdue = (item.workingDaysLeft ?? 0) < 0;
  return (
    <span className={overdue ? 'term-overdue' : undefined}>
      до {formatDate(item.dueDate)}
      {item.daysLeftText && <>, {item.daysLeftText}</>}
    </span>
  );
}

function ApplicationsTable({ items }: { items: PortalApplicationListItem[] }) {
  if (items.length === 0) {
    return (
      <p className="muted">
        Заявлений пока нет. Выберите услугу в разделе <Link to="/services">«Услуги»</Link>.
      </p>
    );
  }
  return (
    <table className="table portal-applications" data-testid="my-applications">
      <caption className="visually-hidden">Мои заявления</caption>
      <thead>
        <tr>
          <th scope="col">Услуга</th>
          <th scope="col">Номер</th>
          <th scope="col">Статус</th>
          <th scope="col">Срок</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>
              <Link to={`/applications/${item.id}`}>{item.service.name}</Link>
              <div className="muted">
                {item.submittedAt
                  ? `Подано ${formatDateTime(item.submittedAt)}`
                  : `Черновик от ${formatDateTime(item.updatedAt)}`}
              </div>
            </td>
            <td>{item.registrationNumber ?? <span className="muted">—</span>}</td>
            <td>{item.statusTitle}</td>
            <td>
              <TermText item={item} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SignedIn() {
  const { data, error } = useMyApplications();
  return (
    <>
      <ApplicantNotifications />
      <section className="panel" aria-labelledby="my-applications-title">
        <h2 className="panel-title" id="my-applications-title">
          Заявления
        </h2>
        {error && <Notice kind="error">{errorMessage(error)}</Notice>}
        {!data && !error && <p className="muted">Загрузка…</p>}
        {data && <ApplicationsTable items={data.items} />}
      </section>
    </>
  );
}

/** «Мои заявления»: the applicant's applications in this municipality, their statuses and terms. */
export function MyApplicationsPage() {
  const { state } = usePortalSession();
  return (
    <main className="content">
      <h1>Мои заявления</h1>
      {state.status === 'loading' && <p className="muted">Загрузка…</p>}
      {state.status === 'error' && <Notice kind="error">{state.message}</Notice>}
      {state.status === 'anonymous' && (
        <section className="panel">
          <p>Чтобы увидеть свои заявления, войдите через Госуслуги.</p>
          <PortalSignIn />
        </section>
      )}
      {state.status === 'signed-in' && <SignedIn />}
    </main>
  );
}
