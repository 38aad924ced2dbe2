import path from 'node:path';
import { loadEsiaSettings, type EsiaSettings } from './platform/esia/settings.js';
import { loadSmevSettings, type SmevSettings } from './platform/smev/settings.js';

/**
 * What one process does (ROLE): `api` serves HTTP and runs no jobs, `worker` runs the job queue and
 * opens no HTTP port, `all` (the default) both. Several processes share one PostgreSQL server.
 */
export type ProcessRole = 'api' | 'worker' | 'all';

export const PROCESS_ROLES: readonly ProcessRole[] = ['api', 'worker', 'all'];

export interface Config {
  /** See {@link ProcessRole}. */
  role: ProcessRole;
  port: number;
  host: string;
  /**
   * The address people open the system at (PUBLIC_URL), without a trailing slash. Every URL the
   * server sends a browser elsewhere with (ESIA's redirect_uri, the logout return) is built from it,
   * never from the request's Host header, which the client controls.
   */
  publicUrl: string;
  /**
   * Which proxies' X-Forwarded-* headers to believe (TRUST_PROXY): none by default; a number of hops
   * or a list of proxy addresses. Believing every proxy would let a client forge its IP (rate limits,
   * the journal's addresses).
   */
  trustProxy: false | number | string[];
  /** PGlite data directory, used when `databaseUrl` is not set. */
  dataDir: string;
  /** A PostgreSQL server; when set, the embedded database is not used. */
  databaseUrl: string | undefined;
  production: boolean;
  /** Demo mode: demo data on an empty database, sign-in through the bundled ESIA emulator. Off in production. */
  demo: boolean;
  sessionIdleMinutes: number;
  /** Absolute lifetime of a session from sign-in, however active (SESSION_MAX_HOURS). */
  sessionMaxHours: number;
  /** Requests per minute per IP to each sign-in endpoint. */
  signInRateLimit: number;
  /** Document uploads per minute per employee (UPLOAD_RATE_LIMIT). */
  uploadRateLimit: number;
  /** Bytes of documents an employee may store over 24 hours, in MB (UPLOAD_QUOTA_MB_PER_DAY). */
  uploadQuotaMbPerDay: number;
  esia: EsiaSettings;
  /** Inter-agency requests through SMEV 3 (platform/smev). */
  smev: SmevSettings;
  logLevel: string;
  /** How often the journal sealing job records a tree head. */
  journalSealSeconds: number;
  /**
   * Where every signed head of the journal is appended (JOURNAL_HEADS_FILE, JSON Lines), by default
   * ./.journal-heads/heads.jsonl in the directory the command is run from: outside DATA_DIR, so that a
   * rewrite of the database (or of a restored copy of DATA_DIR) does not rewrite it. In production,
   * storage the database's administrators cannot rewrite (another server's share, a WORM volume).
   */
  journalHeadsFile: string;
  /**
   * The SMTP server term control e-mails through (SMTP_URL, e.g. `smtp://user:password@mail.example:587`
   * or `smtps://…:465`). Unset: employees are told in the workplace only, nothing is put in the outbox.
   */
  smtpUrl: string | undefined;
  /** The sender of those e-mails (SMTP_FROM). */
  smtpFrom: string;
  /** How often term control scans the municipalities' terms (TERMS_SCAN_SECONDS, default 300). */
  termsScanSeconds: number;
  /**
   * How PDFs are made from DOCX documents (DOCUMENTS_PDF): `builtin` (default, npm packages only: the
   * rendered DOCX laid out by pdfmake with embedded Times-metric fonts) or `libreoffice` (LibreOffice
   * headless converts the DOCX, for exact Word fidelity; needs `soffice` installed).
   */
  documentsPdf: 'builtin' | 'libreoffice';
  /** The LibreOffice executable for DOCUMENTS_PDF=libreoffice (SOFFICE_PATH, default `soffice`). */
  sofficePath: string;
  webDistDir: string;
  /** The content-addressed file store of documents (FILES_DIR, default <DATA_DIR>/files). */
  filesDir: string;
  /** The largest file one upload may carry, in MB (UPLOAD_MAX_FILE_MB, default 50). */
  uploadMaxFileMb: number;
  /**
   * The most, in MB, of the files gathered for one application not yet submitted or accepted
   * (UPLOAD_MAX_APPLICATION_MB, default 200): see docs/file-intake.md for what is counted.
   */
  uploadMaxApplicationMb: number;
  /**
   * clamd to check uploads with (CLAMAV_SOCKET): a unix socket path or `tcp://host:port`. Unset: no
   * check (files are `not_scanned`). Set but unreachable: uploads are refused (fail closed).
   */
  clamavSocket: string | undefined;
  /** Where uploads are written while they arrive (<DATA_DIR>/tmp): the same disk as the file store. */
  uploadTmpDir: string;
  /** Where infected uploads are kept for the administrator, never in the file store (<DATA_DIR>/quarantine). */
  quarantineDir: string;
  /**
   * Where the master key is generated when KEY_ENCRYPTION_KEY is not set: SECRETS_DIR, by default
   * ./.secrets in the directory the command is run from, for both engines. Never inside the data
   * directory: a copy of DATA_DIR (a backup) must not carry the key that opens the keys in it.
   */
  secretsDir: string;
  /**
   * Where an earlier version kept the generated master key (<DATA_DIR>/secrets, embedded database
   * only): a key found there is moved to `secretsDir` at start. Undefined with DATABASE_URL.
   */
  legacySecretsDir: string | undefined;
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

function positiveIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = intFromEnv(env, name, fallback);
  if (value === 0) {
    throw new Error(`Переменная окружения ${name} должна быть целым числом не меньше 1, получено «0»`);
  }
  return value;
}

