import { useState, type FormEvent } from 'react';
import { CA_PEM_URL, CRL_URL, verifySignature } from '../../api/endpoints';
import type { VerifyResult } from '@uslugi/contracts';
import { FormAlert } from '../../components/fields';
import { SignatureReportView } from '../../components/SignatureReportView';
import { DOCUMENT_MAX_BYTES, fileToBase64, formatBytes } from '../../lib/files';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../../lib/form-errors';

const FIELDS = ['document', 'signature'] as const;

function FileField(props: {
  id: string;
  label: string;
  hint: string;
  accept?: string;
  error: string | undefined;
  onChange: (file: File | null) => void;
}) {
  const { id, label, hint, accept, error, onChange } = props;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        <span className="required" aria-hidden="true">
          *
        </span>
      </div>
      <input
        id={id}
        type="file"
        accept={accept}
        aria-required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
      {error ? (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      ) : (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
    </div>
  );
}

/**
 * Public page: anyone checks a document and its detached signature (no sign-in). The files are sent
 * to the server, which verifies against the installation's trusted certification authorities.
 */
export function VerifyPage() {
  const [docFile, setDocFile] = useState<File | null>(null);
  const [signature, setSignature] = useState<File | null>(null);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setResult(null);
    const fields: Record<string, string> = {};
    if (!docFile) fields.document = 'Документ: выберите файл';
    else if (docFile.size > DOCUMENT_MAX_BYTES) fields.document = 'Документ: больше 10 МБ';
    if (!signature) fields.signature = 'Файл подписи: выберите файл';
    if (!docFile || !signature || Object.keys(fields).length > 0) {
      setErrors({ general: null, fields });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      setResult(
        await verifySignature({
          document: await fileToBase64(docFile),
          signature: await fileToBase64(signature),
        }),
      );
    } catch (error) {
      setErrors(toFormErrors(error, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="content content-narrow">
      <h1>Проверка электронной подписи</h1>
      <p className="muted">
        Выберите документ и файл его отсоединённой подписи (CAdES-BES, ГОСТ Р 34.10-2012). Система проверит
        подпись, сертификат подписанта, цепочку до доверенного удостоверяющего центра и отзыв сертификата.
      </p>
      <form className="form panel" noValidate onSubmit={(event) => void handleSubmit(event)}>
        <FormAlert message={errors.general} />
        <FileField
          id="verify-document"
          label="Документ"
          hint="Файл, который был подписан, не больше 10 МБ"
          error={errors.fields.document}
          onChange={setDocFile}
        />
        <FileField
          id="verify-signature"
          label="Файл подписи"
          hint="Обычно .sig или .p7s; DER, PEM или base64"
          accept=".sig,.p7s,.p7b,.pem,.txt,application/pkcs7-signature"
          error={errors.fields.signature}
          onChange={setSignature}
        />
        {docFile && (
          <p className="muted">
            Документ: {docFile.name}, {formatBytes(docFile.size)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="verify-submit">
            {busy ? 'Проверка…' : 'Проверить подпись'}
          </button>
        </div>
      </form>
      {result && (
        <section className="panel" aria-labelledby="verify-result-title">
          <h2 id="verify-result-title">Результат проверки</h2>
          <SignatureReportView report={result.report} />
          <p className="muted break">
            Документ: {formatBytes(result.document.size)}; хеш ГОСТ Р 34.11-2012 (256 бит):{' '}
            <code>{result.document.streebog256}</code>
          </p>
        </section>
      )}
      <p className="muted">
        Проверить подпись независимо: сертификат удостоверяющего центра системы —{' '}
        <a href={CA_PEM_URL}>ca.pem</a>, список отозванных сертификатов — <a href={CRL_URL}>crl</a>; команда{' '}
        <code>
          openssl cms -verify -engine gost -cades -binary -inform DER -in документ.sig -content документ
          -CAfile ca.pem
        </code>
        . Тестовый удостоверяющий центр не аккредитован: его подписи не являются квалифицированными.
      </p>
    </main>
  );
}
