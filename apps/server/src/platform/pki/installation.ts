import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { sql } from 'kysely';
import { Certificate } from 'pkijs';
import type { Config } from '../../config.js';
import type { Database, Tx } from '../../db/database.js';
import type { InstallationKeyPurpose } from '../../db/schema.js';
import { derToPem, deserializePrivateKey, serializePrivateKey } from '../crypto/keys.js';
import { readName, type SubjectFields } from '../crypto/names.js';
import { OID } from '../crypto/oids.js';
import { CERTIFICATE_BACKDATE_MS, createTestRootCa, issueCertificate, type TestCa } from '../crypto/pki.js';
import {
  DEFAULT_ENGINE_PATH,
  selectProvider,
  type GostProvider,
  type PrivateKeyInput,
} from '../crypto/provider.js';
import { openWithMasterKey, sealWithMasterKey } from './key-envelopes.js';
import { loadMasterKey, type MasterKey } from './master-key.js';

/**
 * The installation's PKI: one GOST provider for the process, the test CA that issues employees'
 * certificates and CRLs, and the system key that signs journal seals. Both keys are made at first
 * start and kept in `pki_installation_keys`, encrypted with the master key; later starts load them.
 */

export interface SystemSigner {
  certificate: Uint8Array;
  /** Opaque: what the provider made, handed back to it to sign. */
  privateKey: PrivateKeyInput;
}

export interface Installation {
  masterKey: Buffer;
  /** KEY_ENCRYPTION_KEY or the master key file. */
  masterKeySource: string;
  /** What happened to an earlier version's key file in the data directory (logged at start). */
  masterKeyMoved: MasterKey['moved'];
  masterKeyLeftover: MasterKey['leftover'];
  ca: TestCa;
  /** SHA-256 of the CA certificate, hex: what an operator compares with ca.pem. */
  caFingerprint: string;
  systemSigner: SystemSigner;
  /** True when this call created the keys (first start). */
  created: boolean;
}

// Any constant: serialises the first start of several processes over one database.
const PKI_LOCK = 7_345_003;

const TEST_STAND = 'Система управления муниципальными услугами (тестовый стенд)';

const CA_SUBJECT: SubjectFields = {
  commonName: 'Тестовый удостоверяющий центр системы управления муниципальными услугами',
  organization: TEST_STAND,
  organizationalUnit: 'Не аккредитован: подписи не являются квалифицированными',
  country: 'RU',
};

const SYSTEM_SUBJECT: SubjectFields = {
  commonName: 'Система управления муниципальными услугами',
  organization: TEST_STAND,
  organizationalUnit: 'Печать электронного журнала учёта операций',
  country: 'RU',
};

export function fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** Binds an envelope to its purpose and certificate: a key moved to another row does not open. */
function envelopeAad(purpose: InstallationKeyPurpose, certificate: Uint8Array): string {
  return `uslugi.installation-key.v1|${purpose}|${fingerprint(certificate)}`;
}

function subjectKeyIdentifier(certificate: Certificate): Uint8Array {
  const extension = certificate.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
  const value = extension ? asn1js.fromBER(extension.extnValue.valueBlock.valueHexView).result : undefined;
  if (!(value instanceof asn1js.OctetString)) throw new Error('the CA certificate has no key identifier');
  return value.valueBlock.valueHexView.slice();
}

export function commonNameOf(der: Uint8Array): string {
  return readName(Certificate.fromBER(new Uint8Array(der)).subject).commonName;
}

export interface PkiOptions {
  database: Database;
  config: Pick<Config, 'secretsDir' | 'keyEncryptionKey'> & Partial<Pick<Config, 'legacySecretsDir'>>;
  /** Defaults to `selectProvider()`: GOST_PROVIDER, else the native engine when present, else pure JS. */
  provider?: GostProvider;
}

export class Pki {
  readonly provider: GostProvider;
  readonly database: Database;
  readonly #config: PkiOptions['config'];
  #installation: Promise<Installation> | undefined;

  constructor(options: PkiOptions) {
    this.database = options.database;
    this.#config = options.config;
    this.provider = options.provider ?? selectProvider();
  }

