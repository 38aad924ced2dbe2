import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Attribute,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';
import { AppError } from '../errors.js';
import { algorithmOfCertificate, type GostAlgorithm } from './algorithms.js';
import { pemToDer } from './keys.js';
import { OID } from './oids.js';
import type { GostProvider, PrivateKeyInput } from './provider.js';

export { verifyCms } from './cms-verify.js';
export type { CmsVerificationReport, VerifyCmsOptions } from './cms-verify.js';

/**
 * Detached CAdES-BES (ETSI EN 319 122-1; RFC 5652 + RFC 5035) with GOST R 34.10-2012: a 256-bit key
 * over Streebog-256 or a 512-bit key over Streebog-512, as the signer's certificate says, in the form
 * OpenSSL's `cms -sign -cades` writes and `cms -verify -cades` accepts. pkijs builds the structure; its
 * own signing does not know GOST, so the digest and the signature come from the provider.
 */

export interface SignCmsOptions {
  provider: GostProvider;
  content: Uint8Array;
  /** DER or PEM. */
  signerCertificate: Uint8Array | string;
  privateKey: PrivateKeyInput;
  signingTime?: Date;
  /** Intermediate CA certificates (DER or PEM) to carry beside the signer's, for the verifier's chain. */
  chain?: ReadonlyArray<Uint8Array | string>;
}

export interface CmsSignature {
  der: Uint8Array;
  base64: string;
}

/** AlgorithmIdentifier with NULL parameters, as OpenSSL writes the GOST ones in CMS. */
function algorithm(oid: string): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithmId: oid, algorithmParams: new asn1js.Null() });
}

export function certificateDer(certificate: Uint8Array | string): Uint8Array {
  return typeof certificate === 'string' ? pemToDer(certificate, 'CERTIFICATE').der : certificate;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

/**
 * signingCertificateV2 (RFC 5035): ESSCertIDv2 { Streebog, hash of the certificate, issuerSerial },
 * with the signature's digest, as OpenSSL writes it.
 */
function signingCertificateV2(
  provider: GostProvider,
  der: Uint8Array,
  certificate: Certificate,
  gost: GostAlgorithm,
): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 4 },
            value: [certificate.issuer.toSchema()],
          }),
        ],
      }),
      certificate.serialNumber,
    ],
  });
  const essCertId = new asn1js.Sequence({
    value: [
      algorithm(gost.digestOid).toSchema(),
      new asn1js.OctetString({ valueHex: provider.digest(gost.digest, der) }),
      issuerSerial,
    ],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
}

export async function signCms(options: SignCmsOptions): Promise<CmsSignature> {
  const { provider, content } = options;
  const der = certificateDer(options.signerCertificate);
  const certificate = Certificate.fromBER(new Uint8Array(der));
  const gost = algorithmOfCertificate(certificate);
  if (!gost) throw new AppError('internal', 'the signer certificate has no GOST R 34.10-2012 key');
  const attributes = [
    new Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new Attribute({
      type: OID.signingTime,
      values: [new asn1js.UTCTime({ valueDate: options.signingTime ?? new Date() })],
    }),
    new Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: provider.digest(gost.digest, content) })],
    }),
    new Attribute({
      type: OID.signingCertificateV2,
      values: [signingCertificateV2(provider, der, certificate, gost)],
    }),
  ];
  // DER orders a SET OF by the encodings; the signature covers exactly the bytes emitted (RFC 5652 5.4).
  const encoded = attributes.map((attribute) => ({
    attribute,
    der: new Uint8Array(attribute.toSchema().toBER()),
  }));
  encoded.sort((a, b) => compareBytes(a.der, b.der));
  const signedAttrs = new asn1js.Set({ value: encoded.map(({ attribute }) => attribute.toSchema()) });
  const signature = await provider.sign(options.privateKey, new Uint8Array(signedAttrs.toBER()), gost.name);

  const signerInfo = new SignerInfo({
    version: 1,
    sid: new IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm: algorithm(gost.digestOid),
    signedAttrs: new SignedAndUnsignedAttributes({
      type: 0,
      attributes: encoded.map(({ attribute }) => attribute),
    }),
    // OpenSSL names the key algorithm here (RFC 9215 section 4.1 allows it); both are accepted on verify.
    signatureAlgorithm: algorithm(gost.keyOid),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: [algorithm(gost.digestOid)],
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [
      certificate,
      ...(options.chain ?? []).map((c) => Certificate.fromBER(new Uint8Array(certificateDer(c)))),
    ],
    signerInfos: [signerInfo],
  });
  const contentInfo = new ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  const out = new Uint8Array(contentInfo.toSchema().toBER());
  return { der: out, base64: Buffer.from(out).toString('base64') };
}
