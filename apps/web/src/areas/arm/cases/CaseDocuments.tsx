import type { CaseDocumentFile, CaseRenderedDocument, CaseSignatureView } from '@uslugi/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { Notice } from '../../../components/Notice';
import { uploadFile, UploadRefused } from '../../../components/file-upload/upload';
import { errorMessage } from '../../../lib/errors';
import { formatBytes } from '../../../lib/files';
import { formatDateTime } from '../../../lib/format';
import { caseDocumentUrl, caseDocumentVersionUrl, caseKeys, caseSignatureUrl, useCaseDocuments } from './api';
import { DOCUMENT_ROLE_TITLES } from './labels';

const FORMAT_TITLES: Record<CaseDocumentFile['format'], string> = { pdf: 'PDF', docx: 'DOCX', other: 'Файл' };

/**
 * The case's documents (000 item 2.5): each document a step asked for with where its forming stands,
 * its PDF and DOCX, signatures with their verification, earlier versions; the executor uploads a new
 * DOCX of the result draft while the decision awaits approval. Asked again while any is forming.
 */
export function CaseDocuments({ caseId }: { caseId: string }) {
  const { data, error } = useCaseDocuments(caseId);
  return (
    <section className="panel" aria-labelledby="case-documents-title">
      <h2 className="panel-title" id="case-documents-title">
        Документы
      </h2>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {!data && !error && <p className="muted">Загрузка…</p>}
      {data && data.items.length === 0 && data.others.length === 0 && (
        <p className="muted">Документов пока нет.</p>
      )}
      {data?.items.map((item) => (
        <RenderedDocument key={item.id} caseId={caseId} item={item} />
      ))}
      {data && data.others.length > 0 && (
        <ul className="case-documents" data-testid="case-documents">
          {data.others.map((document) => (
            <li key={document.id}>
              <span className="muted">{DOCUMENT_ROLE_TITLES[document.role]}:</span>{' '}
              <a href={caseDocumentUrl(caseId, document.id)} download={document.fileName}>
                {document.title}
              </a>{' '}
              <span className="muted">{formatDateTime(document.createdAt)}</span>
              <Signatures
                caseId={caseId}
                documentId={document.id}
                fileName={document.fileName}
                signatures={document.signatures}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RenderedDocument({ caseId, item }: { caseId: string; item: CaseRenderedDocument }) {
  const current = [item.pdf, item.docx].filter((f): f is CaseDocumentFile => f !== null);
  return (
    <div className="case-document" data-testid={`case-document-${item.kind}`}>
      <h3 className="case-document-title">
        {item.title}{' '}
        <span className={`case-document-status case-document-${item.status}`} data-testid="document-status">
          {item.statusTitle}
        </span>
      </h3>
      <p className="muted">{item.kindTitle}</p>
      {item.status === 'failed' && item.error && (
        <p className="case-term-overdue" role="status">
          Причина: {item.error}
        </p>
      )}
      {current.length > 0 && (
        <table className="table case-document-files">
          <thead>
            <tr>
              <th scope="col">Файл</th>
              <th scope="col">Редакция</th>
              <th scope="col">Автор, дата</th>
              <th scope="col">Хеш (ГОСТ Р 34.11-2012 / SHA-256)</th>
              <th scope="col">Подписи</th>
            </tr>
          </thead>
          <tbody>
            {current.map((file) => (
              <FileRow key={file.id} caseId={caseId} file={file} current />
            ))}
          </tbody>
        </table>
      )}
      {item.canUploadVersion && item.docx && <UploadVersion caseId={caseId} documentId={item.docx.id} />}
      {item.previousVersions.length > 0 && (
        <details data-testid="document-versions">
          <summary>Предыдущие редакции ({item.previousVersions.length})</summary>
          <table className="table case-document-files">
            <tbody>
              {item.previousVersions.map((file) => (
                <FileRow key={file.id} caseId={caseId} file={file} current={false} />
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}

function FileRow({ caseId, file, current }: { caseId: string; file: CaseDocumentFile; current: boolean }) {
  const label = current ? `Скачать ${FORMAT_TITLES[file.format]}` : `${FORMAT_TITLES[file.format]}`;
  return (
    <tr>
      <td>
        <a href={caseDocumentUrl(caseId, file.id)} download={file.fileName}>
          {label}
        </a>{' '}
        <span className="muted">{formatBytes(file.size)}</span>
      </td>
      <td>{file.version}</td>
      <td>
        {file.author}, {formatDateTime(file.createdAt)}
      </td>
      <td className="break">
        <code title="ГОСТ Р 34.11-2012">{file.streebog256}</code>
        <br />
        <code title="SHA-256">{file.sha256}</code>
      </td>
      <td>
        <Signatures
          caseId={caseId}
          documentId={file.id}
          fileName={file.fileName}
          signatures={file.signatures}
        />
      </td>
    </tr>
  );
}

function Signatures(props: {
  caseId: string;
  documentId: string;
  fileName: string;
  signatures: CaseSignatureView[];
}) {
  if (props.signatures.length === 0) return <span className="muted">Не подписан</span>;
  return (
    <ul className="case-document-signatures">
      {props.signatures.map((signature) => (
        <li key={signature.id} data-testid="document-signature">
          {signature.signer}
          {signature.signingTime ? `, ${formatDateTime(signature.signingTime)}` : ''}, сертификат{' '}
          {signature.certificateSerial} —{' '}
          {signature.valid ? signature.summary : <b className="case-term-overdue">{signature.summary}</b>}{' '}
          <a
            href={caseSignatureUrl(props.caseId, props.documentId, signature.id)}
            download={`${props.fileName}.sig`}
          >
            Подпись (.sig)
          </a>
        </li>
      ))}
    </ul>
  );
}

/** «Загрузить новую редакцию (DOCX)»: the edited Word file becomes the next version; its PDF is made again. */
function UploadVersion({ caseId, documentId }: { caseId: string; documentId: string }) {
  const client = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; message: string | null; ok: boolean }>({
    busy: false,
    message: null,
    ok: false,
  });
  const inputId = `document-version-${documentId}`;
  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setState({ busy: true, message: null, ok: false });
    try {
      await uploadFile({ endpoint: caseDocumentVersionUrl(caseId, documentId), file });
      setState({ busy: false, message: 'Новая редакция загружена, PDF формируется.', ok: true });
      await client.invalidateQueries({ queryKey: caseKeys.documents(caseId) });
      await client.invalidateQueries({ queryKey: caseKeys.one(caseId) });
    } catch (error) {
      const message = error instanceof UploadRefused ? error.message : errorMessage(error);
      setState({ busy: false, message, ok: false });
    }
  };
  return (
    <div className="case-document-upload">
      <label htmlFor={inputId} className="btn">
        {state.busy ? 'Загрузка…' : 'Загрузить новую редакцию (DOCX)'}
      </label>
      <input
        id={inputId}
        type="file"
        className="visually-hidden"
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        disabled={state.busy}
        onChange={(event) => void onChange(event)}
      />
      {state.message && <Notice kind={state.ok ? 'success' : 'error'}>{state.message}</Notice>}
    </div>
  );
}
