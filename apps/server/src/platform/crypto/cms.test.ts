import { beforeAll, describe, expect, it } from 'vitest';
import { signCms, verifyCms } from './cms.js';
import { makeFixtures, makeSigner, type CmsFixtures } from './fixtures.js';
import { issueCrl, createTestRootCa } from './pki.js';
import { selectProvider } from './provider.js';

const provider = selectProvider();
const DAY = 86_400_000;
const document = new TextEncoder().encode('Решение о предоставлении муниципальной услуги № 17');

describe(`CAdES-BES signatures (${provider.name} provider)`, () => {
  let f: CmsFixtures;
  beforeAll(async () => {
    f = await makeFixtures(provider);
  });

  const sign = (signer = f.signer, content = document, signingTime?: Date) =>
    signCms({
      provider,
      content,
      signerCertificate: signer.certificate,
      privateKey: signer.privateKeyPem,
      ...(signingTime && { signingTime }),
    });

  it('verifies and reports the signer as 63-ФЗ fields', async () => {
    const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    const { der, base64 } = await sign(f.signer, document, signingTime);
    const report = await verifyCms(base64, document, { provider, trustedRoots: [f.ca.certificatePem] });
    expect(report).toMatchObject({
      valid: true,
      failures: [],
      signingTime,
      checks: { digest: true, signature: true, chain: true, validity: true, revocation: 'not_checked' },
      chain: ['Иванова Мария Петровна', 'Тестовый удостоверяющий центр'],
      signer: {
        fullName: 'Иванова Мария Петровна',
        title: 'Главный специалист',
        organization: 'Администрация муниципального образования',
        snils: '11223344595',
        inn: '500100732259',
        ogrn: '1027700132195',
        serialNumber: f.signer.serialNumber,
      },
    });
    expect((await verifyCms(der, document, { provider, trustedRoots: [f.ca.certificate] })).valid).toBe(true);
  });

  it('refuses changed content', async () => {
    const { der } = await sign();
    const changed = new TextEncoder().encode('Решение об отказе в предоставлении муниципальной услуги № 17');
    const report = await verifyCms(der, changed, { provider, trustedRoots: [f.ca.certificate] });
    expect(report).toMatchObject({
      valid: false,
      reason: 'content_mismatch',
      message: 'Документ изменён после подписания',
    });
  });

  it('refuses a signature made with a key that is not the certificate’s', async () => {
    const other = await makeSigner(provider, f.ca);
    const { der } = await signCms({
      provider,
      content: document,
      signerCertificate: f.signer.certificatePem,
      privateKey: other.privateKeyPem,
    });
    const report = await verifyCms(der, document, { provider, trustedRoots: [f.ca.certificate] });
    expect(report).toMatchObject({ valid: false, reason: 'signature_invalid' });
    expect(report.checks).toMatchObject({ digest: true, signature: false });
  });

  it('refuses a certificate from a root it does not trust', async () => {
    const stranger = await createTestRootCa({
      provider,
      subject: { commonName: 'Посторонний УЦ', country: 'RU' },
    });
    const { der } = await sign(await makeSigner(provider, stranger));
    const report = await verifyCms(der, document, { provider, trustedRoots: [f.ca.certificate] });
    expect(report).toMatchObject({
      valid: false,
      reason: 'untrusted_root',
      checks: { signature: true, chain: false },
    });
  });

  it('refuses a certificate expired or not yet valid at the signing time', async () => {
    const expired = await makeSigner(provider, f.ca, undefined, {
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const early = await makeSigner(provider, f.ca, undefined, {
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + 30 * DAY),
    });
    const options = { provider, trustedRoots: [f.ca.certificate] };
    expect(await verifyCms((await sign(expired)).der, document, options)).toMatchObject({
      valid: false,
      reason: 'expired',
      checks: { signature: true, chain: true, validity: false },
    });
    expect(await verifyCms((await sign(early)).der, document, options)).toMatchObject({
      valid: false,
      reason: 'not_yet_valid',
    });
    // Checked at the moment asked for, not now: the expired certificate was good ten days ago.
    expect(
      (
        await verifyCms((await sign(expired)).der, document, {
          ...options,
          at: new Date(Date.now() - 10 * DAY),
        })
      ).valid,
    ).toBe(true);
  });

  it('refuses a revoked certificate and accepts one the CRL does not list', async () => {
    const revoked = await makeSigner(provider, f.ca);
    const { crl } = await issueCrl({
      provider,
      ca: f.ca,
      revoked: [{ serialNumber: revoked.serialNumber, revokedAt: new Date(Date.now() - 60_000) }],
    });
    const options = { provider, trustedRoots: [f.ca.certificate], crls: [crl] };
    expect(await verifyCms((await sign(revoked)).der, document, options)).toMatchObject({
      valid: false,
      reason: 'revoked',
      message: 'Сертификат подписанта отозван',
      checks: { revocation: 'revoked' },
    });
    expect(await verifyCms((await sign()).der, document, options)).toMatchObject({
      valid: true,
      checks: { revocation: 'good' },
    });
  });

  it('refuses a CRL that its issuer did not sign', async () => {
    const stranger = await createTestRootCa({
      provider,
      subject: { commonName: 'Тестовый удостоверяющий центр' },
    });
    const forged = await issueCrl({
      provider,
      ca: { ...stranger, certificate: f.ca.certificate },
      revoked: [],
    });
    const report = await verifyCms((await sign()).der, document, {
      provider,
      trustedRoots: [f.ca.certificate],
      crls: [forged.crl],
    });
    expect(report).toMatchObject({ valid: false, reason: 'crl_invalid' });
  });

  it('reports garbage as malformed', async () => {
    const report = await verifyCms(new Uint8Array([0x30, 0x03, 0x02, 0x01]), document, {
      provider,
      trustedRoots: [],
    });
    expect(report).toMatchObject({
      valid: false,
      reason: 'malformed',
      message: 'Файл подписи повреждён или имеет неверный формат',
    });
  });
});
