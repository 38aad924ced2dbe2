import { formatSnils, type SignatureReport } from '@uslugi/contracts';
import type { CmsVerificationReport } from '../../platform/crypto/cms.js';
import { REFERENCE_TIME, SIGNING_TIME_CLAIM } from '../../platform/crypto/verification-reasons.js';

export const VALID_SUMMARY = 'Подпись действительна';

/** The core's report as the API and the web show it: dates as ISO text, СНИЛС formatted. */
export function toSignatureReport(report: CmsVerificationReport, verifiedAt = new Date()): SignatureReport {
  const signer = report.signer;
  return {
    status: report.status,
    valid: report.valid,
    summary: report.valid ? VALID_SUMMARY : (report.message ?? 'Подпись недействительна'),
    reason: report.reason ?? null,
    failures: report.failures.map((f) => ({ reason: f.reason, message: f.message })),
    indeterminate: report.indeterminate.map((f) => ({ reason: f.reason, message: f.message })),
    signer: signer
      ? {
          fullName: signer.fullName,
          title: signer.title ?? null,
          organization: signer.organization ?? null,
          snils:
            signer.snils && /^\d{11}$/.test(signer.snils)
              ? formatSnils(signer.snils)
              : (signer.snils ?? null),
          inn: signer.inn ?? null,
          innLegalEntity: signer.subject.innLegalEntity ?? null,
          ogrn: signer.ogrn ?? null,
          serialNumber: signer.serialNumber,
          issuer: signer.issuer.commonName,
          notBefore: signer.notBefore.toISOString(),
          notAfter: signer.notAfter.toISOString(),
        }
      : null,
    signingTime: report.signingTime?.toISOString() ?? null,
    signingTimeNote: report.signingTime ? SIGNING_TIME_CLAIM : null,
    referenceTime: {
      at: report.referenceTime.at.toISOString(),
      source: report.referenceTime.source,
      description: REFERENCE_TIME[report.referenceTime.source],
    },
    checks: report.checks,
    chain: report.chain,
    verifiedAt: verifiedAt.toISOString(),
  };
}

/**
 * A report kept in `document_signatures` before reports carried a status and a reference time: it
 * was made when the signature was stored, so that moment is its reference time.
 */
export function storedReport(report: unknown, storedAt: Date): SignatureReport {
  const r = report as Partial<SignatureReport> & Pick<SignatureReport, 'valid' | 'failures'>;
  return {
    ...(r as SignatureReport),
    status: r.status ?? (r.valid ? 'valid' : 'invalid'),
    indeterminate: r.indeterminate ?? [],
    signingTimeNote: r.signingTimeNote ?? (r.signingTime ? SIGNING_TIME_CLAIM : null),
    referenceTime: r.referenceTime ?? {
      at: storedAt.toISOString(),
      source: 'stored',
      description: REFERENCE_TIME.stored,
    },
  };
}
