import { Link, useParams } from 'react-router-dom';
import { formatSize } from '../../../components/file-upload/FileUpload';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatDate, formatDateTime } from '../../../lib/format';
import { PortalSignIn } from '../PortalSignIn';
import { usePortalSession } from '../portal-session';
import type { PortalApplication } from '@uslugi/contracts';
import { portalApplicationsApi, useMyApplication } from './api';
import { CaseBlock } from './CaseBlock';
import { TermText } from './MyApplicationsPage';
import './applications.css';

function Facts({ application }: { application: PortalApplication }) {
  const rows: Array<[string, React.ReactNode]> = [
    ['Услуга', application.service.name],
    ['Статус', <b key="status">{application.statusTitle}</b>],
    ['Регистрационный номер', application.registrationNumber ?? '—'],
  ];
  if (application.registeredAt) rows.push(['Дата регистрации', formatDateTime(application.registeredAt)]);
  if (application.submittedAt) rows.push(['Подано', formatDateTime(application.submittedAt)]);
  if (application.dueDate)
    rows.push(['Срок предоставления услуги', <TermText key="term" item={application} />]);
  return (
    <dl className="facts" data-testid="application-facts">
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Refusal({ refusal }: { refusal: NonNullable<PortalApplication['refusal']> }) {
  return (
    <section className="panel" aria-labelledby="refusal-title" data-testid="application-refusal">
      <h2 className="panel-title" id="refusal-title">
        Основания отказа
      </h2>
      <ul>
        {refusal.grounds.map((g) => (
          <li key={g.key}>{g.text}</li>
        ))}
      </ul>
      {refusal.comment && (
        <p>
          <b>Комментарий:</b> {refusal.comment}
        </p>
      )}
    </section>
  );
}

function Details({ application, csrfToken }: { application: PortalApplication; csrfToken: string }) {
  return (
    <>
      <section className="panel">
        <Facts application={application} />
        {application.receiptAvailable && (
          <p>
            <a className="btn" href={portalApplicationsApi.receiptUrl(application.id)} download>
              Скачать расписку
            </a>
          </p>
        )}
        {application.status === 'draft' && (
          <p>
            <Link
              className="btn btn-primary"
              to={`/services/${application.service.id}/apply?draft=${application.id}`}
            >
              Продолжить заполнение
            </Link>
          </p>
        )}
      </section>
      <CaseBlock application={application} csrfToken={csrfToken} />
      {application.refusal && <Refusal refusal={application.refusal} />}
      <section className="panel" aria-labelledby="history-title">
        <h2 className="panel-title" id="history-title">
          История
        </h2>
        {application.history.length === 0 ? (
          <p className="muted">
            Черновик создан {formatDateTime(application.createdAt)}; заявление ещё не подано.
          </p>
        ) : (
          <ol className="application-history" data-testid="application-history">
            {application.history.map((h, index) => (
              <li key={`${h.at}-${index}`}>
                <b>{h.title}</b> — {formatDateTime(h.at)}
                {h.comment && <div>{h.comment}</div>}
              </li>
            ))}
          </ol>
        )}
      </section>
      {application.files.length > 0 && (
        <section className="panel" aria-labelledby="files-title">
          <h2 className="panel-title" id="files-title">
            Приложенные файлы
          </h2>
          <ul>
            {application.files.map((f) => (
              <li key={f.id}>
                {f.fileName} ({formatSize(f.size)}, загружен {formatDate(f.uploadedAt.slice(0, 10))})
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function Loaded({ id, csrfToken }: { id: string; csrfToken: string }) {
  const { data, error } = useMyApplication(id);
  return (
    <>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {!data && !error && <p className="muted">Загрузка…</p>}
      {data && <Details application={data} csrfToken={csrfToken} />}
    </>
  );
}

/** The applicant's application: its status and history, number, term, refusal grounds, receipt. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { state } = usePortalSession();
  return (
    <main className="content content-narrow">
      <p>
        <Link to="/applications">← Мои заявления</Link>
      </p>
      <h1>Заявление</h1>
      {state.status === 'loading' && <p className="muted">Загрузка…</p>}
      {state.status === 'error' && <Notice kind="error">{state.message}</Notice>}
      {state.status === 'anonymous' && (
        <section className="panel">
          <p>Чтобы увидеть заявление, войдите через Госуслуги.</p>
          <PortalSignIn />
        </section>
      )}
      {state.status === 'signed-in' && <Loaded id={id} csrfToken={state.session.csrfToken} />}
    </main>
  );
}
