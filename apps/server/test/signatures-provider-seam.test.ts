import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PIN, issueDemoCertificates } from '../src/demo/certificates.js';
import { seedDemoData } from '../src/demo/seed.js';
import { uploadDocument } from '../src/modules/documents/upload-document.js';
import { signDocument } from '../src/modules/documents/sign-document.js';
import { systemClock } from '../src/platform/clock.js';
import type { CommandContext } from '../src/platform/commands.js';
import { selectProvider, type GostProvider, type PrivateKeyInput } from '../src/platform/crypto/provider.js';
import { localFileStore } from '../src/platform/files/file-store.js';
import { sealJournal } from '../src/platform/journal/seal.js';
import { verifyJournal } from '../src/platform/journal/verify.js';
import { Pki } from '../src/platform/pki/installation.js';
import { sealSigner } from '../src/platform/pki/seal-signer.js';
import { testDatabase, type TestDatabase } from './harness.js';

/**
 * The certified-provider seam (docs/protocols/signatures.md §3): a provider whose keys never leave it (a token,
 * an HSM) hands out `{ keyId }` handles. The PKI stores, opens and passes those on unchanged: the CA,
 * the system key, employees' keys, signing and journal seals all work with no PKI code aware of it.
 */
function tokenProvider(inner: GostProvider) {
  const keys = new Map<string, string>();
  const seen: PrivateKeyInput[] = [];
  const provider: GostProvider = {
    name: 'token',
    signTool: 'Тестовый токен (не СКЗИ)',
    digest: (alg, data) => inner.digest(alg, data),
    verify: (publicKey, data, signature) => inner.verify(publicKey, data, signature),
    async generateKeyPair(paramSet) {
      const made = await inner.generateKeyPair(paramSet);
      const keyId = randomUUID();
      keys.set(keyId, made.privateKeyPem);
      // A token has no PEM to give (the field is kept for the ESIA client-key code, see GostKeyPair).
      return { ...made, privateKey: { keyId }, privateKeyPem: '' };
    },
    async sign(privateKey, data, alg) {
      seen.push(privateKey);
      if (typeof privateKey === 'string' || privateKey instanceof Uint8Array) {
        throw new Error('the token was handed key material');
      }
      const pem = keys.get(privateKey.keyId);
      if (!pem) throw new Error(`no key ${privateKey.keyId} in the token`);
      return inner.sign(pem, data, alg);
    },
  };
  return { provider, seen };
}

describe('a provider with { keyId } keys needs no change in the PKI', () => {
  let database: TestDatabase;
  let scratch: string;
  const token = tokenProvider(selectProvider());
  const keyEncryptionKey = randomBytes(32).toString('base64');
  const pkiOn = () =>
    new Pki({ database, config: { secretsDir: scratch, keyEncryptionKey }, provider: token.provider });

  beforeAll(async () => {
    database = await testDatabase();
    await seedDemoData(database);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'uslugi-token-'));
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('keeps the handles, issues, signs a document and seals the journal through the token', async () => {
    const pki = pkiOn();
    const installation = await pki.ready();
    expect(installation.ca.privateKey).toEqual({ keyId: expect.any(String) as string });
    // A second process opens the envelopes: the same handles come back.
    const again = await pkiOn().ready();
    expect(again.ca.privateKey).toEqual(installation.ca.privateKey);
    expect(again.systemSigner.privateKey).toEqual(installation.systemSigner.privateKey);

    expect(await issueDemoCertificates(database, pki, { lastNames: ['Никитина'] })).toBe(1);
    const employee = await database.system
      .selectFrom('employees')
      .select(['id', 'municipalityId', 'snils'])
      .where('lastName', '=', 'Никитина')
      .executeTakeFirstOrThrow();
    const ctx: CommandContext = {
      database,
      municipalityId: employee.municipalityId,
      actor: { type: 'employee', id: employee.id, name: 'Никитина Елена Викторовна' },
      // As if she signed in through ESIA: her key opens only under the СНИЛС her certificate names.
      esiaSnils: employee.snils,
    };
    const files = localFileStore(path.join(scratch, 'files'));
    const text = 'Распоряжение о присвоении адреса № 3';
    const document = await uploadDocument(
      ctx,
      { files, provider: pki.provider, clock: systemClock, quotaBytesPerDay: 1024 * 1024 },
      {
        title: 'Распоряжение',
        fileName: 'r.txt',
        mediaType: 'text/plain',
        content: Buffer.from(text).toString('base64'),
      },
    );
    const signature = await signDocument(ctx, { pki, files }, document.id, DEMO_PIN);
    expect(signature.report).toMatchObject({
      status: 'valid',
      signer: { fullName: 'Никитина Елена Викторовна' },
    });

    expect((await sealJournal(database, sealSigner(pki.provider, installation)))?.signed).toBe(true);
    const trust = { signatures: { provider: pki.provider, trustedRoots: [installation.ca.certificate] } };
    expect(await verifyJournal(database, trust)).toMatchObject({ ok: true, signedSeals: 1 });

    // Every key the PKI handed to the provider was a handle, never key material.
    expect(token.seen.length).toBeGreaterThan(3);
    expect(token.seen.every((key) => typeof key === 'object' && 'keyId' in key)).toBe(true);
  });
});
