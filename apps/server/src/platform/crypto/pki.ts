import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  CertificateRevocationList,
  ExtKeyUsage,
  Extension,
  Extensions,
  PolicyInformation,
  CertificatePolicies,
  PublicKeyInfo,
  RevokedCertificate,
  Time,
} from 'pkijs';
import { AppError } from '../errors.js';
import { algorithmOfCertificate, type GostAlgorithm } from './algorithms.js';
import { derToPem } from './keys.js';
import { buildName, type SubjectFields } from './names.js';
import { OID } from './oids.js';
import type { GostParamSet, GostProvider, PrivateKeyInput } from './provider.js';

/**
 * A minimal certification authority for tests and demonstrations: a self-signed GOST root that issues
 * qualified-style end-entity certificates and CRLs. Not an accredited CA (63-ФЗ art. 16): nothing it
 * issues is a qualified certificate.
 */

export interface TestCa {
  certificate: Uint8Array;
  certificatePem: string;
  privateKey: PrivateKeyInput;
  /** The key identifier put into the certificates and CRLs it issues. */
  keyIdentifier: Uint8Array;
}

export interface IssuedCertificate {
  certificate: Uint8Array;
  certificatePem: string;
  /** Hex, as `openssl x509 -serial` prints it. */
  serialNumber: string;
}

const DAY = 86_400_000;

/**
 * Certificates are dated this far back from the moment they are made, for clocks that run behind;
 * so a certificate's notBefore plus this is when it was made (journal verification relies on it).
 */
export const CERTIFICATE_BACKDATE_MS = DAY;

/** The signature algorithm of what a key on `certificate` signs; RFC 9215 section 3.2: no parameters. */
function signatureAlgorithm(signer: Certificate): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithmId: gostOf(signer).signatureOid });
}

function gostOf(certificate: Certificate): GostAlgorithm {
  const gost = algorithmOfCertificate(certificate);
  if (!gost) throw new AppError('internal', 'the CA certificate has no GOST R 34.10-2012 key');
  return gost;
}

function time(value: Date): Time {
  // RFC 5280 section 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
  return new Time({ type: value.getUTCFullYear() < 2050 ? 0 : 1, value });
}

function extension(extnID: string, critical: boolean, value: { toSchema(): asn1js.AsnType }): Extension {
  return new Extension({ extnID, critical, extnValue: value.toSchema().toBER() });
}

function rawExtension(extnID: string, critical: boolean, value: asn1js.AsnType): Extension {
  return new Extension({ extnID, critical, extnValue: value.toBER() });
}

/** KeyUsage bits (RFC 5280 4.2.1.3), first octet. */
export const KEY_USAGE = {
  digitalSignature: 0x80,
  nonRepudiation: 0x40,
  keyEncipherment: 0x20,
  keyCertSign: 0x04,
  cRLSign: 0x02,
} as const;

const CA_KEY_USAGE = KEY_USAGE.digitalSignature | KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign;
const SIGNER_KEY_USAGE = KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation;

function keyUsage(bits: number): asn1js.BitString {
  return new asn1js.BitString({ valueHex: new Uint8Array([bits]).buffer, unusedBits: 1 });
}

/** The keyUsage extension, or nothing when `bits` is null (for tests of certificates without one). */
function keyUsageExtension(bits: number | null): Extension[] {
  return bits === null ? [] : [rawExtension(OID.keyUsage, true, keyUsage(bits))];
}

export function keyIdentifier(provider: GostProvider, spki: Uint8Array): Uint8Array {
  const info = PublicKeyInfo.fromBER(new Uint8Array(spki));
  return provider.digest('streebog256', info.subjectPublicKey.valueBlock.valueHexView).slice(0, 20);
}

function randomSerial(): Uint8Array {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40; // positive, no leading zero octet
  return serial;
}