/**
 * Relative paths are the user's: npm runs workspace scripts (`npm run migrate`, `journal:verify`) in
 * apps/server, but sets INIT_CWD to the directory the command was typed in, where `npm start` keeps
 * `.data`. Resolving against the script's own directory would open another, empty database there.
 */
function userPath(env: NodeJS.ProcessEnv, value: string): string {
  return path.resolve(env.INIT_CWD || process.cwd(), value);
}

function trustProxyFrom(env: NodeJS.ProcessEnv): false | number | string[] {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || raw === '0' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.some((item) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(item))) {
    throw new Error(
      `Переменная окружения TRUST_PROXY: число промежуточных прокси или список их адресов через запятую, получено «${raw}»`,
    );
  }
  return list;
}

function publicUrlFrom(env: NodeJS.ProcessEnv, host: string, port: number): string {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) {
    // Listening on every interface: the machine's own loopback address is the one that surely works.
    const local = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
    return `http://${local.includes(':') ? `[${local}]` : local}:${port}`;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Переменная окружения PUBLIC_URL должна быть адресом http(s), получено «${raw}»`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    throw new Error(
      `Переменная окружения PUBLIC_URL должна быть адресом http(s) без параметров, получено «${raw}»`,
    );
  }
  return url.toString().replace(/\/+$/, '');
}

function clamavSocketFrom(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.CLAMAV_SOCKET?.trim();
  if (!raw) return undefined;
  if (raw.startsWith('tcp://')) {
    const url = /^tcp:\/\/([^:/]+|\[[0-9a-fA-F:.]+\]):(\d{1,5})$/.exec(raw);
    if (!url || Number(url[2]) < 1 || Number(url[2]) > 65535) {
      throw new Error(
        `Переменная окружения CLAMAV_SOCKET: путь к unix-сокету clamd или tcp://хост:порт, получено «${raw}»`,
      );
    }
    return raw;
  }
  return userPath(env, raw);
}

function pdfRouteFrom(raw: string | undefined): Config['documentsPdf'] {
  const value = raw?.trim() || 'builtin';
  if (value === 'builtin' || value === 'libreoffice') return value;
  throw new Error(`DOCUMENTS_PDF must be builtin or libreoffice, not ${value}`);
}

