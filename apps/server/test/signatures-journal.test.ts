import { tamper } from './support/journal.js';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { inTenant } from '../src/db/tenant.js';
import { seedDemoData } from '../src/demo/seed.js';
import { signCms } from '../src/platform/crypto/cms.js';
import { makeSigner } from './support/crypto/fixtures.js';
import { createTestRootCa } from '../src/platform/crypto/pki.js';
import { platformJobs } from '../src/platform/jobs/handlers.js';
import { appendJournal, SYSTEM_ACTOR } from '../src/platform/journal/append.js';
import { sealJournal } from '../src/platform/journal/seal.js';
import { verifyJournal } from '../src/platform/journal/verify.js';
import { Pki, type Installation } from '../src/platform/pki/installation.js';
import { testDatabase, type TestDatabase } from './harness.js';

/** Journal heads signed with the system's GOST key (issue 5, point 5), and journal:verify checking them. */
describe('signed journal seals', () => {
  let database: TestDatabase;
  let pki: Pki;
  let installation: Installation;
  let secretsDir: string;
  const keyEncryptionKey = randomBytes(32).toString('base64');

  beforeAll(async () => {
    database = await testDatabase();
    await seedDemoData(database);
    secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uslugi-seal-'));
    pki = new Pki({ database, config: { secretsDir, keyEncryptionKey } });
    installation = await pki.ready();
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(secretsDir, { recursive: true, force: true });
  });

  const trust = () => ({
    signatures: { provider: pki.provider, trustedRoots: [installation.ca.certificate] },
  });

  async function touch(objectId: string) {
    const { id } = await database.system
      .selectFrom('municipalities')
      .select('id')
      .orderBy('name')
      .executeTakeFirstOrThrow();
    await inTenant(database, id, (tx) =>
      appendJournal(tx, {
        municipalityId: id,
        actor: SYSTEM_ACTOR,
        action: 'test.touched',
        objectType: 'test',
        objectId,
        payload: {},
      }),
    );
  }

  it('the sealing job signs each seal; journal verification checks the signatures', async () => {
    const config = { ...loadConfig({ NODE_ENV: 'test' }), secretsDir, keyEncryptionKey };
    const jobs = platformJobs(database, config, pino({ level: 'silent' }), pki);
    const seal = () =>
      jobs.handlers['journal.seal']!({
        id: 0,
        queue: 'journal.seal',
        payload: {},
        attempts: 1,
        maxAttempts: 3,
      });
    await seal();
    await touch('a');
    await seal();
    const seals = await database.system.selectFrom('journalSeals').selectAll().orderBy('id').execute();
    expect(seals).toHaveLength(2);
    for (const seal of seals) {
      expect(seal.signature?.[0]).toBe(0x30);
      expect(
        Buffer.from(seal.signerCertificate!).equals(Buffer.from(installation.systemSigner.certificate)),
      ).toBe(true);
    }
    expect(await verifyJournal(database, trust())).toMatchObject({ ok: true, seals: 2, signedSeals: 2 });
    // Without options: the process's provider and the CA certificate kept in the database.
    expect(await verifyJournal(database)).toMatchObject({ ok: true, signedSeals: 2 });
  });

  it('names the seal whose signature was replaced by one of another key', async () => {
    const [first] = await database.system.selectFrom('journalSeals').selectAll().orderBy('id').execute();
    const intruderCa = await createTestRootCa({
      provider: pki.provider,
      subject: { commonName: 'Злоумышленник', country: 'RU' },
    });
    const intruder = await makeSigner(pki.provider, intruderCa);
    const forged = await signCms({
      provider: pki.provider,
      content: new TextEncoder().encode(first!.sealHash),
      signerCertificate: intruder.certificate,
      privateKey: intruder.privateKeyPem,
    });
    const original = first!.signature!;
    await tamper(
      database,
      sql`update journal_seals set signature = ${Buffer.from(forged.der)} where id = ${first!.id}`,
    );
    const report = await verifyJournal(database, trust());
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ kind: 'seal', id: first!.id });
    expect(report.firstBroken?.reason).toBe(
      'подпись печати недействительна: Сертификат выдан удостоверяющим центром, которому система не доверяет',
    );
    await tamper(
      database,
      sql`update journal_seals set signature = ${Buffer.from(original)} where id = ${first!.id}`,
    );
    expect((await verifyJournal(database, trust())).ok).toBe(true);
  });

  it('an unsigned seal after signed ones is a break', async () => {
    await touch('b');
    const unsigned = await sealJournal(database);
    expect(unsigned?.signed).toBe(false);
    const report = await verifyJournal(database, trust());
    expect(report.firstBroken).toMatchObject({ kind: 'seal', id: unsigned!.sealId });
    expect(report.firstBroken?.reason).toMatch(
      new RegExp(`^печать № ${unsigned!.sealId} не подписана, хотя сделана после создания ключа системы`),
    );
  });

  it('stripping every signature, even with the key’s created_at moved forward, is a break naming the first seal', async () => {
    const [first] = await database.system.selectFrom('journalSeals').select('id').orderBy('id').execute();
    await tamper(database, sql`update journal_seals set signature = null, signer_certificate = null`);
    await sql`update pki_installation_keys set created_at = now() + interval '1 year'`.execute(
      database.system,
    );
    for (const options of [trust(), {}]) {
      const report = await verifyJournal(database, options);
      expect(report).toMatchObject({
        ok: false,
        signedSeals: 0,
        firstBroken: { kind: 'seal', id: first!.id },
      });
      expect(report.firstBroken?.reason).toMatch(/не подписана, хотя сделана после создания ключа системы/);
    }
  });

  it('a CA certificate swapped in the database does not open with the master key', async () => {
    const intruderCa = await createTestRootCa({
      provider: pki.provider,
      subject: { commonName: 'Подменённый УЦ', country: 'RU' },
    });
    await sql`update pki_installation_keys set certificate = ${Buffer.from(intruderCa.certificate)}
      where purpose = 'ca'`.execute(database.system);
    await expect(new Pki({ database, config: { secretsDir, keyEncryptionKey } }).existing()).rejects.toThrow(
      /master key does not open/,
    );
  });
});

