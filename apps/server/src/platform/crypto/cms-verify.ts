import * as asn1js from 'asn1js';
import { Certificate, ContentInfo, IssuerAndSerialNumber, SignedData, type SignerInfo } from 'pkijs';
import {
  buildChain,
  checkRevocation,
  parseCertificate,
  type ParsedCertificate,
  type RevocationStatus,
} from './certificate-chain.js';
import { pemToDer } from './keys.js';
import { fullName, readName, type SubjectFields } from './names.js';
import { OID } from './oids.js';
import type { GostProvider } from './provider.js';
import { failure, type CmsFailure, type CmsFailureReason } from './verification-reasons.js';

export interface VerifyCmsOptions {
  provider: GostProvider;
  /** Certificates (DER or PEM) whose keys the product trusts: the accredited CAs' roots. */
  trustedRoots: ReadonlyArray<Uint8Array | string>;
  /** CRLs (DER or PEM); without one for the signer's issuer, revocation is "not_checked". */
  crls?: ReadonlyArray<Uint8Array | string>;
  /** When the certificate must have been valid; defaults to the signing time claimed in the signature, else now. */
  at?: Date;
}

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
  valid: boolean;
  /** The first failure, for a one-line answer; all of them are in `failures`. */
  reason?: CmsFailureReason;
  message?: string;
  failures: CmsFailure[];
  signer?: SignerReport;
  signingTime?: Date;
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
const SIGNATURE_ALGORITHMS = new Set<string>([OID.gost2012PublicKey256, OID.gost2012SignWithStreebog256]);

function toDer(input: Uint8Array | string): Uint8Array {
  if (typeof input !== 'string') return input;
  return input.includes('-----BEGIN') ? pemToDer(input).der : new Uint8Array(Buffer.from(input, 'base64'));
}

function attribute(signerInfo: SignerInfo, type: string): unknown {
  return signerInfo.signedAttrs?.attributes.find((a) => a.type === type)?.values[0];
}

function result(
  failures: CmsFailure[],
  rest: Omit<CmsVerificationReport, 'valid' | 'failures'>,
): CmsVerificationReport {
  const first = failures[0];
  return first
    ? { valid: false, reason: first.reason, message: first.message, failures, ...rest }
    : { valid: true, failures, ...rest };
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
 * validity at the signing moment and revocation by CRL. Never throws for a bad signature: the report
 * says what failed, with a code and a Russian message.
 */
export async function verifyCms(
  signature: Uint8Array | string,
  content: Uint8Array,
  options: VerifyCmsOptions,
): Promise<CmsVerificationReport> {
  const { provider } = options;
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
    return result([failure('malformed')], { checks: NOTHING_CHECKED, chain: [] });
  }
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo || signedData.signerInfos.length !== 1) {
    return result([failure('malformed')], { checks: NOTHING_CHECKED, chain: [] });
  }
  const time: unknown = attribute(signerInfo, OID.signingTime);
  const signingTime =
    time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime ? time.toDate() : undefined;
  const signer = findSigner(signerInfo, pool);
  if (!signer)
    return result([failure('signer_not_found')], {
      checks: NOTHING_CHECKED,
      chain: [],
      ...(signingTime && { signingTime }),
    });

  const failures: CmsFailure[] = [];
  const digestAlg = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!digestAlg || !SIGNATURE_ALGORITHMS.has(signerInfo.signatureAlgorithm.algorithmId)) {
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

  const at = options.at ?? signingTime ?? new Date();
  const chainResult = await buildChain(provider, signer, pool, roots, at);
  failures.push(...chainResult.failures);
  const crls = (options.crls ?? []).map(toDer);
  const revocation = await checkRevocation(provider, signer, chainResult.chain[1], crls, at);
  failures.push(...revocation.failures);

  const chainFailures: ReadonlySet<CmsFailureReason> = new Set([
    'untrusted_root',
    'chain_invalid',
    'unsupported_algorithm',
  ]);
  return result(failures, {
    signer: signerReport(signer.certificate),
    ...(signingTime && { signingTime }),
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
