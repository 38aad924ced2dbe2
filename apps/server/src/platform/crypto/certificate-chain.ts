import * as asn1js from 'asn1js';
import { BasicConstraints, Certificate, CertificateRevocationList } from 'pkijs';
import { algorithmOfCertificate } from './algorithms.js';
import { OID } from './oids.js';
import type { GostProvider } from './provider.js';
import { failure, type CmsFailure } from './verification-reasons.js';

/** Chain building and revocation for one signer certificate, with the GOST primitive of the provider. */

export interface ParsedCertificate {
  der: Uint8Array;
  certificate: Certificate;
}

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  return { der, certificate: Certificate.fromBER(new Uint8Array(der)) };
}

function sameBytes(a: Uint8Array | ArrayBuffer, b: Uint8Array | ArrayBuffer): boolean {
  return Buffer.from(a instanceof Uint8Array ? a : new Uint8Array(a)).equals(
    Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)),
  );
}

function nameDer(certificate: Certificate, which: 'issuer' | 'subject'): Uint8Array {
  return new Uint8Array(certificate[which].toSchema().toBER());
}

function isCa(certificate: Certificate): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === OID.basicConstraints);
  return extension?.parsedValue instanceof BasicConstraints && extension.parsedValue.cA;
}

/** KeyUsage (RFC 5280 4.2.1.3): the first octet of its bits, or undefined when the extension is absent. */
function keyUsage(certificate: Certificate): number | undefined {
  const extension = certificate.extensions?.find((e) => e.extnID === OID.keyUsage);
  if (!extension) return undefined;
  const bits = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView).result;
  return bits instanceof asn1js.BitString ? (bits.valueBlock.valueHexView[0] ?? 0) : 0;
}

const DIGITAL_SIGNATURE = 0x80;
const NON_REPUDIATION = 0x40;
const KEY_CERT_SIGN = 0x04;
const CRL_SIGN = 0x02;

/** May sign certificates: basicConstraints cA, and keyCertSign when keyUsage is present. */
function mayIssue(certificate: Certificate): boolean {
  const usage = keyUsage(certificate);
  return isCa(certificate) && (usage === undefined || (usage & KEY_CERT_SIGN) !== 0);
}

/** May sign CRLs: cRLSign when keyUsage is present. */
function maySignCrls(certificate: Certificate): boolean {
  const usage = keyUsage(certificate);
  return usage === undefined || (usage & CRL_SIGN) !== 0;
}

async function signedBy(
  provider: GostProvider,
  tbs: Uint8Array,
  algorithmOid: string,
  signature: Uint8Array,
  issuer: ParsedCertificate,
): Promise<boolean | 'unsupported'> {
  // The issuer's key decides the algorithm: Streebog-256 with a 256-bit key, Streebog-512 with a 512-bit one.
  if (algorithmOid !== algorithmOfCertificate(issuer.certificate)?.signatureOid) return 'unsupported';
  try {
    return await provider.verify({ certificate: issuer.der }, tbs, signature);
  } catch {
    return false; // a key the provider cannot read signs nothing
  }
}

function validityAt(certificate: Certificate, at: Date): CmsFailure | undefined {
  if (at < certificate.notBefore.value) return failure('not_yet_valid');
  if (at > certificate.notAfter.value) return failure('expired');
  return undefined;
}

export interface ChainResult {
  chain: ParsedCertificate[];
  failures: CmsFailure[];
}

const MAX_DEPTH = 8;

/**
 * Builds a path from the signer up to a trusted root, verifying each certificate's signature with its
 * issuer's key. An issuer must be a CA (basicConstraints cA) whose keyUsage, when present, allows
 * keyCertSign; the signer's keyUsage, when present, must allow digitalSignature or nonRepudiation.
 * Every candidate issuer with the right name is tried (two trusted roots may share a name); the first
 * path that reaches a trusted root wins. Each certificate on it must be valid at `at`.
 */
