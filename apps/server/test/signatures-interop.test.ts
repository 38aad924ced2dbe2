import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SigningCertificate } from '@uslugi/contracts';
import { DEMO_PIN, issueDemoCertificates } from '../src/demo/certificates.js';
import { signCms } from '../src/platform/crypto/cms.js';
import { makeSigner } from './support/crypto/fixtures.js';
import { derToPem } from '../src/platform/crypto/keys.js';
import { createTestRootCa, type TestCa } from '../src/platform/crypto/pki.js';
import { openssl, opensslCli, opensslCmsSign, opensslCmsVerify, skipNote } from './support/crypto/testing.js';
import { sealJournal } from '../src/platform/journal/seal.js';
import { employeeKeyAad } from '../src/modules/signing/certificates.js';
import type { Installation, Pki } from '../src/platform/pki/installation.js';
import { openWithPin } from '../src/platform/pki/key-envelopes.js';
import { sealSigner } from '../src/platform/pki/seal-signer.js';
import { signInAs, testApp, type Agent, type TestApp } from './harness.js';
import { download, pkiOf, sign, upload, verifyPublic } from './signatures-helpers.js';

/**
 * Interoperability through the API (issue 5, point 6): what the system signs, OpenSSL's GOST engine
 * accepts with nothing but GET /api/v1/pki/ca.pem; what OpenSSL signs with the system CA's
 * certificates, POST /api/v1/verify accepts; and the refusals carry the right reason. Needs the
 * openssl CLI with the gost engine: in CI (CI set) its absence fails the run, elsewhere the suite is
 * skipped with the reason in its title.
 */
const cli = opensslCli();
const dir = mkdtempSync(path.join(tmpdir(), 'uslugi-sig-interop-'));
const file = (name: string) => path.join(dir, name);

