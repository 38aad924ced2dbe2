import type { VerifyResult } from '@uslugi/contracts';
import { useState } from 'react';
import { CA_PEM_URL, CRL_URL, verifySignature } from '../../api/endpoints';
import { Form, FormFooter } from '../../components/form/Form';
import { FileField } from '../../components/form/Field';
import { SignatureReportView } from '../../components/SignatureReportView';
import { DOCUMENT_MAX_BYTES, fileToBase64, formatBytes } from '../../lib/files';
import { useApiForm } from '../../lib/use-api-form';

interface Values {
  document: File | null;
  signature: File | null;
}

const EMPTY: Values = { document: null, signature: null };

/**
 * The upload check: anyone sends a document and its detached signature (no sign-in). The files go to
 * the server, which verifies against the installation's trusted certification authorities.
 */
export function VerifyUploadForm() {
  const [result, setResult] = useState<VerifyResult | null>(null);
  const api = useApiForm({
    defaultValues: EMPTY,
    toRequest: () => null,
    check: ({ document, signature }) => ({
      ...(!document
        ? { document: 'Документ: выберите файл' }
        : document.size > DOCUMENT_MAX_BYTES && { document: 'Документ: больше 10 МБ' }),
      ...(!signature && { signature: 'Файл подписи: выберите файл' }),
    }),
    submit: async (_request, { document, signature }) => {
      setResult(null);
      return verifySignature({
        document: document ? await fileToBase64(document) : '',
        signature: signature ? await fileToBase64(signature) : '',
      });
    },
    onSuccess: setResult,
  });
  const docFile = api.form.watch('document');

  return (
    <>
      <Form api={api} className="form panel">
        <FileField<Values>
          id="verify-document"
          name="document"
          label="Документ"
          required
          hint="Файл, который был подписан, не больше 10 МБ"
        />
        <FileField<Values>
          id="verify-signature"
          name="signature"
          label="Файл подписи"
          required
          hint="Обычно .sig или .p7s"
          accept=".sig,.p7s,.p7b,.pem,.txt,application/pkcs7-signature"
        />
        {docFile && (
          <p className="muted">
            Документ: {docFile.name}, {formatBytes(docFile.size)}
          </p>
        )}
        <FormFooter
          api={api}
          pendingLabel="Проверка…"
          submitTestId="verify-submit"
          submit="Проверить подпись"
        />
      </Form>
      {result && (
        <section className="panel" aria-labelledby="verify-result-title" data-testid="verify-upload-result">
          <h2 id="verify-result-title">Результат проверки</h2>
          <SignatureReportView report={result.report} />
          <p className="muted break">
            Документ: {formatBytes(result.document.size)}; хеш ГОСТ Р 34.11-2012 (256 бит):{' '}
            <code>{result.document.streebog256}</code>
          </p>
        </section>
      )}
    </>
  );
}

/** How to check without the system: the CA certificate, its CRL, the openssl command. */
export function VerifyTechnical() {
  return (
    <>
      <p className="muted">
        Тестовый удостоверяющий центр не аккредитован: его подписи не являются квалифицированными.
      </p>
      <details className="technical" data-testid="verify-technical">
        <summary>Для специалистов</summary>
        <p className="muted">
          Проверить подпись независимо: сертификат удостоверяющего центра системы —{' '}
          <a href={CA_PEM_URL}>ca.pem</a>, список отозванных сертификатов — <a href={CRL_URL}>crl</a>; команда{' '}
          <code>
            openssl cms -verify -engine gost -cades -binary -inform DER -in документ.sig -content документ
            -CAfile ca.pem
          </code>
          .
        </p>
      </details>
    </>
  );
}

/** Public page: anyone checks a document and its detached signature (no sign-in). */
export function VerifyPage() {
  return (
    <main className="content content-narrow">
      <h1>Проверка электронной подписи</h1>
      <p className="muted">
        Выберите документ и файл его отсоединённой электронной подписи (ГОСТ Р 34.10-2012). Система проверит
        подпись, сертификат подписанта, цепочку до доверенного удостоверяющего центра и отзыв сертификата.
      </p>
      <VerifyUploadForm />
      <VerifyTechnical />
    </main>
  );
}