export async function buildChain(
  provider: GostProvider,
  signer: ParsedCertificate,
  pool: readonly ParsedCertificate[],
  trustedRoots: readonly ParsedCertificate[],
  at: Date,
): Promise<ChainResult> {
  const candidates = [...trustedRoots, ...pool];
  const usage = keyUsage(signer.certificate);
  const usageFailures =
    usage !== undefined && (usage & (DIGITAL_SIGNATURE | NON_REPUDIATION)) === 0
      ? [failure('key_usage')]
      : [];

  /** The path on from `path`, or the reason it ends short of a trusted root. */
  async function extend(path: ParsedCertificate[]): Promise<ParsedCertificate[] | CmsFailure> {
    const current = path[path.length - 1]!;
    if (trustedRoots.some((root) => sameBytes(root.der, current.der))) return path;
    if (path.length > MAX_DEPTH) return failure('chain_invalid');
    const issuerName = nameDer(current.certificate, 'issuer');
    const issuers = candidates.filter(
      (c, i) =>
        sameBytes(nameDer(c.certificate, 'subject'), issuerName) &&
        !path.some((p) => sameBytes(p.der, c.der)) &&
        candidates.findIndex((d) => sameBytes(d.der, c.der)) === i,
    );
    let first: CmsFailure | undefined;
    for (const issuer of issuers) {
      let outcome: ParsedCertificate[] | CmsFailure;
      if (!mayIssue(issuer.certificate)) {
        outcome = failure('issuer_not_ca');
      } else {
        const verdict = await signedBy(
          provider,
          current.certificate.tbsView,
          current.certificate.signatureAlgorithm.algorithmId,
          current.certificate.signatureValue.valueBlock.valueHexView,
          issuer,
        );
        outcome =
          verdict === true
            ? await extend([...path, issuer])
            : failure(verdict === 'unsupported' ? 'unsupported_algorithm' : 'chain_invalid');
      }
      if (Array.isArray(outcome)) return outcome;
      first ??= outcome;
    }
    return first ?? failure('untrusted_root');
  }

  const outcome = await extend([signer]);
  const chain = Array.isArray(outcome) ? outcome : [signer];
  const validity = chain.map((c) => validityAt(c.certificate, at)).filter((f) => f !== undefined);
  return {
    chain,
    failures: [...usageFailures, ...validity, ...(Array.isArray(outcome) ? [] : [outcome])],
  };
}

export type RevocationStatus = 'good' | 'revoked' | 'not_checked';

export interface RevocationResult {
  status: RevocationStatus;
  /** Revoked: the signature is invalid. */
  failures: CmsFailure[];
  /** Why the status is not known: no CRL of the issuer, only stale ones, or none that verifies. */
  indeterminate: CmsFailure[];
}

/**
 * Checks the signer against the CRLs of its issuer, at the reference time `at` (63-ФЗ art. 11: the
 * certificate must have been in force then). A CRL counts only when its issuer signed it. A CRL whose
 * nextUpdate is before `now` is stale: it still proves a revocation it lists, but its silence proves
 * nothing, so without a current CRL the status stays unknown.
 */
export async function checkRevocation(
  provider: GostProvider,
  signer: ParsedCertificate,
  issuer: ParsedCertificate | undefined,
  crls: readonly Uint8Array[],
  at: Date,
  now: Date,
): Promise<RevocationResult> {
  if (!issuer) return { status: 'not_checked', failures: [], indeterminate: [] };
  const issuerName = nameDer(issuer.certificate, 'subject');
  const serial = signer.certificate.serialNumber.valueBlock.valueHexView;
  let current = false;
  let stale = false;
  let invalid = false;
  for (const der of crls) {
    let crl: CertificateRevocationList;
    try {
      crl = CertificateRevocationList.fromBER(new Uint8Array(der));
    } catch {
      invalid = true;
      continue;
    }
    if (!sameBytes(new Uint8Array(crl.issuer.toSchema().toBER()), issuerName)) continue;
    if (!maySignCrls(issuer.certificate)) {
      invalid = true;
      continue;
    }
    const verdict = await signedBy(
      provider,
      crl.tbsView,
      crl.signatureAlgorithm.algorithmId,
      crl.signatureValue.valueBlock.valueHexView,
      issuer,
    );
    if (verdict !== true) {
      invalid = true;
      continue;
    }
    const entry = crl.revokedCertificates?.find((r) =>
      sameBytes(r.userCertificate.valueBlock.valueHexView, serial),
    );
    if (entry && entry.revocationDate.value <= at) {
      return { status: 'revoked', failures: [failure('revoked')], indeterminate: [] };
    }
    if (!crl.nextUpdate || crl.nextUpdate.value >= now) current = true;
    else stale = true;
  }
  if (current) return { status: 'good', failures: [], indeterminate: [] };
  const reason = stale ? 'crl_stale' : invalid ? 'crl_invalid' : 'revocation_unknown';
  return { status: 'not_checked', failures: [], indeterminate: [failure(reason)] };
}
