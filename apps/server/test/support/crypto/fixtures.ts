import { Certificate } from 'pkijs';
import type { SubjectFields } from '../../../src/platform/crypto/names.js';
import {
  createTestRootCa,
  issueCertificate,
  keyIdentifier,
  type IssuedCertificate,
  type TestCa,
} from '../../../src/platform/crypto/pki.js';
import type { GostParamSet, GostProvider } from '../../../src/platform/crypto/provider.js';

/** Certificates for the crypto tests: one root, and end-entity certificates in each state under test. */

export const OFFICIAL: SubjectFields = {
  commonName: 'Иванова Мария Петровна',
  surname: 'Иванова',
  givenName: 'Мария Петровна',
  title: 'Главный специалист',
  organization: 'Администрация муниципального образования',
  country: 'RU',
  snils: '11223344595',
  inn: '500100732259',
  ogrn: '1027700132195',
};

export const ROOT_SUBJECT: SubjectFields = {
  commonName: 'Тестовый удостоверяющий центр',
  organization: 'Услуги, тестовый стенд',
  country: 'RU',
  innLegalEntity: '7707083893',
  ogrn: '1027700132195',
};

export interface Signer extends IssuedCertificate {
  privateKeyPem: string;
}

export interface CmsFixtures {
  ca: TestCa;
  signer: Signer;
}

const DAY = 86_400_000;

export interface SignerOptions {
  notBefore?: Date;
  notAfter?: Date;
  /** A (256-bit) by default. */
  paramSet?: GostParamSet;
  /** KeyUsage bits (pki.ts KEY_USAGE); null for a certificate without the extension. */
  keyUsage?: number | null;
  /** Certify the key as an intermediate CA's. */
  isCa?: boolean;
}

export async function makeSigner(
  provider: GostProvider,
  ca: TestCa,
  subject: SubjectFields = OFFICIAL,
  options: SignerOptions = {},
): Promise<Signer> {
  const { paramSet, ...validity } = options;
  const keys = await provider.generateKeyPair(paramSet);
  const issued = await issueCertificate({
    provider,
    ca,
    subject,
    publicKeySpki: keys.publicKeySpki,
    ...validity,
  });
  return { ...issued, privateKeyPem: keys.privateKeyPem };
}

export async function makeFixtures(provider: GostProvider): Promise<CmsFixtures> {
  const ca = await createTestRootCa({
    provider,
    subject: ROOT_SUBJECT,
    notBefore: new Date(Date.now() - 400 * DAY),
  });
  return { ca, signer: await makeSigner(provider, ca) };
}

/** An intermediate CA under `ca` (or, with `isCa: false`, an end entity's certificate posing as one). */
export async function makeIntermediate(
  provider: GostProvider,
  ca: TestCa,
  subject: SubjectFields,
  options: SignerOptions = {},
): Promise<TestCa> {
  const signer = await makeSigner(provider, ca, subject, { isCa: true, ...options });
  const spki = Certificate.fromBER(new Uint8Array(signer.certificate))
    .subjectPublicKeyInfo.toSchema()
    .toBER();
  return {
    certificate: signer.certificate,
    certificatePem: signer.certificatePem,
    privateKey: signer.privateKeyPem,
    keyIdentifier: keyIdentifier(provider, new Uint8Array(spki)),
  };
}
