import type { Acceptance, Application, ServiceVersion } from '@uslugi/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useCatalogVersion } from '../../../api/queries';
import { useSession } from '../../../auth/session-context';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatBytes } from '../../../lib/files';
import { formatDate, formatDateTime } from '../../../lib/format';
import { hasPermission } from '../../../lib/roles';
import { AcceptanceResult } from './AcceptanceResult';
import {
  applicationFileUrl,
  documentUrl,
  useAcceptApplication,
  useApplication,
  useRefuseApplication,
} from './api';
import { daysLeftText, LATE_ENTRY } from './labels';
import { RefusalDialog } from './RefusalDialog';
import { ValuesView } from './ValuesView';
import './applications.css';

/** «Просмотреть»: an application read-only, with «Принять» and «Отказать» while it waits (000 п. 3.3). */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { data, error, isPending } = useApplication(id);
  const version = useCatalogVersion(data?.serviceVersionId ?? null);
  return (
    <>
      <p>
        <Link to="/arm/applications">← Заявления</Link>
      </p>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {isPending && !error && <p className="muted">Загрузка…</p>}
      {data && <ApplicationView application={data} version={version.data ?? null} />}
    </>
  );
}

function ApplicationView({
  application,
  version,
}: {
  application: Application;
  version: ServiceVersion | null;
}) {
  const { user } = useSession();
  const accept = useAcceptApplication();
  const refuse = useRefuseApplication();
  const [acceptance, setAcceptance] = useState<Acceptance | null>(null);
  const [refusing, setRefusing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const card = version?.definition.card ?? null;
  const waiting = application.status === 'submitted' && hasPermission(user, 'intake.accept');
  const title = application.registrationNumber
    ? `Заявление № ${application.registrationNumber}`
    : `Заявление от ${formatDateTime(application.submittedAt ?? application.createdAt)}`;
  const documentName = (key: string) => card?.applicantDocuments.find((d) => d.key === key)?.name ?? key;

  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      {acceptance && <AcceptanceResult acceptance={acceptance} />}
      {notice && <Notice kind="success">{notice}</Notice>}
      {accept.error && <Notice kind="error">{errorMessage(accept.error)}</Notice>}

      <section className="panel">
        <dl className="arm-facts" data-testid="application-facts">
          <div>
            <dt>Состояние</dt>
            <dd data-testid="application-status">{application.statusTitle}</dd>
          </div>
          <div>
            <dt>Услуга</dt>
            <dd>{application.service.name}</dd>
          </div>
          <div>
            <dt>Заявитель</dt>
            <dd>{application.applicant?.name ?? '—'}</dd>
          </div>
          {application.representative && (
            <div>
              <dt>Представитель</dt>
              <dd>{application.representative.name}</dd>
            </div>
          )}
          <div>
            <dt>Способ подачи</dt>
            <dd>
              {application.channel === 'portal' ? 'Через портал муниципальных услуг' : 'Лично, на бумаге'}
            </dd>
          </div>
          {application.submittedAt && (
            <div>
              <dt>Подано</dt>
              <dd>{formatDateTime(application.submittedAt)}</dd>
            </div>
          )}
          {application.registeredAt && (
            <div>
              <dt>Зарегистрировано</dt>
              <dd>{formatDateTime(application.registeredAt)}</dd>
            </div>
          )}
          {application.dueDate && (
            <div>
              <dt>Срок</dt>
              <dd>
                срок предоставления услуги — до {formatDate(application.dueDate)} (
                {daysLeftText(application.workingDaysLeft)})
              </dd>
            </div>
          )}
          {application.lateEntry && (
            <div>
              <dt>Отметка</dt>
              <dd className="late-entry">{LATE_ENTRY} (позднее одного рабочего дня после приёма)</dd>
            </div>
          )}
          {application.refusal && (
            <div>
              <dt>Отказано в приёме</dt>
              <dd>
                <ul className="history">
                  {application.refusal.grounds.map((g) => (
                    <li key={g.key}>{g.text}</li>
                  ))}
                </ul>
                {application.refusal.comment}
              </dd>
            </div>
          )}
          {application.receiptDocumentId && (
            <div>
              <dt>Расписка</dt>
              <dd>
                <a href={documentUrl(application.receiptDocumentId)} download>
                  Скачать расписку
                </a>
              </dd>
            </div>
          )}
        </dl>
        {waiting && !acceptance && (
          <div className="application-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={accept.isPending}
              onClick={() => accept.mutate(application.id, { onSuccess: setAcceptance })}
            >
              Принять
            </button>
            <button type="button" className="btn btn-danger" onClick={() => setRefusing(true)}>
              Отказать
            </button>
          </div>
        )}
      </section>

      <section className="panel">
        <h2>Сведения заявления</h2>
        {version ? (
          <ValuesView form={version.definition.form} values={application.values} files={application.files} />
        ) : (
          <p className="muted">Загрузка формы…</p>
        )}
      </section>

      {application.checklist.length > 0 && (
        <section className="panel">
          <h2>Представленные документы</h2>
          <ul className="history">
            {application.checklist.map((item) => (
              <li key={item.documentKey}>
                {documentName(item.documentKey)} —{' '}
                {item.presented === 'original'
                  ? 'подлинник'
                  : item.presented === 'copy'
                    ? 'копия'
                    : 'не представлен'}
                {item.sheets !== null && `, листов: ${item.sheets}`}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="panel">
        <h2>Приложенные файлы</h2>
        {application.files.length === 0 ? (
          <p className="muted">Файлов нет.</p>
        ) : (
          <ul className="history" data-testid="application-files">
            {application.files.map((file) => (
              <li key={file.id}>
                {file.fileName} <span className="muted">({formatBytes(file.size)})</span>
                {file.scan === 'quarantined' ? (
                  <span className="late-entry"> — файл заблокирован антивирусом</span>
                ) : (
                  <>
                    {' '}
                    <a href={applicationFileUrl(application.id, file.id)} target="_blank" rel="noreferrer">
                      Открыть
                    </a>{' '}
                    <a href={applicationFileUrl(application.id, file.id)} download={file.fileName}>
                      Скачать
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {application.heldDocuments.length > 0 && (
        <section className="panel">
          <h2>Документы, которые уже есть в администрации</h2>
          <p className="muted">Повторно у заявителя не запрашиваются (ст. 7 210-ФЗ).</p>
          <ul className="history" data-testid="application-held">
            {application.heldDocuments.map((doc) => (
              <li key={doc.id}>
                {doc.title || doc.documentTypeName} — {doc.sourceLabel}
                {doc.validUntil && (
                  <span className="muted">, действителен до {formatDate(doc.validUntil)}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="panel">
        <h2>История</h2>
        <ol className="history" data-testid="application-history">
          {application.history.map((change, index) => (
            <li key={`${change.at}-${index}`}>
              {formatDateTime(change.at)} — {change.title}
              {change.comment && <span className="muted">: {change.comment}</span>}
            </li>
          ))}
        </ol>
      </section>

      {refusing && (
        <RefusalDialog
          grounds={card?.intakeRefusalGrounds ?? []}
          subject={`${title}, ${application.service.name}.`}
          send={(refusal) => refuse.mutateAsync({ applicationId: application.id, refusal })}
          onDone={() => {
            setRefusing(false);
            setNotice('В приёме заявления отказано. Заявитель увидит основания и комментарий на портале.');
          }}
          onClose={() => setRefusing(false)}
        />
      )}
    </>
  );
}
