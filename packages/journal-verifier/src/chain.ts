import { sha256 } from '@noble/hashes/sha2.js';
import * as asn1js from 'asn1js';
import { BasicConstraints, Certificate, CertificateRevocationList } from 'pkijs';
import { buffer, bytesEqual, toHexUpper } from './bytes.js';
import { algorithmByKeyOid, curveName, verifyGost, type GostPublicKey } from './gost.js';
import { toHex } from './hash.js';

/**
 * The certificate chain of an extract: certificates[0] (the system's key) → … → a self-signed root,
 * each signature checked with the issuer's GOST key; revocation by the CRLs the extract carries.
 */

const OID_COMMON_NAME = '2.5.4.3';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_KEY_USAGE = '2.5.29.15';
const KEY_CERT_SIGN = 0x04;
const CRL_SIGN = 0x02;
const DIGITAL_SIGNATURE = 0x80;
const NON_REPUDIATION = 0x40;
const MAX_DEPTH = 8;

export interface ParsedCertificate {
  der: Uint8Array;
  certificate: Certificate;
  /** Its subject's CN, for people. */
  name: string;
  /** The GOST key, or why it cannot be used. */
  key?: GostPublicKey;
  keyProblem?: string;
}

function commonName(name: Certificate['subject']): string {
  for (const attribute of name.typesAndValues) {
    if (attribute.type === OID_COMMON_NAME) {
      const value: unknown = attribute.value.valueBlock.value;
      if (typeof value === 'string') return value;
    }
  }
  return '(без имени)';
}

export function nameDer(name: Certificate['subject']): Uint8Array {
  return new Uint8Array(name.toSchema().toBER());
}

/** The GOST R 34.10-2012 key of a SubjectPublicKeyInfo (RFC 9215: x||y little-endian in an OCTET STRING). */
function readKey(certificate: Certificate): { key?: GostPublicKey; keyProblem?: string } {
  const spki = certificate.subjectPublicKeyInfo;
  const algorithm = algorithmByKeyOid(spki.algorithm.algorithmId);
  if (!algorithm) return { keyProblem: `ключ не ГОСТ Р 34.10-2012 (${spki.algorithm.algorithmId})` };
  const params: unknown = spki.algorithm.algorithmParams;
  const paramSet = params instanceof asn1js.Sequence ? params.valueBlock.value[0] : undefined;
  if (!(paramSet instanceof asn1js.ObjectIdentifier))
    return { keyProblem: 'не указан набор параметров ключа' };
  const paramSetOid = paramSet.getValue();
  if (!curveName(paramSetOid)) {
    return { keyProblem: `набор параметров ${paramSetOid} не поддерживается` };
  }
  const inner = asn1js.fromBER(buffer(spki.subjectPublicKey.valueBlock.valueHexView));
  if (
    inner.offset === -1 ||
    !(inner.result instanceof asn1js.OctetString) ||
    inner.result.valueBlock.valueHexView.length !== 2 * algorithm.size
  ) {
    return { keyProblem: 'открытый ключ записан не по RFC 9215' };
  }
  return { key: { algorithm, paramSetOid, point: inner.result.valueBlock.valueHexView.slice() } };
}

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const certificate = Certificate.fromBER(buffer(der));
  return { der, certificate, name: commonName(certificate.subject), ...readKey(certificate) };
}

export function fingerprint(der: Uint8Array): string {
  // As the server prints an installation's CA (platform/pki/installation.ts): SHA-256, lower-case hex.
  return toHex(sha256(der));
}

export function serialOf(certificate: Certificate): string {
  return toHexUpper(certificate.serialNumber.valueBlock.valueHexView);
}

function isCa(certificate: Certificate): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === OID_BASIC_CONSTRAINTS);
  return extension?.parsedValue instanceof BasicConstraints && extension.parsedValue.cA;
}

function keyUsage(certificate: Certificate): number | undefined {
  const extension = certificate.extensions?.find((e) => e.extnID === OID_KEY_USAGE);
  if (!extension) return undefined;
  const bits = asn1js.fromBER(buffer(extension.extnValue.valueBlock.valueHexView)).result;
  return bits instanceof asn1js.BitString ? (bits.valueBlock.valueHexView[0] ?? 0) : 0;
}

/** Does `issuer`'s key sign `tbs` (a certificate's or a CRL's) with `signature` under `algorithmOid`? */
function signedBy(
  issuer: ParsedCertificate,
  tbs: Uint8Array,
  algorithmOids: readonly string[],
  signature: Uint8Array,
): string | undefined {
  if (!issuer.key) return `ключ издателя непригоден: ${issuer.keyProblem ?? ''}`;
  if (algorithmOids.some((oid) => oid !== issuer.key!.algorithm.signatureOid)) {
    return `алгоритм подписи ${algorithmOids.join(', ')} не соответствует ключу издателя`;
  }
  const outcome = verifyGost(issuer.key, tbs, signature);
  if (outcome === 'valid') return undefined;
  return outcome === 'unsupported_curve' ? 'кривая ключа издателя не поддерживается' : 'подпись неверна';
}