function roleFrom(env: NodeJS.ProcessEnv, databaseUrl: string | undefined): ProcessRole {
  const raw = env.ROLE?.trim() || 'all';
  const role = PROCESS_ROLES.find((r) => r === raw);
  if (!role) {
    throw new Error(`Переменная окружения ROLE должна быть api, worker или all, получено «${raw}»`);
  }
  // The embedded database is opened by one process only (the data-directory lock): an API process
  // there would have nobody to run its jobs, a worker nobody to serve.
  if (role !== 'all' && !databaseUrl) {
    throw new Error(
      `ROLE=${role} — только с DATABASE_URL: встроенная база данных открывается одним процессом, ` +
        'он и обслуживает запросы, и выполняет задания (ROLE=all)',
    );
  }
  return role;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const demoRaw = env.DEMO;
  const dataDir = userPath(env, env.DATA_DIR || '.data');
  const databaseUrl = env.DATABASE_URL || undefined;
  const demo = demoRaw === undefined || demoRaw === '' ? !production : demoRaw === '1' || demoRaw === 'true';
  const port = intFromEnv(env, 'PORT', 3000);
  const host = env.HOST ?? '127.0.0.1';
  return {
    role: roleFrom(env, databaseUrl),
    port,
    host,
    publicUrl: publicUrlFrom(env, host, port),
    trustProxy: trustProxyFrom(env),
    dataDir,
    databaseUrl,
    production,
    demo,
    sessionIdleMinutes: intFromEnv(env, 'SESSION_IDLE_MINUTES', 30),
    sessionMaxHours: positiveIntFromEnv(env, 'SESSION_MAX_HOURS', 12),
    signInRateLimit: intFromEnv(env, 'SIGN_IN_RATE_LIMIT', 30),
    uploadRateLimit: positiveIntFromEnv(env, 'UPLOAD_RATE_LIMIT', 30),
    uploadQuotaMbPerDay: positiveIntFromEnv(env, 'UPLOAD_QUOTA_MB_PER_DAY', 500),
    esia: loadEsiaSettings(env, demo),
    smev: loadSmevSettings(env, demo),
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'info'),
    journalSealSeconds: intFromEnv(env, 'JOURNAL_SEAL_SECONDS', 300),
    journalHeadsFile: userPath(env, env.JOURNAL_HEADS_FILE || path.join('.journal-heads', 'heads.jsonl')),
    smtpUrl: env.SMTP_URL?.trim() || undefined,
    smtpFrom: env.SMTP_FROM?.trim() || 'uslugi@localhost',
    termsScanSeconds: positiveIntFromEnv(env, 'TERMS_SCAN_SECONDS', 300),
    documentsPdf: pdfRouteFrom(env.DOCUMENTS_PDF),
    sofficePath: env.SOFFICE_PATH?.trim() || 'soffice',
    webDistDir: path.resolve(env.WEB_DIST_DIR ?? path.join(import.meta.dirname, '../../web/dist')),
    filesDir: userPath(env, env.FILES_DIR || path.join(dataDir, 'files')),
    uploadMaxFileMb: positiveIntFromEnv(env, 'UPLOAD_MAX_FILE_MB', 50),
    uploadMaxApplicationMb: positiveIntFromEnv(env, 'UPLOAD_MAX_APPLICATION_MB', 200),
    clamavSocket: clamavSocketFrom(env),
    uploadTmpDir: path.join(dataDir, 'tmp'),
    quarantineDir: path.join(dataDir, 'quarantine'),
    secretsDir: userPath(env, env.SECRETS_DIR || '.secrets'),
    legacySecretsDir: databaseUrl ? undefined : path.join(dataDir, 'secrets'),
    keyEncryptionKey: env.KEY_ENCRYPTION_KEY || undefined,
  };
}
