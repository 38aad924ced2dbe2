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
import { derToPem } from './keys.js';
import { buildName, type SubjectFields } from './names.js';
import { OID } from './oids.js';
import type { GostProvider, PrivateKeyInput } from './provider.js';

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

function signatureAlgorithm(): AlgorithmIdentifier {
  // RFC 9215 section 3.2: the parameters are absent.
  return new AlgorithmIdentifier({ algorithmId: OID.gost2012SignWithStreebog256 });
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

/** KeyUsage bits (RFC 5280 4.2.1.3), first octet: digitalSignature 0x80, nonRepudiation 0x40, keyCertSign 0x04, cRLSign 0x02. */
function keyUsage(bits: number): asn1js.BitString {
  return new asn1js.BitString({ valueHex: new Uint8Array([bits]).buffer, unusedBits: 1 });
}

function keyIdentifier(provider: GostProvider, spki: Uint8Array): Uint8Array {
  const info = PublicKeyInfo.fromBER(new Uint8Array(spki));
  return provider.digest('streebog256', info.subjectPublicKey.valueBlock.valueHexView).slice(0, 20);
}

function randomSerial(): Uint8Array {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40; // positive, no leading zero octet
  return serial;
}

async function signCertificate(
  provider: GostProvider,
  certificate: Certificate,
  key: PrivateKeyInput,
): Promise<Uint8Array> {
  certificate.signature = signatureAlgorithm();
  certificate.signatureAlgorithm = signatureAlgorithm();
  certificate.tbsView = new Uint8Array(certificate.encodeTBS().toBER());
  const signature = await provider.sign(key, certificate.tbsView);
  certificate.signatureValue = new asn1js.BitString({ valueHex: signature });
  return new Uint8Array(certificate.toSchema().toBER());
}

export interface CreateRootOptions {
  provider: GostProvider;
  subject: SubjectFields;
  notBefore?: Date;
  notAfter?: Date;
}

export async function createTestRootCa(options: CreateRootOptions): Promise<TestCa> {
  const { provider } = options;
  const keys = await provider.generateKeyPair();
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY);
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
      rawExtension(OID.keyUsage, true, keyUsage(0x80 | 0x04 | 0x02)),
      rawExtension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: ski })),
    ],
  });
  const der = await signCertificate(provider, certificate, keys.privateKeyPem);
  return {
    certificate: der,
    certificatePem: derToPem('CERTIFICATE', der),
    privateKey: keys.privateKeyPem,
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
}

/** An end-entity signing certificate shaped like a qualified one (FSB order No. 795). */
export async function issueCertificate(options: IssueCertificateOptions): Promise<IssuedCertificate> {
  const { provider, ca } = options;
  const caCertificate = Certificate.fromBER(new Uint8Array(ca.certificate));
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY);
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
      extension(OID.basicConstraints, true, new BasicConstraints({ cA: false })),
      rawExtension(OID.keyUsage, true, keyUsage(0x80 | 0x40)),
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
      rawExtension(
        OID.subjectSignTool,
        false,
        new asn1js.Utf8String({ value: 'OpenSSL GOST engine (не СКЗИ)' }),
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
  const der = await signCertificate(provider, certificate, ca.privateKey);
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
  const crl = new CertificateRevocationList({
    version: 1,
    signature: signatureAlgorithm(),
    issuer: Certificate.fromBER(new Uint8Array(ca.certificate)).subject,
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
  crl.signatureAlgorithm = signatureAlgorithm();
  // encodeTBS is protected on CertificateRevocationList: take tbsCertList out of a fresh encoding.
  const encoded = crl.toSchema(true) as asn1js.Sequence;
  const tbs: asn1js.AsnType | undefined = encoded.valueBlock.value[0];
  if (!tbs) throw new AppError('internal', 'CRL encoding without tbsCertList');
  crl.tbsView = new Uint8Array(tbs.toBER());
  crl.signatureValue = new asn1js.BitString({ valueHex: await provider.sign(ca.privateKey, crl.tbsView) });
  const der = new Uint8Array((crl.toSchema() as asn1js.Sequence).toBER());
  return { crl: der, crlPem: derToPem('X509 CRL', der) };
}
