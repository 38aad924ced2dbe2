import { sql } from 'kysely';
import { CertificateRevocationList } from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isValidInnLegalEntity,
  isValidOgrn,
  type SigningCertificate,
  type TrustedRoot,
} from '@uslugi/contracts';
import { DEMO_PIN, issueDemoCertificates } from '../src/demo/certificates.js';
import { signCms } from '../src/platform/crypto/cms.js';
import { makeSigner } from './support/crypto/fixtures.js';
import { createTestRootCa } from '../src/platform/crypto/pki.js';
import { employeeKeyAad } from '../src/modules/signing/certificates.js';
import { openWithPin } from '../src/platform/pki/key-envelopes.js';
import { appWith, testApp, type Agent, type TestApp } from './harness.js';
import {
  details,
  download,
  pkiOf,
  sign,
  upload,
  verifyPublic,
  type ErrorBody,
} from './signatures-helpers.js';

/** The operator's side of the PKI (issue 5, point 2): certificates, revocation and the CRL, the trust store. */
describe('PKI administration', () => {
  let t: TestApp, operator: Agent, techOperator: Agent, petrov: Agent, galieva: Agent;

  beforeAll(async () => {
    ({
      t,
      as: [operator, techOperator, petrov, galieva],
    } = await appWith(testApp(), 'Хасанова', 'Закиров', 'Петров', 'Галиева'));
  });
  afterAll(() => t.close());

  it('issues each demo employee a qualified-style certificate once, with the organisation’s ОГРН and ИНН', async () => {
    expect(await issueDemoCertificates(t.database, pkiOf(t))).toBe(15);
    expect(await issueDemoCertificates(t.database, pkiOf(t))).toBe(0);
    const list = (
      await operator.request({ method: 'GET', url: '/api/v1/pki/certificates' })
    ).json() as SigningCertificate[];
    // RLS: Kazan's operator sees Kazan's ten.
    expect(list).toHaveLength(10);
    expect(list.every((c) => c.status === 'active')).toBe(true);
    const municipalities = await t.database.system
      .selectFrom('municipalities')
      .select(['ogrn', 'inn'])
      .execute();
    for (const m of municipalities) {
      expect(isValidOgrn(m.ogrn ?? '')).toBe(true);
      expect(isValidInnLegalEntity(m.inn ?? '')).toBe(true);
    }
  });

  it('the operator issues a certificate with a PIN they set; a second one waits for revocation', async () => {
    const employees = (
      await operator.request({ method: 'GET', url: '/api/v1/employees?q=Петров' })
    ).json() as Array<{
      id: string;
    }>;
    const employeeId = employees[0]!.id;
    // Petrov got a demo certificate above: revoke it first, then issue with the operator's PIN.
    const existing = await operator.request({
      method: 'POST',
      url: '/api/v1/pki/certificates',
      payload: { employeeId, pin: '24681357' },
    });
    expect(existing.statusCode).toBe(409);
    expect((existing.json() as ErrorBody).code).toBe('certificate_exists');
    const demo = (
      (
        await operator.request({ method: 'GET', url: '/api/v1/pki/certificates' })
      ).json() as SigningCertificate[]
    ).find((c) => c.employeeId === employeeId)!;
    const revoked = await operator.request({
      method: 'POST',
      url: `/api/v1/pki/certificates/${demo.id}/revoke`,
      payload: { reason: 'Замена ключа' },
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revocationReason: 'Замена ключа' });
    const again = await operator.request({
      method: 'POST',
      url: `/api/v1/pki/certificates/${demo.id}/revoke`,
      payload: { reason: 'ещё раз' },
    });
    expect(again.statusCode).toBe(409);

    const short = await operator.request({
      method: 'POST',
      url: '/api/v1/pki/certificates',
      payload: { employeeId, pin: '123' },
    });
    expect(short.statusCode).toBe(400);
    expect((short.json() as ErrorBody).fields?.[0]?.message).toBe('PIN-код: Не короче 6 символов');

    const issued = await operator.request({
      method: 'POST',
      url: '/api/v1/pki/certificates',
      payload: { employeeId, pin: '24681357' },
    });
    expect(issued.statusCode).toBe(201);
    expect(issued.json()).toMatchObject({
      employeeName: 'Петров Андрей Сергеевич',
      status: 'active',
      subject: { fullName: 'Петров Андрей Сергеевич', title: 'Главный специалист' },
    });
    const doc = await upload(petrov, 'Заключение', 'Заключение о соответствии');
    // The operator's PIN only lets the owner set their own (test/employee-identity.test.ts).
    expect((await sign(petrov, doc.id, '24681357')).body.code).toBe('pin_not_set');
    const own = await petrov.request({
      method: 'POST',
      url: '/api/v1/pki/certificates/mine/pin',
      payload: { currentPin: '24681357', newPin: '13572468' },
    });
    expect(own.statusCode, own.body).toBe(200);
    expect((await sign(petrov, doc.id, DEMO_PIN)).statusCode).toBe(422);
    expect((await sign(petrov, doc.id, '13572468')).statusCode).toBe(201);
  });

  it('revocation is journaled, published in the CRL, and stops signing; earlier signatures stay valid', async () => {
    const doc = await upload(galieva, 'Ответ заявителю', 'Ответ на обращение № 7');
    const before = await sign(galieva, doc.id, DEMO_PIN);
    expect(before.statusCode).toBe(201);
    const mine = (await galieva.request({ method: 'GET', url: '/api/v1/pki/certificates/mine' })).json() as {
      certificate: SigningCertificate;
    };
    // An ordinary employee cannot revoke, the technical operator reads but does not change.
    const url = `/api/v1/pki/certificates/${mine.certificate.id}/revoke`;
    expect((await galieva.request({ method: 'POST', url, payload: { reason: 'x' } })).statusCode).toBe(403);
    expect((await techOperator.request({ method: 'POST', url, payload: { reason: 'x' } })).statusCode).toBe(
      403,
    );
    expect((await techOperator.request({ method: 'GET', url: '/api/v1/pki/certificates' })).statusCode).toBe(
      200,
    );

    const signedBefore = await download(
      galieva,
      `/api/v1/documents/${doc.id}/signatures/${before.body.id}/content`,
    );

    // Her key, taken out as a stolen token would be: after the revocation it signs, dated an hour back.
    const installation = await pkiOf(t).ready();
    const row = await t.database.system
      .selectFrom('signingCertificates')
      .select(['keyEnvelope', 'certificate'])
      .where('id', '=', mine.certificate.id)
      .executeTakeFirstOrThrow();
    const keyPem = String(
      await openWithPin(
        installation.masterKey,
        DEMO_PIN,
        row.keyEnvelope,
        employeeKeyAad(mine.certificate.serialNumber),
      ),
    );
    const content = new TextEncoder().encode('Ответ на обращение № 7');
    const signAt = (signingTime: Date) =>
      signCms({
        provider: pkiOf(t).provider,
        content,
        signerCertificate: row.certificate,
        privateKey: keyPem,
        signingTime,
      });

    // The CRL dates a revocation to the second, rounded down: a signature stored within the same second
    // as the revocation is taken as made after it. Revoke in the next second.
    await new Promise((resolve) => setTimeout(resolve, 1010 - (Date.now() % 1000)));
    const res = await operator.request({ method: 'POST', url, payload: { reason: 'Увольнение сотрудника' } });
    expect(res.statusCode).toBe(200);

    // 63-ФЗ art. 11: the signature the system stored before the revocation stays valid, judged at the
    // time the system recorded it, on the public page as in the workplace.
    const stored = (await verifyPublic(t, content, signedBefore)).body.report;
    expect(stored).toMatchObject({
      status: 'valid',
      valid: true,
      checks: { revocation: 'good' },
      referenceTime: {
        source: 'stored',
        description:
          'Сертификат проверен на момент сохранения подписи в системе (время записано системой и отражено в журнале)',
      },
      signingTimeNote: 'Время подписи указано подписавшим и не подтверждено штампом времени',
    });
    const storedRow = await t.database.system
      .selectFrom('documentSignatures')
      .select('createdAt')
      .where('id', '=', before.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.referenceTime.at).toBe(storedRow.createdAt.toISOString());
    expect((await details(galieva, doc.id)).signatures[0]?.report).toMatchObject({
      status: 'valid',
      referenceTime: { source: 'stored', at: storedRow.createdAt.toISOString() },
    });

    // Backdated to an hour before the revocation: the claimed time is not trusted, it is judged now.
    const backdated = await signAt(new Date(Date.now() - 3_600_000));
    expect((await verifyPublic(t, content, backdated.der)).body.report).toMatchObject({
      status: 'invalid',
      valid: false,
      reason: 'revoked',
      summary: 'Сертификат подписанта отозван',
      checks: { revocation: 'revoked' },
      referenceTime: {
        source: 'verification',
        description:
          'Сертификат проверен на момент проверки: подпись создана не в системе и не содержит штампа времени',
      },
      signingTimeNote: 'Время подписи указано подписавшим и не подтверждено штампом времени',
    });
    const later = await signAt(new Date());
    expect((await verifyPublic(t, content, later.der)).body.report).toMatchObject({
      valid: false,
      reason: 'revoked',
    });

    const crlResponse = await t.app.inject({ method: 'GET', url: '/api/v1/pki/crl' });
    expect(crlResponse.statusCode).toBe(200);
    expect(crlResponse.headers['content-type']).toBe('application/pkix-crl');
    const crl = CertificateRevocationList.fromBER(new Uint8Array(crlResponse.rawPayload));
    const serials = (crl.revokedCertificates ?? []).map((r) =>
      Buffer.from(r.userCertificate.valueBlock.valueHexView).toString('hex').toUpperCase(),
    );
    expect(serials).toContain(mine.certificate.serialNumber);

    const after = await sign(galieva, doc.id, DEMO_PIN);
    expect(after.statusCode).toBe(409);
    expect(after.body.code).toBe('no_signing_certificate');

    const journal = (
      await operator.request({
        method: 'GET',
        url: `/api/v1/journal?objectType=signing_certificate&objectId=${mine.certificate.id}`,
      })
    ).json() as { items: Array<{ action: string; actionTitle: string; payload: { reason?: string } }> };
    expect(journal.items[0]).toMatchObject({
      action: 'signing_certificate.revoked',
      actionTitle: 'Отзыв сертификата электронной подписи',
      payload: { reason: 'Увольнение сотрудника' },
    });
  });

  it('trust store: the installation CA by default; the installation administrator adds a real root as PEM and removes it, both journaled', async () => {
    const list = async () =>
      (await operator.request({ method: 'GET', url: '/api/v1/pki/trusted-roots' })).json() as TrustedRoot[];
    const initial = await list();
    expect(initial).toHaveLength(1);
    expect(initial[0]).toMatchObject({ installationCa: true });

    // Another CA (think: the Ministry's head CA) and a signer under it.
    const provider = pkiOf(t).provider;
    const foreign = await createTestRootCa({
      provider,
      subject: { commonName: 'Головной удостоверяющий центр (тест)', country: 'RU' },
    });
    const signer = await makeSigner(provider, foreign);
    const content = new TextEncoder().encode('Выписка из ЕГРН');
    const { der } = await signCms({
      provider,
      content,
      signerCertificate: signer.certificate,
      privateKey: signer.privateKeyPem,
    });
    expect((await verifyPublic(t, content, der)).body.report).toMatchObject({
      valid: false,
      reason: 'untrusted_root',
    });

    // Kazan's technical operator is the demo installation administrator (installation-trust.test.ts).
    const admin = techOperator;
    const added = await admin.request({
      method: 'POST',
      url: '/api/v1/pki/trusted-roots',
      payload: { pem: foreign.certificatePem },
    });
    expect(added.statusCode).toBe(201);
    const root = added.json() as TrustedRoot;
    expect(root.subject).toBe('Головной удостоверяющий центр (тест)');
    const duplicate = await admin.request({
      method: 'POST',
      url: '/api/v1/pki/trusted-roots',
      payload: { pem: foreign.certificatePem },
    });
    expect(duplicate.statusCode).toBe(409);
    // Trusted now, but this installation has no CRL of that CA: the revocation status is unknown, so
    // the answer is indeterminate, not valid.
    expect((await verifyPublic(t, content, der)).body.report).toMatchObject({
      status: 'indeterminate',
      valid: false,
      reason: 'revocation_unknown',
      failures: [],
      chain: ['Иванова Мария Петровна', 'Головной удостоверяющий центр (тест)'],
      checks: { digest: true, signature: true, chain: true, validity: true, revocation: 'not_checked' },
    });

    const notCa = await admin.request({
      method: 'POST',
      url: '/api/v1/pki/trusted-roots',
      payload: { pem: signer.certificatePem },
    });
    expect(notCa.statusCode).toBe(400);
    expect((notCa.json() as ErrorBody).fields?.[0]?.message).toBe(
      'Сертификат (PEM): это не сертификат удостоверяющего центра',
    );
    const garbage = await admin.request({
      method: 'POST',
      url: '/api/v1/pki/trusted-roots',
      payload: { pem: 'не сертификат' },
    });
    expect(garbage.statusCode).toBe(400);
    expect(
      (
        await operator.request({
          method: 'POST',
          url: '/api/v1/pki/trusted-roots',
          payload: { pem: foreign.certificatePem },
        })
      ).statusCode,
    ).toBe(403);

    const removed = await admin.request({ method: 'DELETE', url: `/api/v1/pki/trusted-roots/${root.id}` });
    expect(removed.statusCode).toBe(204);
    expect(
      (await admin.request({ method: 'DELETE', url: `/api/v1/pki/trusted-roots/${root.id}` })).statusCode,
    ).toBe(404);
    expect((await list()).map((r) => r.id)).not.toContain(root.id);
    expect((await verifyPublic(t, content, der)).body.report.reason).toBe('untrusted_root');

    const journal = (
      await operator.request({
        method: 'GET',
        url: `/api/v1/journal?objectType=trusted_root&objectId=${root.id}`,
      })
    ).json() as { items: Array<{ action: string }> };
    expect(journal.items.map((i) => i.action)).toEqual(['trusted_root.removed', 'trusted_root.added']);
  });

  it('the installation CA’s CRL is re-issued when stale, so its certificates never go unchecked', async () => {
    const installation = await pkiOf(t).ready();
    const provider = pkiOf(t).provider;
    const signer = await makeSigner(provider, installation.ca);
    const content = new TextEncoder().encode('Уведомление о продлении срока');
    const { der } = await signCms({
      provider,
      content,
      signerCertificate: signer.certificate,
      privateKey: signer.privateKeyPem,
    });
    await sql`update pki_crls set next_update = now() - interval '1 hour'`.execute(t.database.system);
    const before = await t.database.system.selectFrom('pkiCrls').select('crlNumber').execute();
    expect((await verifyPublic(t, content, der)).body.report).toMatchObject({
      status: 'valid',
      checks: { revocation: 'good' },
    });
    const after = await t.database.system.selectFrom('pkiCrls').select('crlNumber').execute();
    expect(after.length).toBe(before.length + 1);
  });

  it('system information names the running crypto provider and the database engine', async () => {
    const res = await techOperator.request({ method: 'GET', url: '/api/v1/system/info' });
    expect(res.statusCode).toBe(200);
    const info = res.json() as { cryptoProvider: string; enginePath: string | null; database: string };
    const provider = pkiOf(t).provider.name;
    expect(info).toMatchObject({ cryptoProvider: provider, database: t.database.engine });
    expect(info.enginePath).toBe(
      provider === 'native' ? '/usr/lib/x86_64-linux-gnu/engines-3/gost.so' : null,
    );
    expect((await galieva.request({ method: 'GET', url: '/api/v1/system/info' })).statusCode).toBe(403);
  });
});
