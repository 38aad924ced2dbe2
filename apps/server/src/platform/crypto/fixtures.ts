import type { SubjectFields } from './names.js';
import { createTestRootCa, issueCertificate, type IssuedCertificate, type TestCa } from './pki.js';
import type { GostProvider } from './provider.js';

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

export async function makeSigner(
  provider: GostProvider,
  ca: TestCa,
  subject: SubjectFields = OFFICIAL,
  validity: { notBefore?: Date; notAfter?: Date } = {},
): Promise<Signer> {
  const keys = await provider.generateKeyPair();
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
