import type { SignatureReport } from '../api/types';
import { formatDateTime } from '../lib/format';

const REVOCATION: Record<SignatureReport['checks']['revocation'], string> = {
  good: 'не отозван (проверено по списку отозванных сертификатов)',
  revoked: 'отозван',
  not_checked: 'не проверялся: нет списка отозванных сертификатов этого удостоверяющего центра',
};

const MARKS = { ok: '✓', failed: '✗', unknown: '–' } as const;

function Check({ ok, children }: { ok: boolean | 'unknown'; children: string }) {
  const state = ok === 'unknown' ? 'unknown' : ok ? 'ok' : 'failed';
  return (
    <li className={`check check-${state}`}>
      <span aria-hidden="true">{MARKS[state]}</span> {children}
    </li>
  );
}

/** The verification report as a person reads it: the verdict, who signed, when, and each check. */
export function SignatureReportView({ report }: { report: SignatureReport }) {
  const { signer, checks } = report;
  return (
    <div className="signature-report" data-testid="signature-report">
      <p
        className={report.valid ? 'notice notice-success' : 'notice notice-error'}
        role="status"
        data-testid="signature-verdict"
      >
        <strong>{report.summary}</strong>
      </p>
      {report.failures.length > 1 && (
        <ul className="report-failures">
          {report.failures.slice(1).map((failure) => (
            <li key={failure.reason}>{failure.message}</li>
          ))}
        </ul>
      )}
      {signer && (
        <dl className="facts">
          <dt>Владелец сертификата (ФИО)</dt>
          <dd data-testid="signer-name">{signer.fullName}</dd>
          <dt>Должность</dt>
          <dd>{signer.title ?? '—'}</dd>
          <dt>Организация</dt>
          <dd>{signer.organization ?? '—'}</dd>
          <dt>СНИЛС</dt>
          <dd>{signer.snils ?? '—'}</dd>
          {signer.innLegalEntity && (
            <>
              <dt>ИНН организации</dt>
              <dd>{signer.innLegalEntity}</dd>
            </>
          )}
          {signer.ogrn && (
            <>
              <dt>ОГРН</dt>
              <dd>{signer.ogrn}</dd>
            </>
          )}
          <dt>Время подписания</dt>
          <dd>{report.signingTime ? formatDateTime(report.signingTime) : 'не указано в подписи'}</dd>
          <dt>Сертификат</dt>
          <dd>
            № {signer.serialNumber}, выдан: {signer.issuer}; действует с {formatDateTime(signer.notBefore)} по{' '}
            {formatDateTime(signer.notAfter)}
          </dd>
          <dt>Цепочка сертификатов</dt>
          <dd>{report.chain.length > 0 ? report.chain.join(' → ') : '—'}</dd>
        </dl>
      )}
      <ul className="checks">
        <Check ok={checks.digest}>Документ не изменён после подписания</Check>
        <Check ok={checks.signature}>Подпись соответствует сертификату подписанта</Check>
        <Check ok={checks.chain}>Цепочка сертификатов ведёт к доверенному удостоверяющему центру</Check>
        <Check ok={checks.validity}>Сертификат действовал на момент подписания</Check>
        <Check
          ok={checks.revocation !== 'revoked'}
        >{`Отзыв сертификата: ${REVOCATION[checks.revocation]}`}</Check>
      </ul>
      <p className="muted">Проверено: {formatDateTime(report.verifiedAt)}</p>
    </div>
  );
}
