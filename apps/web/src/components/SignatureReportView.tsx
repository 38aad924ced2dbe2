import type { SignatureReport } from '@uslugi/contracts';
import { formatDateTime } from '../lib/format';
import './SignatureReportView.css';

const REVOCATION: Record<SignatureReport['checks']['revocation'], string> = {
  good: 'не отозван (проверено по действующему списку отозванных сертификатов)',
  revoked: 'отозван',
  not_checked: 'не удалось проверить статус отзыва: нет действующего списка отозванных сертификатов',
};

const VERDICT: Record<SignatureReport['status'], string> = {
  valid: 'notice notice-success',
  invalid: 'notice notice-error',
  indeterminate: 'notice notice-warn',
};

const REFERENCE: Record<SignatureReport['referenceTime']['source'], string> = {
  stored: 'на момент сохранения подписи в системе',
  verification: 'на момент проверки',
};

type CheckState = 'ok' | 'failed' | 'warning';
const MARKS: Record<CheckState, string> = { ok: '✓', failed: '✗', warning: '!' };

function Check({ state, children }: { state: CheckState; children: string }) {
  return (
    <li className={`check check-${state}`}>
      <span aria-hidden="true">{MARKS[state]}</span> {children}
    </li>
  );
}

const passed = (ok: boolean): CheckState => (ok ? 'ok' : 'failed');

/** A revocation status that was not checked is a warning, never a green mark. */
function revocationState(revocation: SignatureReport['checks']['revocation']): CheckState {
  return revocation === 'good' ? 'ok' : revocation === 'revoked' ? 'failed' : 'warning';
}

/** The verification report as a person reads it: the verdict, who signed, when, and each check. */
export function SignatureReportView({ report }: { report: SignatureReport }) {
  const { signer, checks, referenceTime } = report;
  const others = [...report.failures, ...report.indeterminate].slice(1);
  return (
    <div className="signature-report" data-testid="signature-report">
      <p className={VERDICT[report.status]} role="status" data-testid="signature-verdict">
        <strong>{report.summary}</strong>
      </p>
      {others.length > 0 && (
        <ul className="report-failures">
          {others.map((failure) => (
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
          <dd>
            {report.signingTime ? formatDateTime(report.signingTime) : 'не указано в подписи'}
            {report.signingTimeNote && (
              <span className="muted"> ({report.signingTimeNote.toLowerCase()})</span>
            )}
          </dd>
          <dt>Сертификат проверен на</dt>
          <dd data-testid="reference-time">
            {formatDateTime(referenceTime.at)}. {referenceTime.description}
          </dd>
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
        <Check state={passed(checks.digest)}>Документ не изменён после подписания</Check>
        <Check state={passed(checks.signature)}>Подпись соответствует сертификату подписанта</Check>
        <Check state={passed(checks.chain)}>
          Цепочка сертификатов ведёт к доверенному удостоверяющему центру
        </Check>
        <Check
          state={passed(checks.validity)}
        >{`Сертификат действовал ${REFERENCE[referenceTime.source]}`}</Check>
        <Check state={revocationState(checks.revocation)}>
          {`Отзыв сертификата ${REFERENCE[referenceTime.source]}: ${REVOCATION[checks.revocation]}`}
        </Check>
      </ul>
      <p className="muted">Проверено: {formatDateTime(report.verifiedAt)}</p>
    </div>
  );
}