  /** The OpenSSL engine the native provider loaded; null for the others. */
  get enginePath(): string | null {
    return this.provider.name === 'native' ? DEFAULT_ENGINE_PATH : null;
  }

  /** The installation's keys, made at first use when the database has none. */
  ready(): Promise<Installation> {
    this.#installation ??= this.#load(true).then((installation) => {
      if (!installation) throw new Error('unreachable: keys are created when missing');
      return installation;
    });
    this.#installation.catch(() => (this.#installation = undefined));
    return this.#installation;
  }

  /** The keys if the installation has them, without making any (journal:verify). */
  existing(): Promise<Installation | undefined> {
    return this.#load(false);
  }

  async #load(create: boolean): Promise<Installation | undefined> {
    return this.database.system.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${PKI_LOCK})`.execute(tx);
      const rows = await tx.selectFrom('pkiInstallationKeys').selectAll().execute();
      if (rows.length === 0 && !create) return undefined;
      const master = loadMasterKey(this.#config, rows.length > 0);
      const open = (purpose: InstallationKeyPurpose): SystemSigner | undefined => {
        const row = rows.find((r) => r.purpose === purpose);
        if (!row) return undefined;
        const certificate = new Uint8Array(row.certificate);
        const key = openWithMasterKey(master.key, row.keyEnvelope, envelopeAad(purpose, certificate));
        return { certificate, privateKey: deserializePrivateKey(key) };
      };

      let created = false;
      const caKeys = open('ca');
      let ca: TestCa;
      if (caKeys) {
        const parsed = Certificate.fromBER(new Uint8Array(caKeys.certificate));
        ca = {
          certificate: caKeys.certificate,
          certificatePem: derToPem('CERTIFICATE', caKeys.certificate),
          privateKey: caKeys.privateKey,
          keyIdentifier: subjectKeyIdentifier(parsed),
        };
      } else {
        ca = await createTestRootCa({ provider: this.provider, subject: CA_SUBJECT });
        await this.#store(tx, master.key, 'ca', { certificate: ca.certificate, privateKey: ca.privateKey });
        const parsed = Certificate.fromBER(new Uint8Array(ca.certificate));
        await tx
          .insertInto('pkiTrustedRoots')
          .values({
            certificate: Buffer.from(ca.certificate),
            fingerprint: fingerprint(ca.certificate),
            subject: CA_SUBJECT.commonName,
            notBefore: parsed.notBefore.value,
            notAfter: parsed.notAfter.value,
            installationCa: true,
          })
          .execute();
        created = true;
      }

      let systemSigner = open('system_signer');
      if (!systemSigner) {
        const keys = await this.provider.generateKeyPair();
        const caNotAfter = Certificate.fromBER(new Uint8Array(ca.certificate)).notAfter.value;
        const issued = await issueCertificate({
          provider: this.provider,
          ca,
          subject: SYSTEM_SUBJECT,
          publicKeySpki: keys.publicKeySpki,
          notBefore: new Date(Date.now() - CERTIFICATE_BACKDATE_MS),
          notAfter: caNotAfter,
        });
        systemSigner = { certificate: issued.certificate, privateKey: keys.privateKey };
        await this.#store(tx, master.key, 'system_signer', systemSigner);
        created = true;
      }

      return {
        masterKey: master.key,
        masterKeySource: master.source,
        masterKeyMoved: master.moved,
        masterKeyLeftover: master.leftover,
        ca,
        caFingerprint: fingerprint(ca.certificate),
        systemSigner,
        created,
      };
    });
  }

  async #store(
    tx: Tx,
    masterKey: Buffer,
    purpose: InstallationKeyPurpose,
    keys: SystemSigner,
  ): Promise<void> {
    const envelope = sealWithMasterKey(
      masterKey,
      serializePrivateKey(keys.privateKey),
      envelopeAad(purpose, keys.certificate),
    );
    await tx
      .insertInto('pkiInstallationKeys')
      .values({ purpose, certificate: Buffer.from(keys.certificate), keyEnvelope: JSON.stringify(envelope) })
      .execute();
  }
}
