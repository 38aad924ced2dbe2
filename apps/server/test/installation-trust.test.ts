import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Employee, JournalEntry, JournalPage, TrustedRoot } from '@uslugi/contracts';
import { DEMO_PIN, issueDemoCertificates } from '../src/demo/certificates.js';
import { inTenant } from '../src/db/tenant.js';
import { signCms } from '../src/platform/crypto/cms.js';
import { makeSigner } from './support/crypto/fixtures.js';
import { createTestRootCa } from '../src/platform/crypto/pki.js';
import { CMS_FAILURES } from '../src/platform/crypto/verification-reasons.js';
import { signInAs, testApp, type Agent, type TestApp } from './harness.js';
import { pkiOf, sign, upload, verifyPublic, type ErrorBody } from './signatures-helpers.js';

/**
 * The trust store is the whole installation's. Only an installation
 * administrator changes it, the installation CA never leaves it, every municipality's journal shows
 * each change, and a signature that fails its own check is never stored.
 */
describe('the installation-wide trust store', () => {
  let t: TestApp;
  /** Kazan's operator: a municipality's administrator, not the installation's. */
  let kazanOperator: Agent;
  /** Kazan's technical operator (МКУ «УИТиС»): also the installation administrator in the demo. */
  let installationAdmin: Agent;
  let shumikhaOperator: Agent;
  let shumikhaHead: Agent;
  let shumikhaEmployee: Agent;
  let galieva: Agent;

  const journal = async (agent: Agent, query: string): Promise<JournalEntry[]> => {
    const res = await agent.request({ method: 'GET', url: `/api/v1/journal?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as JournalPage).items;
  };
  const roots = async (agent: Agent) =>
    (await agent.request({ method: 'GET', url: '/api/v1/pki/trusted-roots' })).json() as TrustedRoot[];
  const installationCaOf = async (agent: Agent) => {
    const ca = (await roots(agent)).find((r) => r.installationCa);
    if (!ca) throw new Error('the installation CA is not trusted');
    return ca;
  };

  beforeAll(async () => {
    t = await testApp();
    await issueDemoCertificates(t.database, pkiOf(t), { lastNames: ['Иванова', 'Галиева'] });
    kazanOperator = await signInAs(t, 'Хасанова');
    installationAdmin = await signInAs(t, 'Закиров');
    shumikhaOperator = await signInAs(t, 'Кузнецова');
    shumikhaHead = await signInAs(t, 'Соколов');
    shumikhaEmployee = await signInAs(t, 'Иванова');
    galieva = await signInAs(t, 'Галиева');
  });
  afterAll(() => t.close());

  it('the reviewer’s attack: nobody removes the installation CA, and Shumikha still signs', async () => {
    const ca = await installationCaOf(kazanOperator);

    // A municipality's operator does not administer the installation.
    const byOperator = await kazanOperator.request({
      method: 'DELETE',
      url: `/api/v1/pki/trusted-roots/${ca.id}`,
    });
    expect(byOperator.statusCode).toBe(403);
    expect((byOperator.json() as ErrorBody).code).toBe('forbidden');

    // Nor does the installation administrator remove the installation's own CA.
    const byAdmin = await installationAdmin.request({
      method: 'DELETE',
      url: `/api/v1/pki/trusted-roots/${ca.id}`,
    });
    expect(byAdmin.statusCode).toBe(409);
    expect(byAdmin.json()).toMatchObject({
      code: 'installation_ca_protected',
      message: expect.stringMatching(/^Удостоверяющий центр установки нельзя исключить/) as string,
    });

    expect((await roots(shumikhaOperator)).map((r) => r.id)).toContain(ca.id);
    const document = await upload(shumikhaEmployee, 'Постановление', 'О присвоении адреса');
    const signed = await sign(shumikhaEmployee, document.id, DEMO_PIN);
    expect(signed.statusCode, JSON.stringify(signed.body)).toBe(201);
    expect(signed.body.report).toMatchObject({ valid: true, status: 'valid' });
    expect(await journal(shumikhaOperator, 'objectType=trusted_root')).toEqual([]);
  });

  it('module code cannot remove or alter the installation CA either: the database refuses', async () => {
    const ca = await installationCaOf(kazanOperator);
    await expect(
      inTenant(t.database, kazanOperator.municipalityId, (tx) =>
        tx.updateTable('pkiTrustedRoots').set({ removedAt: new Date() }).where('id', '=', ca.id).execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      inTenant(t.database, kazanOperator.municipalityId, (tx) =>
        tx.updateTable('pkiTrustedRoots').set({ installationCa: false }).where('id', '=', ca.id).execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    expect(await installationCaOf(kazanOperator)).toMatchObject({ id: ca.id, installationCa: true });
  });

  it('the installation administrator adds and removes a root; every municipality’s journal shows both', async () => {
    const provider = pkiOf(t).provider;
    const foreign = await createTestRootCa({
      provider,
      subject: { commonName: 'Головной удостоверяющий центр (тест)', country: 'RU' },
    });

    const byOperator = await kazanOperator.request({
      method: 'POST',
      url: '/api/v1/pki/trusted-roots',
      payload: { pem: foreign.certificatePem },
    });
    expect(byOperator.statusCode).toBe(403);

    const added = await installationAdmin.request({
      method: 'POST',
      url: '/api/v1/pki/trusted-roots',
      payload: { pem: foreign.certificatePem },
    });
    expect(added.statusCode, added.body).toBe(201);
    const root = added.json() as TrustedRoot;
    expect(root.installationCa).toBe(false);

    const removeByOperator = await kazanOperator.request({
      method: 'DELETE',
      url: `/api/v1/pki/trusted-roots/${root.id}`,
    });
    expect(removeByOperator.statusCode).toBe(403);
    expect((await roots(kazanOperator)).map((r) => r.id)).toContain(root.id);

    const removed = await installationAdmin.request({
      method: 'DELETE',
      url: `/api/v1/pki/trusted-roots/${root.id}`,
    });
    expect(removed.statusCode).toBe(204);

    // A signature under the removed root is refused again.
    const signer = await makeSigner(provider, foreign);
    const content = new TextEncoder().encode('Выписка');
    const { der } = await signCms({
      provider,
      content,
      signerCertificate: signer.certificate,
      privateKey: signer.privateKeyPem,
    });
    expect((await verifyPublic(t, content, der)).body.report.reason).toBe('untrusted_root');

    // Kazan (where the administrator works) and Shumikha (which had no say) both see both changes.
    const kazanName = 'Исполнительный комитет муниципального образования г. Казани';
    for (const reader of [kazanOperator, shumikhaOperator, shumikhaHead]) {
      const items = await journal(reader, `objectType=trusted_root&objectId=${root.id}`);
      expect(items.map((i) => i.action)).toEqual(['trusted_root.removed', 'trusted_root.added']);
      for (const item of items) {
        expect(item).toMatchObject({
          actorName: 'Закиров Айдар Ильдарович',
          actorId: installationAdmin.employeeId,
          objectTypeTitle: 'Доверенный удостоверяющий центр',
          payload: {
            installationWide: true,
            subject: 'Головной удостоверяющий центр (тест)',
            by: {
              employeeId: installationAdmin.employeeId,
              fullName: 'Закиров Айдар Ильдарович',
              municipalityId: installationAdmin.municipalityId,
              municipalityName: kazanName,
            },
          },
        });
      }
      expect(items[0]?.actionTitle).toBe(
        'Исключение доверенного удостоверяющего центра (для всей установки)',
      );
    }
    // One entry per municipality, in each one's own journal.
    const entries = await t.database.system
      .selectFrom('journalEntries')
      .select(['municipalityId', 'action'])
      .where('objectType', '=', 'trusted_root')
      .where('objectId', '=', root.id)
      .execute();
    const municipalities = await t.database.system.selectFrom('municipalities').select('id').execute();
    expect(entries).toHaveLength(2 * municipalities.length);
    expect(new Set(entries.map((e) => e.municipalityId)).size).toBe(municipalities.length);
  });

  it('a municipality’s operator neither grants nor takes away the installation administrator role', async () => {
    const find = async (agent: Agent, q: string) =>
      (
        (
          await agent.request({ method: 'GET', url: `/api/v1/employees?q=${encodeURIComponent(q)}` })
        ).json() as Employee[]
      )[0]!;
    const petrov = await find(kazanOperator, 'Петров');
    const setRoles = (agent: Agent, roles: string[]) =>
      agent.request({ method: 'PUT', url: `/api/v1/employees/${petrov.id}/roles`, payload: { roles } });

    const grantByOperator = await setRoles(kazanOperator, ['employee', 'installation_admin']);
    expect(grantByOperator.statusCode).toBe(403);
    expect(grantByOperator.json()).toMatchObject({
      code: 'installation_role_reserved',
      message: expect.stringMatching(/Администратор установки/) as string,
    });
    expect((await find(kazanOperator, 'Петров')).roles).toEqual(['employee']);

    // Nor through a new employee's roles.
    const created = await kazanOperator.request({
      method: 'POST',
      url: '/api/v1/employees',
      payload: {
        lastName: 'Ахметов',
        firstName: 'Ильнур',
        snils: '234-567-890 99',
        email: 'i.akhmetov@demo.kzn.local',
        roles: ['employee', 'installation_admin'],
      },
    });
    expect(created.statusCode, created.body).toBe(403);
    expect((created.json() as ErrorBody).code).toBe('installation_role_reserved');

    // The installation administrator grants it through the same endpoint…
    const granted = await setRoles(installationAdmin, ['employee', 'installation_admin']);
    expect(granted.statusCode, granted.body).toBe(200);
    expect((granted.json() as Employee).roles).toEqual(['employee', 'installation_admin']);
    // …but does not assign a municipality's roles.
    const otherRoles = await setRoles(installationAdmin, ['employee', 'head', 'installation_admin']);
    expect(otherRoles.statusCode).toBe(403);
    expect((otherRoles.json() as ErrorBody).code).toBe('forbidden');

    // The operator keeps managing the municipality's roles of the same person, the role stays.
    const keep = await setRoles(kazanOperator, ['employee', 'head', 'installation_admin']);
    expect(keep.statusCode, keep.body).toBe(200);
    const revokeByOperator = await setRoles(kazanOperator, ['employee', 'head']);
    expect(revokeByOperator.statusCode).toBe(403);
    expect((revokeByOperator.json() as ErrorBody).code).toBe('installation_role_reserved');
    expect((await find(kazanOperator, 'Петров')).roles).toEqual(['employee', 'head', 'installation_admin']);

    const revoked = await setRoles(installationAdmin, ['employee', 'head']);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((revoked.json() as Employee).roles).toEqual(['employee', 'head']);

    // Who administers the installation is every municipality's business.
    for (const reader of [kazanOperator, shumikhaOperator]) {
      const items = await journal(reader, `objectType=installation_admin&objectId=${petrov.id}`);
      expect(items.map((i) => i.action)).toEqual([
        'installation_admin.revoked',
        'installation_admin.granted',
      ]);
      expect(items[1]).toMatchObject({
        actionTitle: 'Назначение администратора установки',
        actorName: 'Закиров Айдар Ильдарович',
        payload: { installationWide: true, employee: { fullName: 'Петров Андрей Сергеевич' } },
      });
    }
  });

  it('a signature that fails its own verification is not stored: the signer gets the reason, the journal the attempt', async () => {
    const document = await upload(galieva, 'Разрешение', 'Разрешение на строительство № 7');
    // An attacker with database access takes the installation CA out of the trust store.
    await t.database.system
      .updateTable('pkiTrustedRoots')
      .set({ removedAt: new Date() })
      .where('installationCa', '=', true)
      .execute();
    try {
      const failed = await sign(galieva, document.id, DEMO_PIN);
      expect(failed.statusCode).toBe(409);
      expect(failed.body).toMatchObject({
        code: 'signature_not_verified',
        message: expect.stringMatching(/^Документ не подписан/) as string,
        fields: [{ path: 'signature', message: CMS_FAILURES.untrusted_root }],
      });
      const stored = await t.database.system
        .selectFrom('documentSignatures')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('documentId', '=', document.id)
        .executeTakeFirstOrThrow();
      expect(stored.n).toBe(0);
      const items = await journal(kazanOperator, `objectType=document&objectId=${document.id}`);
      expect(items[0]).toMatchObject({
        action: 'document.sign_failed',
        actionTitle: 'Подпись документа не создана: подпись не прошла проверку',
        actorId: galieva.employeeId,
        payload: { status: 'invalid', reason: 'untrusted_root', reasons: ['untrusted_root'] },
      });
      expect(items.map((i) => i.action)).not.toContain('document.signed');
    } finally {
      await t.database.system
        .updateTable('pkiTrustedRoots')
        .set({ removedAt: null })
        .where('installationCa', '=', true)
        .execute();
    }
    const signed = await sign(galieva, document.id, DEMO_PIN);
    expect(signed.statusCode, JSON.stringify(signed.body)).toBe(201);
    expect(signed.body.report.valid).toBe(true);
  });
});
