import { useQuery } from '@tanstack/react-query';
import type { PublicDocumentVerification } from '@uslugi/contracts';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { getDocumentVerification } from '../../api/endpoints';
import { formatBytes } from '../../lib/files';
import { formatDateTime } from '../../lib/format';
import { VerifyTechnical, VerifyUploadForm } from './VerifyPage';

/**
 * The page a signed document's QR code opens (000 item 3.5): whether the copy the system keeps is
 * authentic, who signed it and when, its digests. Below, anyone checks their own copy with its `.sig`.
 */
export function VerifyDocumentPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['verify', 'document', id],
    queryFn: () => getDocumentVerification(id),
    retry: false,
  });
  return (
    <main className="content content-narrow">
      <h1>Проверка подлинности документа</h1>
      {query.isPending && <p className="muted">Проверка…</p>}
      {query.isError && (
        <div className="notice notice-warn" role="alert" data-testid="verify-document-missing">
          {query.error instanceof ApiError && query.error.status === 404
            ? 'Документ с таким идентификатором в системе не найден.'
            : query.error.message}
        </div>
      )}
      {query.data && <StoredVerdict result={query.data} />}
      <h2>Проверить свой экземпляр</h2>
      <p className="muted">
        Выберите файл документа и файл его электронной подписи (.sig): система проверит, что это тот же
        документ и подпись действительна.
      </p>
      <VerifyUploadForm />
      <VerifyTechnical />
    </main>
  );
}

function StoredVerdict({ result }: { result: PublicDocumentVerification }) {
  const tone =
    result.verdict === 'authentic'
      ? 'notice-success'
      : result.verdict === 'invalid'
        ? 'notice-error'
        : 'notice-warn';
  return (
    <section className="panel" aria-labelledby="verify-verdict" data-testid="verify-document">
      <h2 id="verify-verdict" className={`notice ${tone}`} data-testid="verify-verdict">
        {result.verdictTitle}
      </h2>
      <dl className="facts">
        <dt>Документ</dt>
        <dd>{result.title}</dd>
        <dt>Размер</dt>
        <dd>{formatBytes(result.size)}</dd>
        <dt>Хеш ГОСТ Р 34.11-2012 (256 бит)</dt>
        <dd className="break">
          <code>{result.streebog256}</code>
        </dd>
        <dt>Хеш SHA-256</dt>
        <dd className="break">
          <code>{result.sha256}</code>
        </dd>
      </dl>
      {result.signatures.map((s) => (
        <dl className="facts" key={`${s.certificateSerial}-${s.storedAt}`} data-testid="verify-signature">
          <dt>Подпись</dt>
          <dd>{s.summary}</dd>
          <dt>Владелец сертификата</dt>
          <dd>{s.position ? `${s.owner}, ${s.position}` : s.owner}</dd>
          <dt>Сертификат</dt>
          <dd>{s.certificateSerial}</dd>
          <dt>Действителен</dt>
          <dd>
            с {formatDateTime(s.validFrom)} по {formatDateTime(s.validTo)}
          </dd>
          <dt>Подписан</dt>
          <dd>{formatDateTime(s.signingTime ?? s.storedAt)}</dd>
        </dl>
      ))}
      <p className="muted">Проверено {formatDateTime(result.verifiedAt)}.</p>
    </section>
  );
}
