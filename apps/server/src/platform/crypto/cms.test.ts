import * as asn1js from 'asn1js';
import { Certificate, ContentInfo, SignedData } from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { signCms, verifyCms } from './cms.js';
import {
  ROOT_SUBJECT,
  makeFixtures,
  makeIntermediate,
  makeSigner,
  type CmsFixtures,
} from '../../../test/support/crypto/fixtures.js';
import { OID } from './oids.js';
import { KEY_USAGE, issueCrl, createTestRootCa } from './pki.js';
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
    const { crl } = await issueCrl({ provider, ca: f.ca, revoked: [] });
    const before = new Date();
    const report = await verifyCms(base64, document, {
      provider,
      trustedRoots: [f.ca.certificatePem],
      crls: [crl],
    });
    expect(report).toMatchObject({
      status: 'valid',
      valid: true,
      failures: [],
      indeterminate: [],
      signingTime,
      referenceTime: { source: 'verification' },
      checks: { digest: true, signature: true, chain: true, validity: true, revocation: 'good' },
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
    // Judged now, not at the claimed signing time a minute ago.
    expect(report.referenceTime.at.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(
      (await verifyCms(der, document, { provider, trustedRoots: [f.ca.certificate], crls: [crl] })).valid,
    ).toBe(true);
  });

  it('without a CRL of the issuer the result is indeterminate, never valid', async () => {
    const report = await verifyCms((await sign()).der, document, {
      provider,
      trustedRoots: [f.ca.certificate],
    });
    expect(report).toMatchObject({
      status: 'indeterminate',
      valid: false,
      failures: [],
      reason: 'revocation_unknown',
      message:
        'Не удалось проверить статус отзыва сертификата: нет списка отозванных сертификатов его удостоверяющего центра',
      checks: { digest: true, signature: true, chain: true, validity: true, revocation: 'not_checked' },
    });
  });

  it('a stale CRL (past nextUpdate) is not trusted as current, but still proves a revocation it lists', async () => {
    const revoked = await makeSigner(provider, f.ca);
    const { crl } = await issueCrl({
      provider,
      ca: f.ca,
      revoked: [{ serialNumber: revoked.serialNumber, revokedAt: new Date(Date.now() - 3 * DAY) }],
      thisUpdate: new Date(Date.now() - 2 * DAY),
      nextUpdate: new Date(Date.now() - DAY),
    });
    const options = { provider, trustedRoots: [f.ca.certificate], crls: [crl] };
    expect(await verifyCms((await sign()).der, document, options)).toMatchObject({
      status: 'indeterminate',
      reason: 'crl_stale',
      checks: { revocation: 'not_checked' },
    });
    expect(await verifyCms((await sign(revoked)).der, document, options)).toMatchObject({
      status: 'invalid',
      reason: 'revoked',
    });
    // Beside a current CRL the stale one does not matter.
    const current = await issueCrl({ provider, ca: f.ca, revoked: [] });
    expect(
      await verifyCms((await sign()).der, document, { ...options, crls: [crl, current.crl] }),
    ).toMatchObject({ status: 'valid', checks: { revocation: 'good' } });
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
    const { crl } = await issueCrl({ provider, ca: f.ca, revoked: [] });
    const options = { provider, trustedRoots: [f.ca.certificate], crls: [crl] };
    expect(await verifyCms((await sign(expired)).der, document, options)).toMatchObject({
      valid: false,
      reason: 'expired',
      message: 'Срок действия сертификата подписанта истёк',
      checks: { signature: true, chain: true, validity: false },
    });
    expect(await verifyCms((await sign(early)).der, document, options)).toMatchObject({
      valid: false,
      reason: 'not_yet_valid',
    });
    // Judged at the trusted time the system stored the signature: good ten days ago.
    const stored = await verifyCms((await sign(expired)).der, document, {
      ...options,
      storedAt: new Date(Date.now() - 10 * DAY),
    });
    expect(stored).toMatchObject({ valid: true, referenceTime: { source: 'stored' } });
    // A signing time the signer claims does not help: dated ten days back, it is still judged now.
    const backdated = await sign(expired, document, new Date(Date.now() - 10 * DAY));
    expect(await verifyCms(backdated.der, document, options)).toMatchObject({
      valid: false,
      reason: 'expired',
      referenceTime: { source: 'verification' },
    });
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

  it('a signature backdated to before the revocation is refused; one the system stored before it stays valid', async () => {
    const revokedAt = new Date(Date.now() - 60_000);
    const revoked = await makeSigner(provider, f.ca);
    const { crl } = await issueCrl({
      provider,
      ca: f.ca,
      revoked: [{ serialNumber: revoked.serialNumber, revokedAt }],
    });
    const options = { provider, trustedRoots: [f.ca.certificate], crls: [crl] };
    // Made now with the revoked key, claiming an hour ago.
    const backdated = await sign(revoked, document, new Date(Date.now() - 3_600_000));
    expect(await verifyCms(backdated.der, document, options)).toMatchObject({
      status: 'invalid',
      reason: 'revoked',
      referenceTime: { source: 'verification' },
      checks: { revocation: 'revoked' },
    });
    // 63-ФЗ art. 11: stored by the system two minutes before the revocation, it stays valid.
    const stored = await verifyCms(backdated.der, document, {
      ...options,
      storedAt: new Date(revokedAt.getTime() - 60_000),
    });
    expect(stored).toMatchObject({
      status: 'valid',
      referenceTime: { source: 'stored' },
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
    expect(report).toMatchObject({ status: 'indeterminate', valid: false, reason: 'crl_invalid' });
  });

  it('a 512-bit key signs over Streebog-512, under a 256-bit CA and under a 512-bit one', async () => {
    const ca512 = await createTestRootCa({
      provider,
      subject: { commonName: 'УЦ с ключом 512 бит', country: 'RU' },
      paramSet: '512-A',
    });
    for (const ca of [f.ca, ca512]) {
      const signer = await makeSigner(provider, ca, undefined, { paramSet: '512-B' });
      const { der } = await sign(signer);
      const signedData = new SignedData({ schema: ContentInfo.fromBER(new Uint8Array(der)).content });
      const signerInfo = signedData.signerInfos[0]!;
      expect(signerInfo.digestAlgorithm.algorithmId).toBe(OID.streebog512);
      expect(signerInfo.signatureAlgorithm.algorithmId).toBe(OID.gost2012PublicKey512);
      expect(signerInfo.signature.valueBlock.valueHexView).toHaveLength(128);
      const issuerCertificate = Certificate.fromBER(new Uint8Array(ca.certificate));
      const signerCertificate = Certificate.fromBER(new Uint8Array(signer.certificate));
      expect(signerCertificate.signatureAlgorithm.algorithmId).toBe(
        ca === ca512 ? OID.gost2012SignWithStreebog512 : OID.gost2012SignWithStreebog256,
      );
      expect(issuerCertificate.subjectPublicKeyInfo.algorithm.algorithmId).toBe(
        ca === ca512 ? OID.gost2012PublicKey512 : OID.gost2012PublicKey256,
      );
      const { crl } = await issueCrl({ provider, ca, revoked: [] });
      const report = await verifyCms(der, document, {
        provider,
        trustedRoots: [ca.certificate],
        crls: [crl],
      });
      expect(report).toMatchObject({ status: 'valid', signer: { fullName: 'Иванова Мария Петровна' } });
      expect(
        await verifyCms(der, document.subarray(1), { provider, trustedRoots: [ca.certificate], crls: [crl] }),
      ).toMatchObject({ valid: false, reason: 'content_mismatch' });
    }
  });

  describe('certificate chain rules', () => {
    const INTERMEDIATE = { commonName: 'Подчинённый удостоверяющий центр', country: 'RU' };
    const withChain = async (signer: Awaited<ReturnType<typeof makeSigner>>, chain: Uint8Array[]) =>
      (
        await signCms({
          provider,
          content: document,
          signerCertificate: signer.certificate,
          privateKey: signer.privateKeyPem,
          chain,
        })
      ).der;
    const verify = async (der: Uint8Array, roots: Uint8Array[], crls: Uint8Array[] = []) =>
      verifyCms(der, document, { provider, trustedRoots: roots, crls });

    it('a chain through an intermediate CA carried in the signature verifies', async () => {
      const intermediate = await makeIntermediate(provider, f.ca, INTERMEDIATE);
      const signer = await makeSigner(provider, intermediate);
      const { crl } = await issueCrl({ provider, ca: intermediate, revoked: [] });
      const report = await verify(
        await withChain(signer, [intermediate.certificate]),
        [f.ca.certificate],
        [crl],
      );
      expect(report).toMatchObject({
        status: 'valid',
        chain: [
          'Иванова Мария Петровна',
          'Подчинённый удостоверяющий центр',
          'Тестовый удостоверяющий центр',
        ],
      });
    });

    it('refuses an issuer that is not a CA (basicConstraints) or may not sign certificates (keyUsage)', async () => {
      const notCa = await makeIntermediate(provider, f.ca, INTERMEDIATE, { isCa: false });
      const signer = await makeSigner(provider, notCa);
      expect(await verify(await withChain(signer, [notCa.certificate]), [f.ca.certificate])).toMatchObject({
        status: 'invalid',
        reason: 'issuer_not_ca',
        checks: { chain: false },
      });
      const noCertSign = await makeIntermediate(provider, f.ca, INTERMEDIATE, {
        keyUsage: KEY_USAGE.digitalSignature | KEY_USAGE.cRLSign,
      });
      const second = await makeSigner(provider, noCertSign);
      expect(
        await verify(await withChain(second, [noCertSign.certificate]), [f.ca.certificate]),
      ).toMatchObject({
        status: 'invalid',
        reason: 'issuer_not_ca',
      });
      // A trusted root itself is held to the same rule.
      const root = await createTestRootCa({
        provider,
        subject: { commonName: 'УЦ без права подписи сертификатов', country: 'RU' },
        keyUsage: KEY_USAGE.digitalSignature,
      });
      const third = await makeSigner(provider, root);
      expect(await verify(await withChain(third, []), [root.certificate])).toMatchObject({
        reason: 'issuer_not_ca',
      });
    });

    it('refuses a signer whose keyUsage allows neither digitalSignature nor nonRepudiation', async () => {
      const { crl } = await issueCrl({ provider, ca: f.ca, revoked: [] });
      const encipherOnly = await makeSigner(provider, f.ca, undefined, {
        keyUsage: KEY_USAGE.keyEncipherment,
      });
      expect(await verify(await withChain(encipherOnly, []), [f.ca.certificate], [crl])).toMatchObject({
        status: 'invalid',
        reason: 'key_usage',
        message: 'Назначение ключа в сертификате подписанта не допускает электронную подпись',
        checks: { signature: true, chain: true },
      });
      for (const keyUsage of [KEY_USAGE.nonRepudiation, null]) {
        const signer = await makeSigner(provider, f.ca, undefined, { keyUsage });
        expect((await verify(await withChain(signer, []), [f.ca.certificate], [crl])).status).toBe('valid');
      }
    });

    it('a CRL from a CA whose keyUsage lacks cRLSign is not taken', async () => {
      const root = await createTestRootCa({
        provider,
        subject: { commonName: 'УЦ без права подписи списков отзыва', country: 'RU' },
        keyUsage: KEY_USAGE.keyCertSign,
      });
      const signer = await makeSigner(provider, root);
      const { crl } = await issueCrl({ provider, ca: root, revoked: [] });
      expect(await verify(await withChain(signer, []), [root.certificate], [crl])).toMatchObject({
        status: 'indeterminate',
        reason: 'crl_invalid',
      });
    });

    it('of two trusted roots with the same name, the one whose key signed is found, in either order', async () => {
      const decoy = await createTestRootCa({ provider, subject: ROOT_SUBJECT });
      const { crl } = await issueCrl({ provider, ca: f.ca, revoked: [] });
      const der = await withChain(f.signer, []);
      for (const roots of [
        [decoy.certificate, f.ca.certificate],
        [f.ca.certificate, decoy.certificate],
      ]) {
        expect(await verify(der, roots, [crl])).toMatchObject({ status: 'valid' });
      }
      expect(await verify(der, [decoy.certificate], [crl])).toMatchObject({ reason: 'chain_invalid' });
    });
  });

  it('names the provider that made the key as the signing tool (subjectSignTool)', () => {
    const certificate = Certificate.fromBER(new Uint8Array(f.signer.certificate));
    const extension = certificate.extensions?.find((e) => e.extnID === OID.subjectSignTool);
    const value = asn1js.fromBER(extension!.extnValue.valueBlock.valueHexView).result as asn1js.Utf8String;
    expect(value.valueBlock.value).toBe(provider.signTool);
    expect(value.valueBlock.value).toMatch(
      provider.name === 'native' ? /^OpenSSL GOST engine/ : /^@wavesenterprise\/crypto-gost-js/,
    );
  });

  it('reports garbage as malformed', async () => {
    const report = await verifyCms(new Uint8Array([0x30, 0x03, 0x02, 0x01]), document, {
      provider,
      trustedRoots: [],
    });
    expect(report).toMatchObject({
      valid: false,
      reason: 'malformed',
      message: expect.stringMatching(/^Файл не является электронной подписью/) as string,
    });
  });
});