/** Signs `certificate` with the key of `issuer` (the certificate itself for a root). */
async function signCertificate(
  provider: GostProvider,
  certificate: Certificate,
  issuer: Certificate,
  key: PrivateKeyInput,
): Promise<Uint8Array> {
  certificate.signature = signatureAlgorithm(issuer);
  certificate.signatureAlgorithm = signatureAlgorithm(issuer);
  certificate.tbsView = new Uint8Array(certificate.encodeTBS().toBER());
  const signature = await provider.sign(key, certificate.tbsView, gostOf(issuer).name);
  certificate.signatureValue = new asn1js.BitString({ valueHex: signature });
  return new Uint8Array(certificate.toSchema().toBER());
}

export interface CreateRootOptions {
  provider: GostProvider;
  subject: SubjectFields;
  notBefore?: Date;
  notAfter?: Date;
  /** The CA key's parameter set: A (256-bit) by default. */
  paramSet?: GostParamSet;
  /** KeyUsage bits; digitalSignature, keyCertSign and cRLSign by default, null for none (tests). */
  keyUsage?: number | null;
}

export async function createTestRootCa(options: CreateRootOptions): Promise<TestCa> {
  const { provider } = options;
  const keys = await provider.generateKeyPair(options.paramSet);
  const notBefore = options.notBefore ?? new Date(Date.now() - CERTIFICATE_BACKDATE_MS);
  const ski = keyIdentifier(provider, keys.publicKeySpki);
  const certificate = new Certificate({
    version: 2,
    serialNumber: new asn1js.Integer({ valueHex: randomSerial() }),
    issuer: buildName(options.subject),
    subject: buildName(options.subject),
    notBefore: time(notBefore),
    notAfter: time(options.notAfter ?? new Date(notBefore.getTime() + 10 * 365 * DAY)),
    subjectPublicKeyInfo: PublicKeyInfo.fromBER(new Uint8Array(keys.publicKeySpki)),
    extensions: [
      extension(OID.basicConstraints, true, new BasicConstraints({ cA: true })),
      ...keyUsageExtension(options.keyUsage === undefined ? CA_KEY_USAGE : options.keyUsage),
      rawExtension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: ski })),
    ],
  });
  const der = await signCertificate(provider, certificate, certificate, keys.privateKey);
  return {
    certificate: der,
    certificatePem: derToPem('CERTIFICATE', der),
    privateKey: keys.privateKey,
    keyIdentifier: ski,
  };
}

export interface IssueCertificateOptions {
  provider: GostProvider;
  ca: TestCa;
  subject: SubjectFields;
  publicKeySpki: Uint8Array;
  notBefore?: Date;
  notAfter?: Date;
  /** An intermediate CA's certificate instead of an end entity's (basicConstraints cA). */
  isCa?: boolean;
  /**
   * KeyUsage bits; digitalSignature and nonRepudiation by default (an intermediate CA: also
   * keyCertSign and cRLSign), null for none (tests).
   */
  keyUsage?: number | null;
}

