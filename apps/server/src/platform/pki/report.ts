import { formatSnils, type SignatureReport } from '@uslugi/contracts';
import type { CmsVerificationReport } from '../crypto/cms.js';

export const VALID_SUMMARY = 'Подпись действительна';

/** The core's report as the API and the web show it: dates as ISO text, СНИЛС formatted. */
export function toSignatureReport(report: CmsVerificationReport, verifiedAt = new Date()): SignatureReport {
  const signer = report.signer;
  return {
    valid: report.valid,
    summary: report.valid ? VALID_SUMMARY : (report.message ?? 'Подпись недействительна'),
    reason: report.reason ?? null,
    failures: report.failures.map((f) => ({ reason: f.reason, message: f.message })),
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
    checks: report.checks,
    chain: report.chain,
    verifiedAt: verifiedAt.toISOString(),
  };
}
