import * as asn1js from 'asn1js';
import { Certificate, ContentInfo, IssuerAndSerialNumber, SignedData, type SignerInfo } from 'pkijs';
import {
  buildChain,
  checkRevocation,
  parseCertificate,
  type ParsedCertificate,
  type RevocationStatus,
} from './certificate-chain.js';
import { algorithmBySignatureOid, algorithmOfCertificate } from './algorithms.js';
import { pemToDer } from './keys.js';
import { fullName, readName, type SubjectFields } from './names.js';
import { OID } from './oids.js';
import type { GostProvider } from './provider.js';
import {
  failure,
  type CmsFailure,
  type CmsFailureReason,
  type ReferenceTimeSource,
} from './verification-reasons.js';

export interface VerifyCmsOptions {
  provider: GostProvider;
  /** Certificates (DER or PEM) whose keys the product trusts: the accredited CAs' roots. */
  trustedRoots: ReadonlyArray<Uint8Array | string>;
  /**
   * CRLs (DER or PEM). Without a current one (nextUpdate not passed) for the signer's issuer the
   * revocation status is unknown and the result indeterminate.
   */
  crls?: ReadonlyArray<Uint8Array | string>;
  /**
   * When the system recorded this signature (a document signature's creation, a seal's time): a
   * trusted time, at which the certificate's validity and revocation are judged. Without it they are
   * judged now: the signing-time attribute is the signer's claim and is never the reference.
   */
  storedAt?: Date;
  /** The verification moment; defaults to the clock. */
  now?: Date;
}

/** valid: every check holds; invalid: one fails; indeterminate: none fails, but one could not be made. */
export type VerificationStatus = 'valid' | 'invalid' | 'indeterminate';

export interface SignerReport {
  subject: SubjectFields;
  /** ФИО: SN + G, or CN. */
  fullName: string;
  title?: string | undefined;
  organization?: string | undefined;
  snils?: string | undefined;
  inn?: string | undefined;
  ogrn?: string | undefined;
  issuer: SubjectFields;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
}

export interface CmsVerificationReport {
  status: VerificationStatus;
  /** status === 'valid'. */
  valid: boolean;
  /** The first failure, else the first indeterminate reason, for a one-line answer. */
  reason?: CmsFailureReason;
  message?: string;
  failures: CmsFailure[];
  /** What could not be established (the revocation status), when nothing failed outright. */
  indeterminate: CmsFailure[];
  signer?: SignerReport;
  /** The signing-time attribute: what the signer claims, not verified by anyone. */
  signingTime?: Date;
  /** The trusted moment the certificate was judged at, and where it comes from. */
  referenceTime: { at: Date; source: ReferenceTimeSource };
  checks: {
    digest: boolean;
    signature: boolean;
    chain: boolean;
    validity: boolean;
    revocation: RevocationStatus;
  };
  /** Subjects (CN) from the signer up to the trusted root. */
  chain: string[];
}

const DIGESTS: Record<string, 'streebog256' | 'streebog512'> = {
  [OID.streebog256]: 'streebog256',
  [OID.streebog512]: 'streebog512',
};

function toDer(input: Uint8Array | string): Uint8Array {
  if (typeof input !== 'string') return input;
  return input.includes('-----BEGIN') ? pemToDer(input).der : new Uint8Array(Buffer.from(input, 'base64'));
}

function attribute(signerInfo: SignerInfo, type: string): unknown {
  return signerInfo.signedAttrs?.attributes.find((a) => a.type === type)?.values[0];
}

function result(
  failures: CmsFailure[],
  indeterminate: CmsFailure[],
  rest: Omit<CmsVerificationReport, 'status' | 'valid' | 'failures' | 'indeterminate'>,
): CmsVerificationReport {
  const status: VerificationStatus =
    failures.length > 0 ? 'invalid' : indeterminate.length > 0 ? 'indeterminate' : 'valid';
  const first = failures[0] ?? indeterminate[0];
  return {
    status,
    valid: status === 'valid',
    ...(first && { reason: first.reason, message: first.message }),
    failures,
    indeterminate,
    ...rest,
  };
}

const NOTHING_CHECKED = {
  digest: false,
  signature: false,
  chain: false,
  validity: false,
  revocation: 'not_checked',
} as const;

function findSigner(signerInfo: SignerInfo, pool: ParsedCertificate[]): ParsedCertificate | undefined {
  const sid: unknown = signerInfo.sid;
  if (!(sid instanceof IssuerAndSerialNumber)) return undefined;
  return pool.find(
    ({ certificate }) =>
      certificate.issuer.isEqual(sid.issuer) && certificate.serialNumber.isEqual(sid.serialNumber),
  );
}

/** The ESSCertIDv2 hash must be the Streebog-256 of the very certificate that verifies the signature. */
function essCertHashMatches(
  provider: GostProvider,
  signerInfo: SignerInfo,
  signer: ParsedCertificate,
): boolean | 'absent' {
  const value = attribute(signerInfo, OID.signingCertificateV2);
  if (!(value instanceof asn1js.Sequence)) return 'absent';
  const certs = value.valueBlock.value[0];
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return false;
  const [hashAlgorithm, hash] = first.valueBlock.value;
  const algorithmOid =
    hashAlgorithm instanceof asn1js.Sequence ? hashAlgorithm.valueBlock.value[0] : undefined;
  if (!(algorithmOid instanceof asn1js.ObjectIdentifier) || !(hash instanceof asn1js.OctetString))
    return false;
  const alg = DIGESTS[algorithmOid.getValue()];
  if (!alg) return false;
  return Buffer.from(provider.digest(alg, signer.der)).equals(Buffer.from(hash.valueBlock.valueHexView));
}