/** An end-entity signing certificate shaped like a qualified one (FSB order No. 795). */
export async function issueCertificate(options: IssueCertificateOptions): Promise<IssuedCertificate> {
  const { provider, ca } = options;
  const caCertificate = Certificate.fromBER(new Uint8Array(ca.certificate));
  const notBefore = options.notBefore ?? new Date(Date.now() - CERTIFICATE_BACKDATE_MS);
  const serial = randomSerial();
  const certificate = new Certificate({
    version: 2,
    serialNumber: new asn1js.Integer({ valueHex: serial }),
    issuer: caCertificate.subject,
    subject: buildName(options.subject),
    notBefore: time(notBefore),
    notAfter: time(options.notAfter ?? new Date(notBefore.getTime() + 365 * DAY)),
    subjectPublicKeyInfo: PublicKeyInfo.fromBER(new Uint8Array(options.publicKeySpki)),
    extensions: [
      extension(OID.basicConstraints, true, new BasicConstraints({ cA: options.isCa ?? false })),
      ...keyUsageExtension(
        options.keyUsage === undefined ? (options.isCa ? CA_KEY_USAGE : SIGNER_KEY_USAGE) : options.keyUsage,
      ),
      extension(
        OID.extKeyUsage,
        false,
        new ExtKeyUsage({ keyPurposes: [OID.emailProtection, OID.clientAuth] }),
      ),
      extension(
        OID.certificatePolicies,
        false,
        new CertificatePolicies({
          certificatePolicies: [new PolicyInformation({ policyIdentifier: OID.policyKc1 })],
        }),
      ),
      // The tool that made and keeps the subject's key: this provider (FSB order No. 795, item 6).
      rawExtension(
        OID.subjectSignTool,
        false,
        new asn1js.Utf8String({ value: provider.signTool ?? provider.name }),
      ),
      rawExtension(
        OID.subjectKeyIdentifier,
        false,
        new asn1js.OctetString({ valueHex: keyIdentifier(provider, options.publicKeySpki) }),
      ),
      extension(
        OID.authorityKeyIdentifier,
        false,
        new AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: ca.keyIdentifier }) }),
      ),
    ],
  });
  const der = await signCertificate(provider, certificate, caCertificate, ca.privateKey);
  return {
    certificate: der,
    certificatePem: derToPem('CERTIFICATE', der),
    serialNumber: Buffer.from(serial).toString('hex').toUpperCase(),
  };
}

export interface IssueCrlOptions {
  provider: GostProvider;
  ca: TestCa;
  revoked: ReadonlyArray<{ serialNumber: string; revokedAt: Date }>;
  thisUpdate?: Date;
  nextUpdate?: Date;
  crlNumber?: number;
}

export async function issueCrl(options: IssueCrlOptions): Promise<{ crl: Uint8Array; crlPem: string }> {
  const { provider, ca } = options;
  const thisUpdate = options.thisUpdate ?? new Date();
  const caCertificate = Certificate.fromBER(new Uint8Array(ca.certificate));
  const crl = new CertificateRevocationList({
    version: 1,
    signature: signatureAlgorithm(caCertificate),
    issuer: caCertificate.subject,
    thisUpdate: time(thisUpdate),
    nextUpdate: time(options.nextUpdate ?? new Date(thisUpdate.getTime() + 7 * DAY)),
    crlExtensions: new Extensions({
      extensions: [
        extension(
          OID.authorityKeyIdentifier,
          false,
          new AuthorityKeyIdentifier({
            keyIdentifier: new asn1js.OctetString({ valueHex: ca.keyIdentifier }),
          }),
        ),
        rawExtension(OID.cRLNumber, false, new asn1js.Integer({ value: options.crlNumber ?? 1 })),
      ],
    }),
  });
  if (options.revoked.length > 0) {
    crl.revokedCertificates = options.revoked.map(
      (entry) =>
        new RevokedCertificate({
          userCertificate: new asn1js.Integer({ valueHex: Buffer.from(entry.serialNumber, 'hex') }),
          revocationDate: time(entry.revokedAt),
        }),
    );
  }
  crl.signatureAlgorithm = signatureAlgorithm(caCertificate);
  // encodeTBS is protected on CertificateRevocationList: take tbsCertList out of a fresh encoding.
  const encoded = crl.toSchema(true) as asn1js.Sequence;
  const tbs: asn1js.AsnType | undefined = encoded.valueBlock.value[0];
  if (!tbs) throw new AppError('internal', 'CRL encoding without tbsCertList');
  crl.tbsView = new Uint8Array(tbs.toBER());
  crl.signatureValue = new asn1js.BitString({
    valueHex: await provider.sign(ca.privateKey, crl.tbsView, gostOf(caCertificate).name),
  });
  const der = new Uint8Array((crl.toSchema() as asn1js.Sequence).toBER());
  return { crl: der, crlPem: derToPem('X509 CRL', der) };
}
