import path from 'node:path';
import { loadEsiaSettings, type EsiaSettings } from './platform/esia/settings.js';

export interface Config {
  port: number;
  host: string;
  /** PGlite data directory, used when `databaseUrl` is not set. */
  dataDir: string;
  /** A PostgreSQL server; when set, the embedded database is not used. */
  databaseUrl: string | undefined;
  production: boolean;
  /** Demo mode: demo data on an empty database, sign-in through the bundled ESIA emulator. Off in production. */
  demo: boolean;
  sessionIdleMinutes: number;
  /** Requests per minute per IP to each sign-in endpoint. */
  signInRateLimit: number;
  esia: EsiaSettings;
  logLevel: string;
  /** How often the journal sealing job records a tree head. */
  journalSealSeconds: number;
  webDistDir: string;
  /** The content-addressed file store of documents (FILES_DIR, default <DATA_DIR>/files). */
  filesDir: string;
  /**
   * Where the master key is generated when KEY_ENCRYPTION_KEY is not set: <DATA_DIR>/secrets with the
   * embedded database, ./.secrets with DATABASE_URL (SECRETS_DIR overrides both).
   */
  secretsDir: string;
  /** The master key (32 bytes, base64 or hex) that encrypts the installation's private keys. */
  keyEncryptionKey: string | undefined;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(
      `Переменная окружения ${name} должна быть целым неотрицательным числом, получено «${raw}»`,
    );
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const demoRaw = env.DEMO;
  const dataDir = path.resolve(env.DATA_DIR ?? '.data');
  const databaseUrl = env.DATABASE_URL || undefined;
  const demo = demoRaw === undefined || demoRaw === '' ? !production : demoRaw === '1' || demoRaw === 'true';
  return {
    port: intFromEnv(env, 'PORT', 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl,
    production,
    demo,
    sessionIdleMinutes: intFromEnv(env, 'SESSION_IDLE_MINUTES', 30),
    signInRateLimit: intFromEnv(env, 'SIGN_IN_RATE_LIMIT', 30),
    esia: loadEsiaSettings(env, demo),
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'info'),
    journalSealSeconds: intFromEnv(env, 'JOURNAL_SEAL_SECONDS', 300),
    webDistDir: path.resolve(env.WEB_DIST_DIR ?? path.join(import.meta.dirname, '../../web/dist')),
    filesDir: path.resolve(env.FILES_DIR || path.join(dataDir, 'files')),
    secretsDir: path.resolve(env.SECRETS_DIR || (databaseUrl ? '.secrets' : path.join(dataDir, 'secrets'))),
    keyEncryptionKey: env.KEY_ENCRYPTION_KEY || undefined,
  };
}
