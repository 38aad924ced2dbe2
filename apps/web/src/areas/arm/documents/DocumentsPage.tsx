import { useEffect, useState } from 'react';
import {
  documentContentUrl,
  getDocument,
  getMyCertificate,
  listDocuments,
  signatureContentUrl,
} from '../../../api/endpoints';
import type { DocumentDetails, SigningCertificate, StoredDocument } from '@uslugi/contracts';
import { Notice } from '../../../components/Notice';
import { SignatureReportView } from '../../../components/SignatureReportView';
import { formatBytes } from '../../../lib/files';
import { formatDate, formatDateTime } from '../../../lib/format';
import { errorMessage } from '../../../lib/form-errors';
import { ChangePinDialog } from './ChangePinDialog';
import { SignDialog } from './SignDialog';
import { UploadForm } from './UploadForm';

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
      <h3>Подписи</h3>
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
  const [documents, setDocuments] = useState<StoredDocument[] | null>(null);
  const [selected, setSelected] = useState<DocumentDetails | null>(null);
  const [certificate, setCertificate] = useState<SigningCertificate | null>(null);
  const [signing, setSigning] = useState(false);
  const [changingPin, setChangingPin] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const reload = () =>
    listDocuments().then(setDocuments, (error: unknown) =>
      setNotice({ kind: 'error', text: errorMessage(error) }),
    );

  useEffect(() => {
    void reload();
    getMyCertificate().then(
      (mine) => setCertificate(mine.certificate),
      () => setCertificate(null),
    );
  }, []);

  async function open(id: string) {
    setNotice(null);
    try {
      setSelected(await getDocument(id));
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(error) });
    }
  }

  return (
    <>
      <h1>Документы</h1>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
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
            setCertificate((current) => current && { ...current, ownPinSet: true });
          }}
        />
      )}
      <UploadForm
        onUploaded={(stored) => {
          setNotice({ kind: 'success', text: `Документ «${stored.title}» загружен.` });
          void reload();
          void open(stored.id);
        }}
      />
      <p className="muted">
        В списке — загруженные вами документы; руководителю видны также документы его подразделения и
        подразделений, входящих в него.
      </p>
      <section className="panel panel-flush" aria-label="Список документов">
        {documents === null ? (
          <p className="muted panel-pad">Загрузка…</p>
        ) : documents.length === 0 ? (
          <p className="muted panel-pad">Документов пока нет.</p>
        ) : (
          <table className="table" data-testid="documents-table">
            <thead>
              <tr>
                <th scope="col">Документ</th>
                <th scope="col">Владелец</th>
                <th scope="col">Подразделение</th>
                <th scope="col">Загружен</th>
                <th scope="col">Размер</th>
                <th scope="col">Подписей</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((doc) => (
                <tr key={doc.id} className={selected?.id === doc.id ? 'row-selected' : undefined}>
                  <td>
                    <button type="button" className="btn-link" onClick={() => void open(doc.id)}>
                      {doc.title}
                    </button>
                  </td>
                  <td>{doc.createdByName}</td>
                  <td>{doc.orgUnitName ?? '—'}</td>
                  <td className="nowrap">{formatDateTime(doc.createdAt)}</td>
                  <td className="nowrap">{formatBytes(doc.size)}</td>
                  <td>{doc.signatureCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
            void open(selected.id);
            void reload();
          }}
        />
      )}
    </>
  );
}
