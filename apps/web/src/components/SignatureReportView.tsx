import type { SignatureReport } from '@uslugi/contracts';
import { formatDateTime } from '../lib/format';
import './SignatureReportView.css';

/** The verdict first, in the words an official expects. */
export const VERDICT_TEXT: Record<SignatureReport['status'], string> = {
  valid: 'Подпись действительна',
  invalid: 'Подпись недействительна',
  indeterminate: 'Не удалось проверить подпись',
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

/** The file is not a CMS signature at all: one message, no list of checks that were never made. */
const NOT_A_SIGNATURE = new Set(['malformed']);

/** Reasons each check speaks for; the rest are listed under the verdict. */
const CHECK_REASONS = new Set([
  'content_mismatch',
  'signature_invalid',
  'untrusted_root',
  'chain_invalid',
  'issuer_not_ca',
  'unsupported_algorithm',
  'expired',
  'not_yet_valid',
  'revoked',
  'revocation_unknown',
  'crl_stale',
  'crl_invalid',
]);

type CheckState = 'ok' | 'failed' | 'warning';
const MARKS: Record<CheckState, string> = { ok: '✓', failed: '✗', warning: '!' };

/** One check: what was checked, then its outcome. */
function Check({ state, what, outcome }: { state: CheckState; what: string; outcome: string }) {
  return (
    <li className={`check check-${state}`} data-testid="signature-check">
      <span aria-hidden="true">{MARKS[state]}</span> {what}: {outcome}
    </li>
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The first failure among `reasons`, as the rest of a sentence. */
function because(report: SignatureReport, reasons: readonly string[], fallback: string): string {
  const found = [...report.failures, ...report.indeterminate].find((f) => reasons.includes(f.reason));
  return found ? lowerFirst(found.message) : fallback;
}

function checksOf(report: SignatureReport): { state: CheckState; what: string; outcome: string }[] {
  const { checks, referenceTime } = report;
  const at = REFERENCE[referenceTime.source];
  return [
    {
      state: checks.digest ? 'ok' : 'failed',
      what: 'Целостность документа',
      outcome: checks.digest ? 'документ не изменён после подписания' : 'документ изменён после подписания',
    },
    {
      state: checks.signature ? 'ok' : 'failed',
      what: 'Соответствие подписи сертификату',
      outcome: checks.signature
        ? 'подпись создана ключом этого сертификата'
        : 'подпись не соответствует сертификату подписанта',
    },
    {
      state: checks.chain ? 'ok' : 'failed',
      what: 'Удостоверяющий центр',
      outcome: checks.chain
        ? 'сертификат выдан доверенным удостоверяющим центром'
        : because(
            report,
            ['untrusted_root', 'chain_invalid', 'issuer_not_ca', 'unsupported_algorithm'],
            'сертификат не ведёт к доверенному удостоверяющему центру',
          ),
    },
    {
      state: checks.validity ? 'ok' : 'failed',
      what: `Срок действия сертификата ${at}`,
      outcome: checks.validity
        ? 'сертификат действовал'
        : because(report, ['expired', 'not_yet_valid'], 'сертификат не действовал'),
    },
    {
      state: checks.revocation === 'good' ? 'ok' : checks.revocation === 'revoked' ? 'failed' : 'warning',
      what: `Отзыв сертификата ${at}`,
      outcome:
        checks.revocation === 'good'
          ? 'не отозван (проверено по действующему списку отозванных сертификатов)'
          : checks.revocation === 'revoked'
            ? 'сертификат отозван'
            : because(
                report,
                ['revocation_unknown', 'crl_stale', 'crl_invalid'],
                'не удалось проверить: нет действующего списка отозванных сертификатов',
              ).replace(/^не удалось проверить статус отзыва сертификата: /, 'не удалось проверить: '),
    },
  ];
}

/** The verification report as a person reads it: the verdict, who signed, when, and each check. */
export function SignatureReportView({ report }: { report: SignatureReport }) {
  const { signer, referenceTime } = report;
  if (report.reason && NOT_A_SIGNATURE.has(report.reason)) {
    return (
      <div className="signature-report" data-testid="signature-report">
        <p className={VERDICT.invalid} role="status" data-testid="signature-verdict">
          <strong>{report.summary}</strong>
        </p>
      </div>
    );
  }
  // Reasons no check line speaks for (a missing certificate, a key not meant for signing…).
  const others = [...report.failures, ...report.indeterminate].filter(
    (f) => !CHECK_REASONS.has(f.reason) && f.message !== report.summary,
  );
  return (
    <div className="signature-report" data-testid="signature-report">
      <div className={VERDICT[report.status]} role="status" data-testid="signature-verdict">
        <strong>{VERDICT_TEXT[report.status]}</strong>
        {report.status !== 'valid' && report.summary !== VERDICT_TEXT[report.status] && (
          <div data-testid="signature-reason">{report.summary}</div>
        )}
      </div>
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
      {/* Without the signer's certificate nothing below could be checked: no list of failures. */}
      {signer && (
        <>
          <h3 className="checks-title">Что проверено</h3>
          <ul className="checks">
            {checksOf(report).map((check) => (
              <Check key={check.what} {...check} />
            ))}
          </ul>
        </>
      )}
      <p className="muted">Проверено: {formatDateTime(report.verifiedAt)}</p>
    </div>
  );
}
