import type { DocumentDetails, SigningCertificate } from '@uslugi/contracts';
import { useState } from 'react';
import { documentContentUrl, signatureContentUrl } from '../../../api/endpoints';
import { useDocument, useDocuments, useMyCertificate } from '../../../api/queries';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { SignatureReportView } from '../../../components/SignatureReportView';
import { formatBytes } from '../../../lib/files';
import { formatDate, formatDateTime } from '../../../lib/format';
import { errorMessage } from '../../../lib/errors';
import { ChangePinDialog } from './ChangePinDialog';
import { SignDialog } from './SignDialog';
import { UploadForm } from './UploadForm';
import './documents.css';

function DocumentPanel({
  details,
  certificate,
  onSign,
}: {
  details: DocumentDetails;
  certificate: SigningCertificate | null;
  onSign: () => void;
}) {
  return (
    <section className="panel" aria-labelledby="document-title" data-testid="document-details">
      <h2 id="document-title">{details.title}</h2>
      <dl className="facts">
        <dt>Файл</dt>
        <dd>
          <a href={documentContentUrl(details.id)} download={details.fileName}>
            {details.fileName}
          </a>{' '}
          <span className="muted">({formatBytes(details.size)})</span>
        </dd>
        <dt>Загрузил</dt>
        <dd>
          {details.createdByName}, {formatDateTime(details.createdAt)}
        </dd>
        <dt>Подразделение</dt>
        <dd>{details.orgUnitName ?? '—'}</dd>
        <dt>Хранится до</dt>
        <dd>{formatDate(details.retainUntil)}</dd>
        <dt>Хеш ГОСТ Р 34.11-2012</dt>
        <dd className="break">
          <code>{details.streebog256}</code>
        </dd>
      </dl>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!certificate || certificate.status !== 'active'}
          onClick={onSign}
        >
          Подписать
        </button>
      </div>
      <h3 className="signatures-title">Подписи</h3>
      {details.signatures.length === 0 ? (
        <p className="muted">Документ не подписан.</p>
      ) : (
        details.signatures.map((signature) => (
          <article key={signature.id} className="signature" data-testid="signature">
            <h4>
              {signature.signerName}, {formatDateTime(signature.signingTime)}{' '}
              <a href={signatureContentUrl(details.id, signature.id)} download={`${details.fileName}.sig`}>
                Скачать подпись (.sig)
              </a>{' '}
              <a
                href={signatureContentUrl(details.id, signature.id, 'base64')}
                download={`${details.fileName}.sig.b64`}
              >
                в base64
              </a>
            </h4>
            <SignatureReportView report={signature.report} />
          </article>
        ))
      )}
    </section>
  );
}

/** «Документы» of the staff workplace: upload, list, sign with one's own key, signatures with reports. */
export function DocumentsPage() {
  const documents = useDocuments();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const document = useDocument(selectedId);
  const selected = document.data ?? null;
  const mine = useMyCertificate();
  const certificate = mine.data?.certificate ?? null;
  const [signing, setSigning] = useState(false);
  const [changingPin, setChangingPin] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const failure = documents.error ?? document.error;

  function open(id: string) {
    setNotice(null);
    setSelectedId(id);
  }

  return (
    <>
      <h1>Документы</h1>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {failure && <Notice kind="error">{errorMessage(failure)}</Notice>}
      <p className="muted" data-testid="my-certificate">
        {certificate
          ? `Ваш сертификат электронной подписи № ${certificate.serialNumber} действует до ${formatDateTime(certificate.notAfter)}.`
          : 'У вас нет действующего сертификата электронной подписи: подписывать документы нельзя. Обратитесь к оператору.'}{' '}
        {certificate?.status === 'active' && !certificate.ownPinSet && (
          <>Перед первой подписью задайте собственный PIN-код вместо полученного от оператора: </>
        )}
        {certificate?.status === 'active' && (
          <button type="button" className="btn-link" onClick={() => setChangingPin(true)}>
            Сменить PIN-код
          </button>
        )}
      </p>
      {changingPin && (
        <ChangePinDialog
          onClose={() => setChangingPin(false)}
          onChanged={() => {
            setChangingPin(false);
            setNotice({ kind: 'success', text: 'PIN-код ключа электронной подписи изменён.' });
          }}
        />
      )}
      <UploadForm
        onUploaded={(stored) => {
          setNotice({ kind: 'success', text: `Документ «${stored.title}» загружен.` });
          open(stored.id);
        }}
      />
      <p className="muted">
        В списке — загруженные вами документы; руководителю видны также документы его подразделения и
        подразделений, входящих в него.
      </p>
      <section className="panel panel-flush" aria-label="Список документов">
        {!documents.data ? (
          !documents.error && <p className="muted panel-pad">Загрузка…</p>
        ) : (
          <DataTable
            caption="Документы"
            data-testid="documents-table"
            rows={documents.data}
            rowKey={(doc) => doc.id}
            rowProps={(doc) => (selected?.id === doc.id ? { className: 'row-selected' } : {})}
            empty="Документов пока нет."
            columns={[
              {
                header: 'Документ',
                cell: (doc) => (
                  <button type="button" className="btn-link" onClick={() => open(doc.id)}>
                    {doc.title}
                  </button>
                ),
              },
              { header: 'Владелец', cell: (doc) => doc.createdByName },
              { header: 'Подразделение', cell: (doc) => doc.orgUnitName ?? '—' },
              { header: 'Загружен', className: 'nowrap', cell: (doc) => formatDateTime(doc.createdAt) },
              { header: 'Размер', className: 'nowrap', cell: (doc) => formatBytes(doc.size) },
              { header: 'Подписей', cell: (doc) => doc.signatureCount },
            ]}
          />
        )}
      </section>
      {selected ? (
        <DocumentPanel details={selected} certificate={certificate} onSign={() => setSigning(true)} />
      ) : (
        <p className="muted">Выберите документ в списке, чтобы подписать его или посмотреть подписи.</p>
      )}
      {signing && selected && certificate && (
        <SignDialog
          document={selected}
          certificate={certificate}
          onClose={() => setSigning(false)}
          onChangePin={() => {
            setSigning(false);
            setChangingPin(true);
          }}
          onSigned={(signature) => {
            setSigning(false);
            setNotice({
              kind: signature.valid ? 'success' : 'error',
              text: signature.valid
                ? 'Документ подписан. Подпись проверена.'
                : `Подпись создана, но не прошла проверку: ${signature.report.summary}`,
            });
          }}
        />
      )}
    </>
  );
}