describe('journal seals before the system key existed', () => {
  it('an unsigned seal from before the key is fine; the first one after it must be signed', async () => {
    const database = await testDatabase();
    const secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uslugi-seal-'));
    try {
      await seedDemoData(database);
      const early = await sealJournal(database);
      expect(early?.signed).toBe(false);
      // The key's creation is known to the second (its certificate's notBefore): make it a second later.
      await new Promise((resolve) => setTimeout(resolve, 1010 - (Date.now() % 1000)));
      const pki = new Pki({
        database,
        config: { secretsDir, keyEncryptionKey: randomBytes(32).toString('base64') },
      });
      const installation = await pki.ready();
      const trust = { signatures: { provider: pki.provider, trustedRoots: [installation.ca.certificate] } };
      expect(await verifyJournal(database, trust)).toMatchObject({ ok: true, seals: 1, signedSeals: 0 });

      const municipalityId = (
        await database.system.selectFrom('municipalities').select('id').executeTakeFirstOrThrow()
      ).id;
      await inTenant(database, municipalityId, (tx) =>
        appendJournal(tx, {
          municipalityId,
          actor: SYSTEM_ACTOR,
          action: 'test.touched',
          objectType: 'test',
          objectId: 'late',
          payload: {},
        }),
      );
      // No signed seal before it: only the key's creation makes it a break.
      const late = await sealJournal(database);
      const report = await verifyJournal(database, trust);
      expect(report).toMatchObject({ ok: false, firstBroken: { kind: 'seal', id: late!.sealId } });
      expect(report.firstBroken?.reason).toMatch(
        new RegExp(`^печать № ${late!.sealId} не подписана, хотя сделана после создания ключа системы`),
      );
    } finally {
      await database.close();
      fs.rmSync(secretsDir, { recursive: true, force: true });
    }
  });
});