const cmsVerify = (sig: string, content: string) => opensslCmsVerify({ sig, content, ca: file('ca.pem') });
const cmsSign = (content: string, cert: string, key: string, out: string) =>
  opensslCmsSign({ content, cert, key, out });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!!cli.missing)(`signatures and OpenSSL, through the API${skipNote(cli)}`, () => {
  let t: TestApp;
  let pki: Pki;
  let installation: Installation;
  let nikitina: Agent;
  let operator: Agent;
  const text = 'Разрешение на строительство № RU16-301000-17-2026';

  beforeAll(async () => {
    t = await testApp();
    pki = pkiOf(t);
    await issueDemoCertificates(t.database, pki, { lastNames: ['Никитина'] });
    installation = await pki.ready();
    nikitina = await signInAs(t, 'Никитина');
    operator = await signInAs(t, 'Хасанова');
    const ca = await t.app.inject({ method: 'GET', url: '/api/v1/pki/ca.pem' });
    writeFileSync(file('ca.pem'), ca.body);
    writeFileSync(file('doc.txt'), text);
  });
  afterAll(() => t.close());

  /** A certificate of the system CA with its key in hand, as a person with a token would have it. */
  async function signerOfInstallation(validity: { notBefore?: Date; notAfter?: Date } = {}) {
    return makeSigner(pki.provider, installation.ca, undefined, validity);
  }

  it('a document signed through the API and downloaded with its .sig passes openssl cms -verify', async () => {
    const doc = await upload(nikitina, 'Разрешение', text);
    const signed = await sign(nikitina, doc.id, DEMO_PIN);
    expect(signed.statusCode).toBe(201);
    writeFileSync(
      file('api.sig'),
      await download(nikitina, `/api/v1/documents/${doc.id}/signatures/${signed.body.id}/content`),
    );
    writeFileSync(file('api.txt'), await download(nikitina, `/api/v1/documents/${doc.id}/content`));
    const good = cmsVerify(file('api.sig'), file('api.txt'));
    expect(good.output).toContain('CAdES Verification successful');
    writeFileSync(file('api-changed.txt'), `${text}.`);
    expect(cmsVerify(file('api.sig'), file('api-changed.txt')).ok).toBe(false);
    // The base64 download is PEM that openssl reads as is.
    writeFileSync(
      file('api.sig.b64'),
      await download(
        nikitina,
        `/api/v1/documents/${doc.id}/signatures/${signed.body.id}/content?format=base64`,
      ),
    );
    const pem = opensslCmsVerify({
      sig: file('api.sig.b64'),
      content: file('api.txt'),
      ca: file('ca.pem'),
      inform: 'PEM',
    });
    expect(pem.output).toContain('CAdES Verification successful');
  });

  it('a signature made by openssl with a certificate of the system CA passes POST /api/v1/verify', async () => {
    const signer = await signerOfInstallation();
    writeFileSync(file('ossl-cert.pem'), signer.certificatePem);
    writeFileSync(file('ossl-key.pem'), signer.privateKeyPem);
    const made = cmsSign(file('doc.txt'), file('ossl-cert.pem'), file('ossl-key.pem'), file('ossl.sig'));
    expect(made.ok, made.output).toBe(true);
    const sig = readFileSync(file('ossl.sig'));
    const res = await verifyPublic(t, text, sig);
    expect(res.statusCode).toBe(200);
    expect(res.body.report).toMatchObject({
      valid: true,
      signer: { fullName: 'Иванова Мария Петровна', snils: '112-233-445 95' },
      checks: { digest: true, signature: true, chain: true, validity: true, revocation: 'good' },
    });
    // The same file as PEM (openssl cms -outform PEM) is read too.
    const pem = openssl(['cms', '-cmsout', '-inform', 'DER', '-in', file('ossl.sig'), '-outform', 'PEM']);
    expect((await verifyPublic(t, text, pem.output)).body.report.valid).toBe(true);

    // Tampered content.
    expect((await verifyPublic(t, `${text} (изм.)`, sig)).body.report).toMatchObject({
      valid: false,
      reason: 'content_mismatch',
      summary: 'Документ изменён после подписания',
    });
  });

  it('refuses a certificate of another CA, an expired one and a revoked one, each with its reason', async () => {
    const content = new TextEncoder().encode(text);
    const other: TestCa = await createTestRootCa({
      provider: pki.provider,
      subject: { commonName: 'Посторонний удостоверяющий центр', country: 'RU' },
    });
    const stranger = await makeSigner(pki.provider, other);
    const foreign = await signCms({
      provider: pki.provider,
      content,
      signerCertificate: stranger.certificate,
      privateKey: stranger.privateKeyPem,
    });
    expect((await verifyPublic(t, content, foreign.der)).body.report).toMatchObject({
      valid: false,
      reason: 'untrusted_root',
    });

    const DAY = 86_400_000;
    const expired = await signerOfInstallation({
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - 30 * DAY),
    });
    writeFileSync(file('expired-cert.pem'), expired.certificatePem);
    writeFileSync(file('expired-key.pem'), expired.privateKeyPem);
    expect(
      cmsSign(file('doc.txt'), file('expired-cert.pem'), file('expired-key.pem'), file('expired.sig')).ok,
    ).toBe(true);
    expect((await verifyPublic(t, content, readFileSync(file('expired.sig')))).body.report).toMatchObject({
      valid: false,
      reason: 'expired',
      summary: 'Срок действия сертификата подписанта истёк',
      checks: { validity: false },
    });

    // Revoked: Nikitina's key, taken out as a stolen token would be, signs after the operator revoked it.
    const mine = (await nikitina.request({ method: 'GET', url: '/api/v1/pki/certificates/mine' })).json() as {
      certificate: SigningCertificate;
    };
    const row = await t.database.system
      .selectFrom('signingCertificates')
      .select(['keyEnvelope', 'certificate'])
      .where('id', '=', mine.certificate.id)
      .executeTakeFirstOrThrow();
    const key = await openWithPin(
      installation.masterKey,
      DEMO_PIN,
      row.keyEnvelope,
      employeeKeyAad(mine.certificate.serialNumber),
    );
    writeFileSync(file('revoked-key.pem'), String(key));
    writeFileSync(file('revoked-cert.pem'), derToPem('CERTIFICATE', row.certificate));
    const revoke = await operator.request({
      method: 'POST',
      url: `/api/v1/pki/certificates/${mine.certificate.id}/revoke`,
      payload: { reason: 'Компрометация ключа' },
    });
    expect(revoke.statusCode).toBe(200);
    expect(
      cmsSign(file('doc.txt'), file('revoked-cert.pem'), file('revoked-key.pem'), file('revoked.sig')).ok,
    ).toBe(true);
    expect((await verifyPublic(t, content, readFileSync(file('revoked.sig')))).body.report).toMatchObject({
      valid: false,
      reason: 'revoked',
      checks: { revocation: 'revoked' },
    });

    // OpenSSL reads the published CRL, checks its signature with ca.pem (-crl_check) and finds the certificate.
    const crl = await t.app.inject({ method: 'GET', url: '/api/v1/pki/crl' });
    writeFileSync(file('crl.der'), crl.rawPayload);
    const pem = openssl(['crl', '-inform', 'DER', '-in', file('crl.der'), '-out', file('crl.pem')]);
    expect(pem.ok).toBe(true);
    const verdict = openssl([
      'verify',
      '-engine',
      'gost',
      '-crl_check',
      '-CAfile',
      file('ca.pem'),
      '-CRLfile',
      file('crl.pem'),
      file('revoked-cert.pem'),
    ]);
    expect(verdict.output).toMatch(/certificate revoked/);
  });

  it('a journal seal’s signature passes openssl cms -verify over the seal hash', async () => {
    const seal = await sealJournal(t.database, sealSigner(pki.provider, installation));
    expect(seal?.signed).toBe(true);
    const row = await t.database.system
      .selectFrom('journalSeals')
      .select(['sealHash', 'signature'])
      .where('id', '=', seal!.sealId)
      .executeTakeFirstOrThrow();
    writeFileSync(file('seal.txt'), row.sealHash);
    writeFileSync(file('seal.sig'), row.signature!);
    expect(cmsVerify(file('seal.sig'), file('seal.txt')).output).toContain('CAdES Verification successful');
  });
});