function formatDate(date: Date): string {
  return Number.isNaN(date.getTime())
    ? String(date)
    : date.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

export interface ChainCheck {
  ok: boolean;
  what: string;
  warning?: boolean;
}

export interface ChainResult {
  ok: boolean;
  checks: ChainCheck[];
  /** From the signer up to the root (as far as it reached). */
  chain: ParsedCertificate[];
  /** The root's SHA-256 when the chain reached a self-signed root. */
  rootFingerprint?: string;
}

function isSelfSigned(c: ParsedCertificate): boolean {
  return bytesEqual(nameDer(c.certificate.subject), nameDer(c.certificate.issuer));
}

function certificateSignatureProblem(
  subject: ParsedCertificate,
  issuer: ParsedCertificate,
): string | undefined {
  return signedBy(
    issuer,
    new Uint8Array(subject.certificate.tbsView),
    [subject.certificate.signatureAlgorithm.algorithmId, subject.certificate.signature.algorithmId],
    subject.certificate.signatureValue.valueBlock.valueHexView,
  );
}

export interface ChainOptions {
  /** Moments at which every certificate must be valid, with what they are for people. */
  at: ReadonlyArray<{ date: Date; label: string }>;
  /** DER of a root certificate the chain must end with (pinning). */
  trustedRoot?: Uint8Array;
}

/**
 * Builds and checks the chain from `certificates[0]`: each certificate signed by the next one's key,
 * names chained, each issuer a CA (basicConstraints cA; keyCertSign when keyUsage is present), each
 * certificate valid at the given moments, ending in a self-signed root (pinned when asked).
 */
export function verifyChain(certificates: readonly ParsedCertificate[], options: ChainOptions): ChainResult {
  const checks: ChainCheck[] = [];
  const signer = certificates[0];
  if (!signer) {
    return { ok: false, checks: [{ ok: false, what: 'Сертификатов в выписке нет' }], chain: [] };
  }
  const chain: ParsedCertificate[] = [signer];
  let problem: string | undefined;
  const usage = keyUsage(signer.certificate);
  if (usage !== undefined && (usage & (DIGITAL_SIGNATURE | NON_REPUDIATION)) === 0) {
    problem = `сертификат «${signer.name}» не предназначен для подписи (keyUsage)`;
  }
  while (!problem) {
    const current = chain[chain.length - 1]!;
    if (isSelfSigned(current)) {
      const selfProblem = certificateSignatureProblem(current, current);
      if (selfProblem) problem = `самоподписанный сертификат «${current.name}»: ${selfProblem}`;
      else if (chain.length > 1 && !isCa(current.certificate))
        problem = `корневой сертификат «${current.name}» не является сертификатом УЦ`;
      break;
    }
    if (chain.length > MAX_DEPTH) {
      problem = 'цепочка сертификатов слишком длинна';
      break;
    }
    const issuerName = nameDer(current.certificate.issuer);
    const candidates = certificates.filter(
      (c) => !chain.includes(c) && bytesEqual(nameDer(c.certificate.subject), issuerName),
    );
    if (candidates.length === 0) {
      problem = `в выписке нет сертификата издателя сертификата «${current.name}»`;
      break;
    }
    let found: ParsedCertificate | undefined;
    let firstProblem: string | undefined;
    for (const candidate of candidates) {
      const usageOk = (keyUsage(candidate.certificate) ?? KEY_CERT_SIGN) & KEY_CERT_SIGN;
      const why =
        !isCa(candidate.certificate) || !usageOk
          ? `«${candidate.name}» не является удостоверяющим центром (basicConstraints/keyUsage)`
          : certificateSignatureProblem(current, candidate);
      if (!why) {
        found = candidate;
        break;
      }
      firstProblem ??= `сертификат «${current.name}», подпись издателя «${candidate.name}»: ${why}`;
    }
    if (!found) {
      problem = firstProblem;
      break;
    }
    chain.push(found);
  }
  const path = chain.map((c) => `«${c.name}»`).join(' → ');
  checks.push(
    problem
      ? { ok: false, what: `Цепочка сертификатов ${path} не сходится: ${problem}` }
      : { ok: true, what: `Цепочка сертификатов ${path} сходится к самоподписанному корневому сертификату` },
  );

  for (const { date, label } of options.at) {
    for (const c of chain) {
      const { notBefore, notAfter } = c.certificate;
      if (date < notBefore.value || date > notAfter.value) {
        checks.push({
          ok: false,
          what: `Сертификат «${c.name}» не действовал ${label} (${formatDate(date)}): срок действия с ${formatDate(notBefore.value)} по ${formatDate(notAfter.value)}`,
        });
      }
    }
  }
  if (checks.length === 1 && options.at.length > 0) {
    checks.push({
      ok: true,
      what: `Сертификаты цепочки действовали ${options.at.map((a) => `${a.label} (${formatDate(a.date)})`).join(' и ')}`,
    });
  }

  const root = chain[chain.length - 1]!;
  const reachedRoot = !problem && isSelfSigned(root);
  const rootFingerprint = reachedRoot ? fingerprint(root.der) : undefined;
  if (options.trustedRoot) {
    const pinned = bytesEqual(root.der, options.trustedRoot) && reachedRoot;
    checks.push(
      pinned
        ? { ok: true, what: 'Корневой сертификат цепочки совпадает с указанным доверенным сертификатом' }
        : {
            ok: false,
            what: `Корневой сертификат цепочки не совпадает с указанным доверенным (в выписке SHA-256 ${fingerprint(root.der)}, указан ${fingerprint(options.trustedRoot)})`,
          },
    );
  }
  return {
    ok: checks.every((c) => c.ok),
    checks,
    chain,
    ...(rootFingerprint && { rootFingerprint }),
  };
}

/**
 * Revocation of the chain's certificates (all but the root) by the extract's CRLs. Each CRL must be
 * signed by a CA of the chain that may sign CRLs; a certificate listed is refused; a certificate whose
 * issuer has no CRL here has an unknown revocation status (said, not a failure).
 */
export function checkRevocation(
  chain: readonly ParsedCertificate[],
  crls: readonly Uint8Array[],
): ChainCheck[] {
  const checks: ChainCheck[] = [];
  const verified: Array<{ crl: CertificateRevocationList; issuer: ParsedCertificate }> = [];
  crls.forEach((der, index) => {
    const place = `Список отзыва № ${index + 1}`;
    let crl: CertificateRevocationList;
    try {
      crl = CertificateRevocationList.fromBER(buffer(der));
    } catch {
      checks.push({ ok: false, what: `${place} повреждён: не список отзыва X.509` });
      return;
    }
    const issuerName = nameDer(crl.issuer);
    const issuer = chain.find((c) => bytesEqual(nameDer(c.certificate.subject), issuerName));
    if (!issuer) {
      checks.push({ ok: false, what: `${place} выпущен не удостоверяющим центром цепочки подписи` });
      return;
    }
    if (((keyUsage(issuer.certificate) ?? CRL_SIGN) & CRL_SIGN) === 0) {
      checks.push({
        ok: false,
        what: `${place}: «${issuer.name}» не может подписывать списки отзыва (keyUsage)`,
      });
      return;
    }
    const problem = signedBy(
      issuer,
      new Uint8Array(crl.tbsView),
      [crl.signatureAlgorithm.algorithmId, crl.signature.algorithmId],
      crl.signatureValue.valueBlock.valueHexView,
    );
    if (problem) {
      checks.push({ ok: false, what: `${place} («${issuer.name}»): ${problem}` });
      return;
    }
    checks.push({
      ok: true,
      what: `${place} подписан «${issuer.name}» (выпущен ${formatDate(crl.thisUpdate.value)}${crl.nextUpdate ? `, следующий ${formatDate(crl.nextUpdate.value)}` : ''})`,
    });
    verified.push({ crl, issuer });
  });

  for (let i = 0; i + 1 < chain.length; i++) {
    const subject = chain[i]!;
    const issuer = chain[i + 1]!;
    const lists = verified.filter((v) => v.issuer === issuer);
    if (lists.length === 0) {
      checks.push({
        ok: true,
        warning: true,
        what: `Статус отзыва сертификата «${subject.name}» неизвестен: в выписке нет списка отзыва «${issuer.name}»`,
      });
      continue;
    }
    const serial = subject.certificate.serialNumber.valueBlock.valueHexView;
    const entry = lists
      .flatMap((v) => v.crl.revokedCertificates ?? [])
      .find((r) => bytesEqual(r.userCertificate.valueBlock.valueHexView, serial));
    checks.push(
      entry
        ? {
            ok: false,
            what: `Сертификат «${subject.name}» (серийный номер ${serialOf(subject.certificate)}) отозван ${formatDate(entry.revocationDate.value)}`,
          }
        : { ok: true, what: `Сертификат «${subject.name}» не отозван (по списку отзыва «${issuer.name}»)` },
    );
  }
  return checks;
}