function signerReport(signer: Certificate): SignerReport {
  const subject = readName(signer.subject);
  return {
    subject,
    fullName: fullName(subject),
    title: subject.title,
    organization: subject.organization,
    snils: subject.snils,
    inn: subject.inn,
    ogrn: subject.ogrn,
    issuer: readName(signer.issuer),
    serialNumber: Buffer.from(signer.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
    notBefore: signer.notBefore.value,
    notAfter: signer.notAfter.value,
  };
}

/**
 * Verifies a detached CAdES-BES signature over `content`: document digest, signature, reference to
 * the signer certificate, chain to a trusted root (each link checked with the GOST primitive),
 * validity and revocation (by CRL) at a trusted reference time (`storedAt`, else now). Never throws
 * for a bad signature: the report says what failed, with a code and a Russian message.
 */
export async function verifyCms(
  signature: Uint8Array | string,
  content: Uint8Array,
  options: VerifyCmsOptions,
): Promise<CmsVerificationReport> {
  const { provider } = options;
  const now = options.now ?? new Date();
  const referenceTime = options.storedAt
    ? { at: options.storedAt, source: 'stored' as const }
    : { at: now, source: 'verification' as const };
  let signedData: SignedData;
  let pool: ParsedCertificate[];
  let roots: ParsedCertificate[];
  try {
    const contentInfo = ContentInfo.fromBER(new Uint8Array(toDer(signature)));
    if (contentInfo.contentType !== OID.signedData) throw new Error('not SignedData');
    signedData = new SignedData({ schema: contentInfo.content });
    pool = (signedData.certificates ?? [])
      .filter((c): c is Certificate => c instanceof Certificate)
      .map((c) => parseCertificate(new Uint8Array(c.toSchema().toBER())));
    roots = options.trustedRoots.map((r) => parseCertificate(toDer(r)));
  } catch {
    return result([failure('malformed')], [], { checks: NOTHING_CHECKED, chain: [], referenceTime });
  }
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo || signedData.signerInfos.length !== 1) {
    return result([failure('malformed')], [], { checks: NOTHING_CHECKED, chain: [], referenceTime });
  }
  const time: unknown = attribute(signerInfo, OID.signingTime);
  const signingTime =
    time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime ? time.toDate() : undefined;
  const signer = findSigner(signerInfo, pool);
  if (!signer)
    return result([failure('signer_not_found')], [], {
      checks: NOTHING_CHECKED,
      chain: [],
      referenceTime,
      ...(signingTime && { signingTime }),
    });

  const failures: CmsFailure[] = [];
  const digestAlg = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  // The key decides: a 256-bit key signs over Streebog-256, a 512-bit one over Streebog-512 (RFC 9215).
  const gost = algorithmOfCertificate(signer.certificate);
  if (
    !gost ||
    digestAlg !== gost.digest ||
    algorithmBySignatureOid(signerInfo.signatureAlgorithm.algorithmId) !== gost
  ) {
    failures.push(failure('unsupported_algorithm'));
  }
  const signedAttrs = signerInfo.signedAttrs;
  const messageDigest = attribute(signerInfo, OID.messageDigest);
  const digest =
    !!digestAlg &&
    messageDigest instanceof asn1js.OctetString &&
    Buffer.from(provider.digest(digestAlg, content)).equals(
      Buffer.from(messageDigest.valueBlock.valueHexView),
    );
  if (!signedAttrs || !digest) failures.push(failure('content_mismatch'));

  const ess = essCertHashMatches(provider, signerInfo, signer);
  if (ess === 'absent') failures.push(failure('not_cades'));
  else if (!ess) failures.push(failure('certificate_mismatch'));

  let signatureOk = false;
  if (signedAttrs) {
    // RFC 5652 section 5.4: the signature covers the DER of the attributes with the SET OF tag.
    const signed = new Uint8Array(signedAttrs.encodedValue);
    signed[0] = 0x31;
    try {
      signatureOk = await provider.verify(
        { certificate: signer.der },
        signed,
        signerInfo.signature.valueBlock.valueHexView,
      );
    } catch {
      signatureOk = false;
    }
  }
  if (!signatureOk) failures.push(failure('signature_invalid'));

  // Validity and revocation at the trusted reference time, never at the claimed signing time: a
  // signature made with a key revoked since, dated before the revocation, is refused.
  const at = referenceTime.at;
  const chainResult = await buildChain(provider, signer, pool, roots, at);
  failures.push(...chainResult.failures);
  const crls = (options.crls ?? []).map(toDer);
  const revocation = await checkRevocation(provider, signer, chainResult.chain[1], crls, at, now);
  failures.push(...revocation.failures);

  const chainFailures: ReadonlySet<CmsFailureReason> = new Set([
    'untrusted_root',
    'chain_invalid',
    'issuer_not_ca',
    'unsupported_algorithm',
  ]);
  return result(failures, revocation.indeterminate, {
    signer: signerReport(signer.certificate),
    ...(signingTime && { signingTime }),
    referenceTime,
    checks: {
      digest,
      signature: signatureOk,
      chain: !chainResult.failures.some((f) => chainFailures.has(f.reason)),
      validity: !chainResult.failures.some((f) => f.reason === 'expired' || f.reason === 'not_yet_valid'),
      revocation: revocation.status,
    },
    chain: chainResult.chain.map(({ certificate }) => readName(certificate.subject).commonName),
  });
}
