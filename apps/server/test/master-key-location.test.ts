import { createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { DEMO_PIN, issueDemoCertificates } from '../src/demo/certificates.js';
import { seedDemoData } from '../src/demo/seed.js';
import { employeeKeyAad } from '../src/modules/signing/certificates.js';
import { Pki } from '../src/platform/pki/installation.js';
import { openWithPin, type PinEnvelope } from '../src/platform/pki/key-envelopes.js';
import { MasterKeyError, moveKeyFile } from '../src/platform/pki/master-key.js';
import { testDatabase } from './harness.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'uslugi-secrets-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const keyConfig = (config: ReturnType<typeof loadConfig>) => ({
  secretsDir: config.secretsDir,
  legacySecretsDir: config.legacySecretsDir,
  keyEncryptionKey: undefined,
});

/** Every file named master.key under `dir`. */
function keyFilesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'master.key')
    .map((e) => path.join(e.parentPath, e.name));
}

describe('where the master key lives', () => {
  it('by default outside the data directory, in ./.secrets of the directory the command runs in', () => {
    const embedded = loadConfig({ DATA_DIR: '/srv/uslugi/db', INIT_CWD: '/home/op' });
    expect(embedded.secretsDir).toBe('/home/op/.secrets');
    expect(embedded.legacySecretsDir).toBe('/srv/uslugi/db/secrets');
    const server = loadConfig({ DATABASE_URL: 'postgres://db/uslugi', INIT_CWD: '/home/op' });
    expect(server.secretsDir).toBe('/home/op/.secrets');
    expect(server.legacySecretsDir).toBeUndefined();
    expect(loadConfig({ SECRETS_DIR: '/etc/uslugi', INIT_CWD: '/home/op' }).secretsDir).toBe('/etc/uslugi');
  });

  it(
    'a copy of DATA_DIR alone opens no key and allows no offline PIN search',
    { timeout: 180_000 },
    async () => {
      // An installation as `npm start` makes it, run from `site`: the database, the CA, a signing key.
      const site = path.join(root, 'site');
      const config = loadConfig({ DATA_DIR: path.join(site, '.data'), INIT_CWD: site });
      const original = await openDatabase({ dataDir: config.dataDir, lock: false });
      let envelope: PinEnvelope;
      let serial: string;
      try {
        await migrate(original);
        await seedDemoData(original);
        const pki = new Pki({ database: original, config: keyConfig(config) });
        await pki.ready();
        await issueDemoCertificates(original, pki, { lastNames: ['Галиева'] });
        const row = await original.system
          .selectFrom('signingCertificates')
          .select(['keyEnvelope', 'serialNumber'])
          .executeTakeFirstOrThrow();
        envelope = row.keyEnvelope as PinEnvelope;
        serial = row.serialNumber;
      } finally {
        await original.close();
      }
      expect(keyFilesUnder(config.dataDir)).toEqual([]);
      const masterKey = Buffer.from(
        fs.readFileSync(path.join(site, '.secrets', 'master.key'), 'utf8').trim(),
        'base64',
      );

      // The thief's copy: the data directory only, started somewhere else.
      const elsewhere = path.join(root, 'elsewhere');
      const copied = loadConfig({ DATA_DIR: path.join(elsewhere, 'stolen'), INIT_CWD: elsewhere });
      fs.cpSync(config.dataDir, copied.dataDir, { recursive: true });
      const copy = await openDatabase({ dataDir: copied.dataDir, lock: false });
      try {
        const attempt = new Pki({ database: copy, config: keyConfig(copied) }).ready();
        await expect(attempt).rejects.toThrow(MasterKeyError);
        await expect(attempt).rejects.toThrow(/зашифрованы мастер-ключом, а его нет/);
        expect(fs.existsSync(path.join(elsewhere, '.secrets', 'master.key'))).toBe(false);
      } finally {
        await copy.close();
      }

      // The PIN layer lies inside the master-key layer: even the right PIN cannot be confirmed.
      const aad = employeeKeyAad(serial);
      await expect(openWithPin(randomBytes(32), DEMO_PIN, envelope, aad)).rejects.toThrow(/master key/);
      const pinKey = scryptSync(DEMO_PIN, Buffer.from(envelope.kdf.salt, 'base64'), 32, {
        N: envelope.kdf.n,
        r: envelope.kdf.r,
        p: envelope.kdf.p,
        maxmem: 256 * envelope.kdf.n * envelope.kdf.r,
      });
      const decipher = createDecipheriv('aes-256-gcm', pinKey, Buffer.from(envelope.pin.iv, 'base64'));
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(Buffer.from(envelope.pin.tag, 'base64'));
      expect(() =>
        Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]),
      ).toThrow();
      // With the master key (kept apart from the copy) the same PIN opens it.
      expect(await openWithPin(masterKey, DEMO_PIN, envelope, aad)).toBeInstanceOf(Buffer);
    },
  );

  it('moves an earlier version’s key out of the data directory at start, never making a new one', async () => {
    const database = await testDatabase();
    try {
      const site = path.join(root, 'upgrade');
      const config = loadConfig({ DATA_DIR: path.join(site, '.data'), INIT_CWD: site });
      // As the earlier version did: the key generated in <DATA_DIR>/secrets.
      const legacyDir = path.join(config.dataDir, 'secrets');
      const before = await new Pki({
        database,
        config: { secretsDir: legacyDir, keyEncryptionKey: undefined },
      }).ready();
      const legacyKey = fs.readFileSync(path.join(legacyDir, 'master.key'));

      const after = await new Pki({ database, config: keyConfig(config) }).ready();
      const moved = path.join(site, '.secrets', 'master.key');
      expect(after.masterKeyMoved).toEqual({
        from: path.join(legacyDir, 'master.key'),
        to: moved,
        method: 'link',
      });
      expect(after.masterKey.equals(before.masterKey)).toBe(true);
      expect(after.caFingerprint).toBe(before.caFingerprint);
      expect(fs.readFileSync(moved).equals(legacyKey)).toBe(true);
      expect(fs.statSync(moved).mode & 0o777).toBe(0o600);
      expect(fs.existsSync(legacyDir)).toBe(false);

      // The next start just reads it.
      const again = await new Pki({ database, config: keyConfig(config) }).ready();
      expect(again.masterKeyMoved).toBeUndefined();
      expect(again.masterKey.equals(before.masterKey)).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('on an empty database takes the old key rather than generating another', async () => {
    const database = await testDatabase();
    try {
      const site = path.join(root, 'empty');
      const config = loadConfig({ DATA_DIR: path.join(site, '.data'), INIT_CWD: site });
      const legacyKey = randomBytes(32);
      fs.mkdirSync(path.join(config.dataDir, 'secrets'), { recursive: true });
      fs.writeFileSync(path.join(config.dataDir, 'secrets', 'master.key'), legacyKey.toString('base64'));
      const installation = await new Pki({ database, config: keyConfig(config) }).ready();
      expect(installation.created).toBe(true);
      expect(installation.masterKey.equals(legacyKey)).toBe(true);
      expect(installation.masterKeyMoved?.to).toBe(path.join(site, '.secrets', 'master.key'));
    } finally {
      await database.close();
    }
  });

  it('moves across filesystems by copy, flush and removal', () => {
    const from = path.join(root, 'xdev', 'data', 'secrets', 'master.key');
    const to = path.join(root, 'xdev', 'run', '.secrets', 'master.key');
    fs.mkdirSync(path.dirname(from), { recursive: true });
    fs.writeFileSync(from, 'key\n', { mode: 0o644 });
    const exdev = () => {
      throw Object.assign(new Error('cross-device link'), { code: 'EXDEV' });
    };
    expect(moveKeyFile(from, to, exdev)).toBe('copy');
    expect(fs.readFileSync(to, 'utf8')).toBe('key\n');
    expect(fs.statSync(to).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(from)).toBe(false);
    // Never over an existing key.
    fs.writeFileSync(from, 'other\n');
    expect(() => moveKeyFile(from, to, exdev)).toThrow(/EEXIST/);
    expect(() => moveKeyFile(from, to)).toThrow(/EEXIST/);
    expect(fs.readFileSync(to, 'utf8')).toBe('key\n');
  });

  it('leaves a different key in the data directory alone and reports it; removes a duplicate', async () => {
    const database = await testDatabase();
    try {
      const site = path.join(root, 'both');
      const config = loadConfig({ DATA_DIR: path.join(site, '.data'), INIT_CWD: site });
      const current = await new Pki({ database, config: keyConfig(config) }).ready();
      const legacy = path.join(config.dataDir, 'secrets', 'master.key');
      fs.mkdirSync(path.dirname(legacy), { recursive: true });
      fs.writeFileSync(legacy, randomBytes(32).toString('base64'));
      const differing = await new Pki({ database, config: keyConfig(config) }).ready();
      expect(differing.masterKeyLeftover).toBe(legacy);
      expect(differing.masterKey.equals(current.masterKey)).toBe(true);
      expect(fs.existsSync(legacy)).toBe(true);

      const withKek = await new Pki({
        database,
        config: { ...keyConfig(config), keyEncryptionKey: current.masterKey.toString('base64') },
      }).ready();
      expect(withKek.masterKeyLeftover).toBe(legacy);
      expect(fs.existsSync(legacy)).toBe(true);

      fs.copyFileSync(path.join(site, '.secrets', 'master.key'), legacy);
      const duplicate = await new Pki({ database, config: keyConfig(config) }).ready();
      expect(duplicate.masterKeyMoved?.method).toBe('removed-duplicate');
      expect(fs.existsSync(legacy)).toBe(false);
    } finally {
      await database.close();
    }
  });
});
