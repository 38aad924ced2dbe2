import * as asn1js from 'asn1js';
import {
  Certificate,
  ContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  type AlgorithmIdentifier,
  type SignerInfo,
} from 'pkijs';
import { buffer, bytesEqual, parseDerStrict } from './bytes.js';
import { nameDer, type ParsedCertificate } from './chain.js';
import { algorithmByDigestOid, streebog, verifyGost } from './gost.js';

/**
 * A detached CMS SignedData (CAdES-BES) with GOST R 34.10-2012, parsed with asn1js/pkijs and checked
 * here (pkijs' own verification goes through WebCrypto, which knows no GOST): the message digest, the
 * signature over the DER SET of the signed attributes with the signer certificate's key.
 *
 * Every unsigned part of the structure is held to the one form the server writes (DER, one signer,
 * no extra certificates, parameters NULL or absent): an unsigned byte that could change without
 * failing the check would let a changed file pass as the signed one.
 */

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  subjectKeyIdentifier: '2.5.29.14',
} as const;

export interface CmsResult {
  ok: boolean;
  /** What is wrong, in Russian, when not ok. */
  problem?: string;
  /** The certificate whose key signed, from `certificates`. */
  signer?: ParsedCertificate;
  /** The signing-time attribute: what the signer claims. */
  signingTime?: Date;
}

function failed(problem: string, rest: Omit<CmsResult, 'ok' | 'problem'> = {}): CmsResult {
  return { ok: false, problem, ...rest };
}

/** NULL or no parameters, as OpenSSL and the server write the GOST algorithm identifiers in CMS. */
function plainAlgorithm(algorithm: AlgorithmIdentifier): boolean {
  const params: unknown = algorithm.algorithmParams;
  return params === undefined || params instanceof asn1js.Null;
}

function ski(certificate: Certificate): Uint8Array | undefined {
  const extension = certificate.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
  if (!extension) return undefined;
  const value = asn1js.fromBER(buffer(extension.extnValue.valueBlock.valueHexView)).result;
  return value instanceof asn1js.OctetString ? value.valueBlock.valueHexView : undefined;
}

function findSigner(
  signerInfo: SignerInfo,
  certificates: readonly ParsedCertificate[],
): ParsedCertificate | undefined {
  const sid: unknown = signerInfo.sid;
  if (signerInfo.version === 1 && sid instanceof IssuerAndSerialNumber) {
    const issuer = nameDer(sid.issuer);
    return certificates.find(
      (c) =>
        bytesEqual(nameDer(c.certificate.issuer), issuer) &&
        bytesEqual(
          c.certificate.serialNumber.valueBlock.valueHexView,
          sid.serialNumber.valueBlock.valueHexView,
        ),
    );
  }
  // [0] IMPLICIT SubjectKeyIdentifier: pkijs keeps it as the raw tagged element.
  if (signerInfo.version === 3 && sid instanceof asn1js.Primitive) {
    const raw = sid.valueBlock.valueHexView;
    return certificates.find((c) => {
      const own = ski(c.certificate);
      return own !== undefined && bytesEqual(own, raw);
    });
  }
  return undefined;
}

/**
 * Verifies the detached CMS `der` over `content`; the signer is looked up among `certificates` (the
 * extract's), and every certificate the CMS carries must be one of them.
 */
