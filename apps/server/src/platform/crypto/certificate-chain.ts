import { BasicConstraints, Certificate, CertificateRevocationList } from 'pkijs';
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

async function signedBy(
  provider: GostProvider,
  tbs: Uint8Array,
  algorithmOid: string,
  signature: Uint8Array,
  issuer: ParsedCertificate,
): Promise<boolean | 'unsupported'> {
  if (algorithmOid !== OID.gost2012SignWithStreebog256) return 'unsupported';
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

/** Walks issuer links from the signer up to a trusted root, verifying each certificate's signature. */
export async function buildChain(
  provider: GostProvider,
  signer: ParsedCertificate,
  pool: readonly ParsedCertificate[],
  trustedRoots: readonly ParsedCertificate[],
  at: Date,
): Promise<ChainResult> {
  const chain = [signer];
  const failures: CmsFailure[] = [];
  const candidates = [...trustedRoots, ...pool];
  let current = signer;
  for (let depth = 0; depth < 8; depth++) {
    const expired = validityAt(current.certificate, at);
    if (expired) failures.push(expired);
    const trusted = trustedRoots.some((root) => sameBytes(root.der, current.der));
    if (trusted) return { chain, failures };
    const issuerName = nameDer(current.certificate, 'issuer');
    const issuer = candidates.find(
      (c) =>
        sameBytes(nameDer(c.certificate, 'subject'), issuerName) &&
        c.der !== current.der &&
        isCa(c.certificate),
    );
    if (!issuer) {
      failures.push(failure('untrusted_root'));
      return { chain, failures };
    }
    const verdict = await signedBy(
      provider,
      current.certificate.tbsView,
      current.certificate.signatureAlgorithm.algorithmId,
      current.certificate.signatureValue.valueBlock.valueHexView,
      issuer,
    );
    if (verdict !== true) {
      failures.push(failure(verdict === 'unsupported' ? 'unsupported_algorithm' : 'chain_invalid'));
      return { chain, failures };
    }
    chain.push(issuer);
    current = issuer;
  }
  failures.push(failure('chain_invalid'));
  return { chain, failures };
}

export type RevocationStatus = 'good' | 'revoked' | 'not_checked';

/** Checks the signer against the CRLs of its issuer; a CRL that does not verify is itself a failure. */
export async function checkRevocation(
  provider: GostProvider,
  signer: ParsedCertificate,
  issuer: ParsedCertificate | undefined,
  crls: readonly Uint8Array[],
  at: Date,
): Promise<{ status: RevocationStatus; failures: CmsFailure[] }> {
  if (!issuer || crls.length === 0) return { status: 'not_checked', failures: [] };
  const issuerName = nameDer(issuer.certificate, 'subject');
  let status: RevocationStatus = 'not_checked';
  for (const der of crls) {
    let crl: CertificateRevocationList;
    try {
      crl = CertificateRevocationList.fromBER(new Uint8Array(der));
    } catch {
      return { status: 'not_checked', failures: [failure('crl_invalid')] };
    }
    if (!sameBytes(new Uint8Array(crl.issuer.toSchema().toBER()), issuerName)) continue;
    const verdict = await signedBy(
      provider,
      crl.tbsView,
      crl.signatureAlgorithm.algorithmId,
      crl.signatureValue.valueBlock.valueHexView,
      issuer,
    );
    if (verdict !== true) return { status: 'not_checked', failures: [failure('crl_invalid')] };
    const serial = signer.certificate.serialNumber.valueBlock.valueHexView;
    const entry = crl.revokedCertificates?.find((r) =>
      sameBytes(r.userCertificate.valueBlock.valueHexView, serial),
    );
    // 63-ФЗ art. 11 item 2: the certificate must be in force at the moment of signing.
    if (entry && entry.revocationDate.value <= at)
      return { status: 'revoked', failures: [failure('revoked')] };
    status = 'good';
  }
  return { status, failures: [] };
}
