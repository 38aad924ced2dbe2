import type { PortalApplication } from '@uslugi/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Notice } from '../../../components/Notice';
import { formatDateTime } from '../../../lib/format';
import { useWithdrawApplication } from './api';

/**
 * What the applicant sees of the case besides the status history: the stage it is at, the signed
 * result with its detached signature to download and the check its QR code opens, the notice of the
 * outcome, and «Отозвать заявление» while no decision is signed.
 */
export function CaseBlock({ application, csrfToken }: { application: PortalApplication; csrfToken: string }) {
  const portalCase = application.case;
  const [confirming, setConfirming] = useState(false);
  const [withdrawn, setWithdrawn] = useState(false);
  const withdraw = useWithdrawApplication(application.id, csrfToken);
  const result = portalCase?.result ?? null;
  // The signed result has its own block above; the rest (the notice of the outcome) are listed.
  const others = (portalCase?.documents ?? []).filter((d) => d.kind !== 'result');
  // Before acceptance there is no case yet, but a submitted application may be withdrawn too.
  const canWithdraw = application.canWithdraw || (portalCase?.canWithdraw ?? false);
  if (!portalCase && !canWithdraw && !withdrawn) return null;
  return (
    <section className="panel" aria-labelledby="case-title" data-testid="portal-case">
      <h2 className="panel-title" id="case-title">
        Предоставление услуги
      </h2>
      {withdrawn && <Notice kind="success">Заявление отозвано.</Notice>}
      {portalCase?.stageTitle && (
        <p>
          Этап: <b>{portalCase.stageTitle}</b>
        </p>
      )}
      {result && (
        <div className="portal-result" data-testid="portal-result">
          <p>
            Результат: <b>{result.title}</b>, подписан {result.signer} {formatDateTime(result.signedAt)}
          </p>
          <p className="form-actions">
            <a className="btn btn-primary" href={result.downloadPath} download={result.fileName}>
              Скачать результат
            </a>
            <a className="btn" href={result.signaturePath} download={`${result.fileName}.sig`}>
              Скачать подпись (.sig)
            </a>
          </p>
          <p className="muted">
            <Link to={`/verify/${result.documentId}`} data-testid="portal-result-verify">
              Проверить подлинность документа
            </Link>{' '}
            (эта же ссылка — в QR-коде на документе) или проверьте свой экземпляр с файлом подписи на странице{' '}
            <Link to="/verify">«Проверка подписи»</Link>.
          </p>
        </div>
      )}
      {others.length > 0 && (
        <ul className="portal-documents" data-testid="portal-documents">
          {others.map((document) => (
            <li key={document.downloadPath}>
              {document.title}, {formatDateTime(document.createdAt)}{' '}
              <a href={document.downloadPath} download={document.fileName}>
                Скачать
              </a>
              {document.signaturePath && (
                <>
                  {' '}
                  <a href={document.signaturePath} download={`${document.fileName}.sig`}>
                    Подпись (.sig)
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWithdraw && !withdrawn && (
        <p>
          <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
            Отозвать заявление
          </button>
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title="Отозвать заявление"
          confirmLabel="Отозвать заявление"
          confirm={withdraw}
          onDone={() => {
            setConfirming(false);
            setWithdrawn(true);
          }}
          onClose={() => setConfirming(false)}
          data-testid="withdraw-confirm"
        >
          <p>
            Рассмотрение заявления будет прекращено, решение по нему принято не будет. Отменить отзыв нельзя:
            чтобы получить услугу, понадобится подать новое заявление.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