export function verifyDetachedCms(
  der: Uint8Array,
  content: Uint8Array,
  certificates: readonly ParsedCertificate[],
): CmsResult {
  const asn1 = parseDerStrict(der);
  if (!asn1) return failed('подпись повреждена: не структура DER');
  let signedData: SignedData;
  try {
    const contentInfo = new ContentInfo({ schema: asn1 });
    if (contentInfo.contentType !== OID.signedData) return failed('подпись повреждена: не SignedData');
    signedData = new SignedData({ schema: contentInfo.content });
  } catch {
    return failed('подпись повреждена: не CMS SignedData');
  }
  if (signedData.version !== 1) return failed(`подпись: неожиданная версия SignedData ${signedData.version}`);
  if (signedData.encapContentInfo.eContentType !== OID.data)
    return failed('подпись: тип содержимого не data');
  if (signedData.encapContentInfo.eContent) return failed('подпись не отделённая: содержит данные');
  if (signedData.crls?.length) return failed('подпись: содержит списки отзыва, которых нет в выписке');
  for (const carried of signedData.certificates ?? []) {
    const carriedDer =
      carried instanceof Certificate ? new Uint8Array(carried.toSchema().toBER()) : new Uint8Array(0);
    if (!certificates.some((c) => bytesEqual(c.der, carriedDer))) {
      return failed('подпись содержит сертификат, которого нет среди сертификатов выписки');
    }
  }
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo || signedData.signerInfos.length !== 1)
    return failed('подпись: ожидается ровно один подписант');
  if (signerInfo.unsignedAttrs) return failed('подпись: содержит неподписанные атрибуты');
  const signer = findSigner(signerInfo, certificates);
  if (!signer) return failed('подписант не найден среди сертификатов выписки');
  if (!signer.key)
    return failed(`ключ сертификата «${signer.name}» непригоден: ${signer.keyProblem ?? ''}`, { signer });
  const algorithm = signer.key.algorithm;

  const digestAlgorithms = signedData.digestAlgorithms;
  if (
    digestAlgorithms.length !== 1 ||
    digestAlgorithms[0]!.algorithmId !== algorithm.digestOid ||
    !plainAlgorithm(digestAlgorithms[0]!) ||
    algorithmByDigestOid(signerInfo.digestAlgorithm.algorithmId) !== algorithm ||
    !plainAlgorithm(signerInfo.digestAlgorithm) ||
    ![algorithm.keyOid, algorithm.signatureOid].includes(signerInfo.signatureAlgorithm.algorithmId) ||
    !plainAlgorithm(signerInfo.signatureAlgorithm)
  ) {
    return failed(`подпись: алгоритмы не соответствуют ключу ГОСТ Р 34.10-2012 (${algorithm.bits} бит)`, {
      signer,
    });
  }

  const signedAttrs = signerInfo.signedAttrs;
  if (!signedAttrs) return failed('подпись без подписанных атрибутов', { signer });
  const values = new Map<string, asn1js.AsnType>();
  for (const attribute of signedAttrs.attributes) {
    const value: unknown = attribute.values[0];
    if (values.has(attribute.type) || attribute.values.length !== 1 || !(value instanceof asn1js.BaseBlock)) {
      return failed(`подпись: атрибут ${attribute.type} записан неверно`, { signer });
    }
    values.set(attribute.type, value);
  }
  const contentType = values.get(OID.contentType);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.getValue() !== OID.data) {
    return failed('подпись: атрибут contentType отсутствует или не data', { signer });
  }
  const time = values.get(OID.signingTime);
  const signingTime =
    time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime ? time.toDate() : undefined;
  const at = { signer, ...(signingTime && { signingTime }) };

  const messageDigest = values.get(OID.messageDigest);
  if (!(messageDigest instanceof asn1js.OctetString)) return failed('подпись без атрибута messageDigest', at);
  if (!bytesEqual(messageDigest.valueBlock.valueHexView, streebog(algorithm.digest, content))) {
    return failed('подписанные данные изменены: хэш (Стрибог) не совпадает с messageDigest подписи', at);
  }

  // RFC 5035: ESSCertIDv2 names the signer's certificate by its hash; when present, it must be this one.
  const ess = values.get(OID.signingCertificateV2);
  if (ess) {
    const first = ess instanceof asn1js.Sequence ? ess.valueBlock.value[0] : undefined;
    const certId = first instanceof asn1js.Sequence ? first.valueBlock.value[0] : undefined;
    const [hashAlgorithm, hash] = certId instanceof asn1js.Sequence ? certId.valueBlock.value : [];
    const oid = hashAlgorithm instanceof asn1js.Sequence ? hashAlgorithm.valueBlock.value[0] : undefined;
    const essAlgorithm =
      oid instanceof asn1js.ObjectIdentifier ? algorithmByDigestOid(oid.getValue()) : undefined;
    if (
      !essAlgorithm ||
      !(hash instanceof asn1js.OctetString) ||
      !bytesEqual(hash.valueBlock.valueHexView, streebog(essAlgorithm.digest, signer.der))
    ) {
      return failed(`подпись: атрибут signingCertificateV2 не указывает на сертификат «${signer.name}»`, at);
    }
  }

  // RFC 5652 section 5.4: the signature covers the DER of the attributes with the SET OF tag.
  const signed = new Uint8Array(signedAttrs.encodedValue);
  signed[0] = 0x31;
  const outcome = verifyGost(signer.key, signed, signerInfo.signature.valueBlock.valueHexView);
  if (outcome === 'unsupported_curve') return failed('кривая ключа подписанта не поддерживается', at);
  if (outcome !== 'valid') return failed(`подпись не сходится с ключом сертификата «${signer.name}»`, at);
  return { ok: true, ...at };
}
