import type { PublicDocumentVerification } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PIN, issueDemoCertificates } from '../src/demo/certificates.js';
import { signInAs, testApp, type Agent, type TestApp } from './harness.js';
import { download, pkiOf, sign, upload, verifyPublic, type ErrorBody } from './signatures-helpers.js';

/** The public check a signed PDF's QR code opens (000 item 3.5): by the document's id, no sign-in. */
describe('public verification of a stored document', () => {
  let t: TestApp;
  let galieva: Agent;
  const text = 'Разрешение на условно разрешённый вид использования № 77';
  const check = (id: string) => t.app.inject({ method: 'GET', url: `/api/v1/verify/documents/${id}` });

  beforeAll(async () => {
    t = await testApp();
    await issueDemoCertificates(t.database, pkiOf(t), { lastNames: ['Галиева'] });
    galieva = await signInAs(t, 'Галиева');
  });
  afterAll(() => t.close());

  it('a genuine signed document: authentic, who signed as the stamp shows, when, its digests', async () => {
    const doc = await upload(galieva, 'Разрешение 77', text);
    const signed = await sign(galieva, doc.id, DEMO_PIN);
    expect(signed.statusCode, JSON.stringify(signed.body)).toBe(201);
    const res = await check(doc.id);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<PublicDocumentVerification>();
    expect(body).toMatchObject({
      documentId: doc.id,
      title: 'Разрешение 77',
      sha256: doc.sha256,
      streebog256: doc.streebog256,
      verdict: 'authentic',
      verdictTitle: 'Документ подлинный',
    });
    expect(body.signatures).toHaveLength(1);
    expect(body.signatures[0]).toMatchObject({
      valid: true,
      summary: 'Подпись действительна',
      owner: expect.stringMatching(/^Галиева/) as string,
      certificateSerial: signed.body.certificateSerial,
    });
    expect(Date.parse(body.signatures[0]?.validTo ?? '')).toBeGreaterThan(Date.now());
    // Nothing beyond the stamp's fields: no СНИЛС, ИНН, organisation, chain or municipality.
    expect(Object.keys(body).sort()).toEqual(
      [
        'documentId',
        'title',
        'size',
        'sha256',
        'streebog256',
        'verdict',
        'verdictTitle',
        'signatures',
        'verifiedAt',
      ].sort(),
    );
    expect(Object.keys(body.signatures[0] ?? {}).sort()).toEqual(
      [
        'valid',
        'summary',
        'owner',
        'position',
        'certificateSerial',
        'validFrom',
        'validTo',
        'signingTime',
        'storedAt',
      ].sort(),
    );
    expect(res.body).not.toMatch(/snils|СНИЛС|\d{3}-\d{3}-\d{3} \d{2}|municipality/i);
  });

  it('a forged file uploaded with the real .sig does not verify; the stored one still does', async () => {
    const doc = await upload(galieva, 'Разрешение 78', text);
    const signed = await sign(galieva, doc.id, DEMO_PIN);
    const sig = await download(galieva, `/api/v1/documents/${doc.id}/signatures/${signed.body.id}/content`);
    const forged = await verifyPublic(t, text.replace('77', '78 (изм.)'), sig);
    expect(forged.statusCode).toBe(200);
    expect(forged.body.report.valid).toBe(false);
    const genuine = await verifyPublic(t, text, sig);
    expect(genuine.body.report.valid).toBe(true);
    expect((await check(doc.id)).json<PublicDocumentVerification>().verdict).toBe('authentic');
  });

  it('a document without a signature says so', async () => {
    const doc = await upload(galieva, 'Черновик', 'черновик');
    const body = (await check(doc.id)).json<PublicDocumentVerification>();
    expect(body).toMatchObject({
      verdict: 'unsigned',
      verdictTitle: 'Документ не подписан электронной подписью',
      signatures: [],
    });
  });

  it('an unknown id or not an id at all: 404 in Russian', async () => {
    for (const id of ['6f1d2c3b-0000-4000-8000-000000000000', 'abc', "1'; drop table documents"]) {
      const res = await check(encodeURIComponent(id));
      expect(res.statusCode, id).toBe(404);
      expect(res.json<ErrorBody>().message).toBe('Объект не найден');
    }
  });
});
