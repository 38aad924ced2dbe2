import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PIN, issueDemoCertificates } from '../src/demo/certificates.js';
import { Pki } from '../src/platform/pki/installation.js';
import { MasterKeyError } from '../src/platform/pki/master-key.js';
import { signInAs, testApp, type Agent, type TestApp } from './harness.js';
import {
  details,
  download,
  pkiOf,
  sign,
  upload,
  verifyPublic,
  type ErrorBody,
} from './signatures-helpers.js';

/** Documents and signing through the staff API (issue 5, points 2–4): store, sign with the PIN, download. */
describe('documents and signatures', () => {
  let t: TestApp;
  let galieva: Agent;
  let nikitina: Agent;
  let petrov: Agent;
  let operator: Agent;
  let shumikha: Agent;
  const text = 'Решение о предоставлении разрешения на условно разрешённый вид использования № 42';

  beforeAll(async () => {
    t = await testApp();
    // Certificates for the few employees the tests sign as (all eleven cost a second of scrypt).
    await issueDemoCertificates(t.database, pkiOf(t), { lastNames: ['Галиева', 'Никитина', 'Иванова'] });
    galieva = await signInAs(t, 'Галиева');
    nikitina = await signInAs(t, 'Никитина');
    petrov = await signInAs(t, 'Петров');
    operator = await signInAs(t, 'Хасанова');
    shumikha = await signInAs(t, 'Иванова');
  });
  afterAll(() => t.close());

  it('made the CA and the system key once, encrypted under a master key written with mode 0600', async () => {
    const keyFile = path.join(t.config.secretsDir, 'master.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const rows = await t.database.system.selectFrom('pkiInstallationKeys').selectAll().execute();
    expect(rows.map((r) => r.purpose).sort()).toEqual(['ca', 'system_signer']);
    expect(JSON.stringify(rows.map((r) => r.keyEnvelope))).not.toMatch(/PRIVATE KEY/);
    const again = await pkiOf(t).ready();
    expect(again.created).toBe(false);
    const ca = await t.app.inject({ method: 'GET', url: '/api/v1/pki/ca.pem' });
    expect(ca.statusCode).toBe(200);
    expect(ca.body).toBe(again.ca.certificatePem);
  });

  it('refuses to start on existing keys with a missing or wrong master key', async () => {
    const elsewhere = { secretsDir: path.join(t.config.secretsDir, 'other'), keyEncryptionKey: undefined };
    await expect(new Pki({ database: t.database, config: elsewhere }).ready()).rejects.toThrow(
      MasterKeyError,
    );
    expect(fs.existsSync(path.join(elsewhere.secretsDir, 'master.key'))).toBe(false);
    const wrong = { ...elsewhere, keyEncryptionKey: Buffer.alloc(32, 7).toString('base64') };
    await expect(new Pki({ database: t.database, config: wrong }).ready()).rejects.toThrow(/master key/);
  });

  it('stores a document content-addressed with both digests, kept 10 years, journaled', async () => {
    const doc = await upload(galieva, 'Решение 42', text);
    const bytes = Buffer.from(text, 'utf8');
    expect(doc).toMatchObject({
      title: 'Решение 42',
      fileName: 'Решение 42.txt',
      mediaType: 'text/plain',
      size: bytes.length,
      createdByName: 'Галиева Алсу Фаритовна',
      signatureCount: 0,
    });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.streebog256).toBe(Buffer.from(pkiOf(t).provider.digest('streebog256', bytes)).toString('hex'));
    expect(Number(doc.retainUntil.slice(0, 4))).toBeGreaterThanOrEqual(new Date().getFullYear() + 10);
    expect(fs.existsSync(path.join(t.config.filesDir, 'sha256', doc.sha256.slice(0, 2)))).toBe(true);
    const res = await galieva.request({ method: 'GET', url: `/api/v1/documents/${doc.id}/content` });
    expect(res.raw.equals(bytes)).toBe(true);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const journal = (
      await operator.request({
        method: 'GET',
        url: `/api/v1/journal?objectType=document&objectId=${doc.id}`,
      })
    ).json() as { items: Array<{ action: string; actionTitle: string }> };
    expect(journal.items.map((i) => i.actionTitle)).toEqual(['Загрузка документа']);
    expect((await galieva.request({ method: 'GET', url: '/api/v1/documents' })).json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: doc.id })]),
    );
  });

  it('refuses a file that is not base64 or is empty, in Russian, storing nothing', async () => {
    const before = await t.database.system.selectFrom('documents').select('id').execute();
    const bad = await galieva.request({
      method: 'POST',
      url: '/api/v1/documents',
      payload: { title: 'Х', fileName: 'x.txt', content: 'не base64!' },
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ErrorBody).fields?.[0]).toEqual({
      path: 'content',
      message: 'Файл: Передаётся в кодировке base64',
    });
    const empty = await galieva.request({
      method: 'POST',
      url: '/api/v1/documents',
      payload: { title: 'Х', fileName: 'x.txt', content: '====' },
    });
    expect(empty.statusCode).toBe(400);
    expect((empty.json() as ErrorBody).fields?.[0]?.message).toBe('Файл: файл пустой');
    expect(await t.database.system.selectFrom('documents').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it('a wrong PIN signs nothing and says so in Russian; the right one signs with a full report', async () => {
    const doc = await upload(nikitina, 'Постановление', text);
    const wrong = await sign(nikitina, doc.id, '000000');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toMatchObject({
      code: 'pin_invalid',
      message: 'Неверный PIN-код. Документ не подписан',
    });
    expect(wrong.body.fields?.[0]?.message).toBe('PIN-код: неверный, осталось попыток до блокировки: 2');
    expect((await details(nikitina, doc.id)).signatures).toEqual([]);

    const signed = await sign(nikitina, doc.id, DEMO_PIN);
    expect(signed.statusCode, JSON.stringify(signed.body)).toBe(201);
    expect(signed.body).toMatchObject({
      documentId: doc.id,
      signerName: 'Никитина Елена Викторовна',
      valid: true,
      report: {
        status: 'valid',
        valid: true,
        summary: 'Подпись действительна',
        failures: [],
        indeterminate: [],
        signingTimeNote: 'Время подписи указано подписавшим и не подтверждено штампом времени',
        referenceTime: { source: 'stored' },
        checks: { digest: true, signature: true, chain: true, validity: true, revocation: 'good' },
        signer: {
          fullName: 'Никитина Елена Викторовна',
          title: 'Заместитель председателя комитета',
          organization: 'Исполнительный комитет муниципального образования г. Казани',
          snils: '145-236-987 76',
          innLegalEntity: '1655012344',
          ogrn: '1051600012342',
        },
        chain: [
          'Никитина Елена Викторовна',
          'Тестовый удостоверяющий центр системы управления муниципальными услугами',
        ],
      },
    });
    // A right PIN resets the count of wrong ones.
    const row = await t.database.system
      .selectFrom('signingCertificates')
      .select('pinFailures')
      .where('employeeId', '=', nikitina.employeeId)
      .executeTakeFirstOrThrow();
    expect(row.pinFailures).toBe(0);

    const stored = await details(nikitina, doc.id);
    expect(stored.signatureCount).toBe(1);
    expect(stored.signatures[0]?.report.signingTime).toBe(signed.body.signingTime);
    const sig = await download(nikitina, `/api/v1/documents/${doc.id}/signatures/${signed.body.id}/content`);
    expect(sig[0]).toBe(0x30); // DER
    const checked = await verifyPublic(t, text, sig);
    expect(checked.statusCode).toBe(200);
    expect(checked.body.report).toMatchObject({
      valid: true,
      signer: { fullName: 'Никитина Елена Викторовна' },
    });
    expect(checked.body.document.streebog256).toBe(doc.streebog256);
    // The stored signature's own time, recorded by the system, is what its certificate is judged at.
    expect(checked.body.report.referenceTime).toMatchObject({
      source: 'stored',
      at: stored.signatures[0]?.report.referenceTime.at,
    });
    expect(checked.body.report.status).toBe('valid');

    // The same signature as base64 text (PEM armour), for tools that want text.
    const res64 = await nikitina.request({
      method: 'GET',
      url: `/api/v1/documents/${doc.id}/signatures/${signed.body.id}/content?format=base64`,
    });
    expect(res64.statusCode).toBe(200);
    expect(res64.headers['content-disposition']).toContain('.sig.b64');
    expect(res64.body).toMatch(/^-----BEGIN CMS-----\n[A-Za-z0-9+/=\n]+-----END CMS-----\n$/);
    const body64 = res64.body.replace(/-----[A-Z ]+-----|\s/g, '');
    expect(Buffer.from(body64, 'base64').equals(sig)).toBe(true);
    expect((await verifyPublic(t, text, res64.body)).body.report.status).toBe('valid');

    const journal = (
      await operator.request({
        method: 'GET',
        url: `/api/v1/journal?objectType=document&objectId=${doc.id}`,
      })
    ).json() as { items: Array<{ action: string; payload: { valid?: boolean } }> };
    expect(journal.items.map((i) => i.action)).toEqual(['document.signed', 'document.uploaded']);
    expect(journal.items[0]?.payload.valid).toBe(true);
  });

  it('three wrong PINs in a row lock the key for 15 minutes, journaled; the lock holds for the right PIN', async () => {
    const doc = await upload(galieva, 'Уведомление', text);
    expect((await sign(galieva, doc.id, '111111')).statusCode).toBe(422);
    expect((await sign(galieva, doc.id, '222222')).statusCode).toBe(422);
    const third = await sign(galieva, doc.id, '333333');
    expect(third.statusCode).toBe(423);
    expect(third.body.message).toBe(
      'Ключ электронной подписи заблокирован на 15 минут после трёх неверных PIN-кодов подряд',
    );
    const locked = await sign(galieva, doc.id, DEMO_PIN);
    expect(locked.statusCode).toBe(423);
    expect((await details(galieva, doc.id)).signatures).toEqual([]);

    const certificate = await t.database.system
      .selectFrom('signingCertificates')
      .select(['id', 'pinLockedUntil'])
      .where('employeeId', '=', galieva.employeeId)
      .executeTakeFirstOrThrow();
    const minutes = ((certificate.pinLockedUntil?.getTime() ?? 0) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const journal = (
      await operator.request({
        method: 'GET',
        url: `/api/v1/journal?objectType=signing_certificate&objectId=${certificate.id}`,
      })
    ).json() as { items: Array<{ action: string; actionTitle: string }> };
    expect(journal.items.map((i) => i.action)).toEqual([
      'signing_certificate.locked',
      'signing_certificate.pin_rejected',
      'signing_certificate.pin_rejected',
      'signing_certificate.issued',
    ]);

    // Fifteen minutes later (moved in the database): the right PIN signs again.
    await sql`update signing_certificates set pin_locked_until = now() - interval '1 second'
      where id = ${certificate.id}`.execute(t.database.system);
    expect((await sign(galieva, doc.id, DEMO_PIN)).statusCode).toBe(201);
  });

  it('concurrent wrong PINs never get more than three tries', async () => {
    const doc = await upload(galieva, 'Запрос', text);
    const since = new Date();
    const results = await Promise.all(
      ['1', '2', '3', '4', '5'].map((d) => sign(galieva, doc.id, d.repeat(6))),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([422, 422, 423, 423, 423]);
    const rejected = await t.database.system
      .selectFrom('journalEntries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', 'in', ['signing_certificate.pin_rejected', 'signing_certificate.locked'])
      .where('actorId', '=', galieva.employeeId)
      .where('recordedAt', '>=', since)
      .executeTakeFirstOrThrow();
    expect(Number(rejected.n)).toBe(3);
  });

  it('an employee without a certificate is told to ask the operator', async () => {
    const doc = await upload(petrov, 'Справка', text);
    const res = await sign(petrov, doc.id, DEMO_PIN);
    expect(res.statusCode).toBe(409);
    expect(res.body.message).toBe(
      'У вас нет действующего сертификата электронной подписи. Обратитесь к оператору',
    );
    const mine = await petrov.request({ method: 'GET', url: '/api/v1/pki/certificates/mine' });
    expect(mine.json()).toEqual({ certificate: null });
    const hers = (await nikitina.request({ method: 'GET', url: '/api/v1/pki/certificates/mine' })).json() as {
      certificate: { status: string; subject: { snils: string } };
    };
    expect(hers.certificate).toMatchObject({ status: 'active', subject: { snils: '145-236-987 76' } });
  });

  it("another municipality's documents do not exist for its staff; operators do not handle documents", async () => {
    const doc = await upload(galieva, 'Служебная записка', text);
    for (const url of [`/api/v1/documents/${doc.id}`, `/api/v1/documents/${doc.id}/content`]) {
      expect((await shumikha.request({ method: 'GET', url })).statusCode).toBe(404);
    }
    expect((await sign(shumikha, doc.id, DEMO_PIN)).statusCode).toBe(404);
    const theirs = (await shumikha.request({ method: 'GET', url: '/api/v1/documents' })).json() as unknown[];
    expect(theirs).toEqual([]);
    const res = await operator.request({
      method: 'POST',
      url: '/api/v1/documents',
      payload: { title: 'Х', fileName: 'x.txt', content: 'eA==' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('documents and signatures cannot be changed or deleted, even by the owner', async () => {
    await expect(sql`update documents set title = 'x'`.execute(t.database.system)).rejects.toThrow(
      /не изменяются и не удаляются/,
    );
    await expect(sql`delete from document_signatures`.execute(t.database.system)).rejects.toThrow(
      /не изменяются и не удаляются/,
    );
  });

  it('the public check is rate-limited per address, with a Russian 429', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) {
      codes.push((await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: {} })).statusCode);
    }
    const first = codes.indexOf(429);
    // Up to 30 a minute; two checks ran earlier in this file.
    expect(first).toBe(28);
    expect(codes.slice(0, first).every((c) => c === 400)).toBe(true);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: {} });
    expect(res.statusCode).toBe(429);
    expect(res.json<ErrorBody>().message).toBe('Слишком много запросов. Повторите попытку позже');
  });
  it('the owner changes the PIN: the old one no longer opens the key, the new one signs; journaled', async () => {
    const change = (currentPin: string, newPin: string) =>
      shumikha.request({
        method: 'POST',
        url: '/api/v1/pki/certificates/mine/pin',
        payload: { currentPin, newPin },
      });
    const short = await change(DEMO_PIN, '12');
    expect(short.statusCode).toBe(400);
    expect((short.json() as ErrorBody).fields?.[0]).toMatchObject({ path: 'newPin' });
    const same = await change(DEMO_PIN, DEMO_PIN);
    expect((same.json() as ErrorBody).fields?.[0]?.message).toMatch(/отличаться/);
    const wrong = await change('999999', '24680135');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({
      code: 'pin_change_invalid',
      message: 'Неверный текущий PIN-код. PIN-код не изменён',
      fields: [
        { path: 'currentPin', message: expect.stringMatching(/^Действующий PIN-код: неверный/) as string },
      ],
    });
    const ok = await change(DEMO_PIN, '24680135');
    expect(ok.statusCode, ok.body).toBe(200);

    const doc = await upload(shumikha, 'Постановление', text);
    expect((await sign(shumikha, doc.id, DEMO_PIN)).statusCode).toBe(422);
    expect((await sign(shumikha, doc.id, '24680135')).statusCode).toBe(201);
    const entries = await t.database.system
      .selectFrom('journalEntries')
      .select(['action', 'payload'])
      .where('actorId', '=', shumikha.employeeId)
      .where('action', '=', 'signing_certificate.pin_changed')
      .execute();
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0]?.payload)).not.toMatch(/24680135|123456/);
    // An employee without a key has nothing to change.
    const none = await petrov.request({
      method: 'POST',
      url: '/api/v1/pki/certificates/mine/pin',
      payload: { currentPin: DEMO_PIN, newPin: '24680135' },
    });
    expect(none.statusCode).toBe(409);
  });
});
