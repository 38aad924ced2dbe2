import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { migrate } from './db/migrate.js';
import {
  logModeReport,
  makePrivateDirectory,
  narrowModes,
  restrictUmask,
  type StartLogger,
} from './db/private-dir.js';
import { DEMO_PIN, issueDemoCertificates } from './demo/certificates.js';
import { DEMO_MUNICIPALITIES, seedDemoData } from './demo/seed.js';
import { EMULATOR_PERSONS } from './emulators/esia/persons.js';
import { MODULES } from './modules/index.js';
import { platformJobs, sealAndPublish } from './platform/jobs/handlers.js';
import { JobWorker, type JobHandler } from './platform/jobs/queue.js';
import { createLogger } from './platform/logger.js';
import { Pki } from './platform/pki/installation.js';
import { MasterKeyError } from './platform/pki/master-key.js';
import { ROLE_TITLES } from './platform/auth/permissions.js';

const inside = (child: string, parent: string) => !path.relative(parent, child).startsWith('..');

/**
 * Documents' files and the master key are the owner's only, as the database is (152-ФЗ ст. 19). The
 * embedded database narrows its own directory when it opens; a FILES_DIR inside it is covered there.
 */
function securePrivateDirectories(config: Config, engine: Database['engine'], logger: StartLogger): void {
  if (engine === 'postgres' || !inside(config.filesDir, config.dataDir)) {
    logModeReport(logger, makePrivateDirectory(config.filesDir), 'the document store (FILES_DIR)');
  }
  if (fs.existsSync(config.secretsDir)) {
    logModeReport(logger, narrowModes(config.secretsDir), 'the secrets directory (SECRETS_DIR)');
  }
}

/** The start banner's line about what this process does. */
const ROLE_LINES: Record<Config['role'], string> = {
  all: 'запросы и задания (ROLE=all)',
  api: 'только запросы (ROLE=api): задания выполняют процессы с ROLE=worker или all',
  worker: 'только задания (ROLE=worker): HTTP-порт не открывается',
};

async function main(): Promise<void> {
  // Before anything is created: PGlite's files, documents and keys are made 0600 (0700 directories).
  restrictUmask();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`\nОшибка: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  securePrivateDirectories(config, database.engine, logger);
  const applied = await migrate(database);
  logger.info({ engine: database.engine, applied, role: config.role }, 'database ready');
  if (config.demo && (await seedDemoData(database))) logger.info('demo data loaded');

  // The installation's CA and system key: made at first start, loaded (with the master key) after.
  const pki = new Pki({ database, config });
  let installation;
  try {
    installation = await pki.ready();
  } catch (error) {
    if (error instanceof MasterKeyError) {
      console.error(`\nОшибка: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  logger.info(
    {
      cryptoProvider: pki.provider.name,
      enginePath: pki.enginePath,
      caFingerprint: installation.caFingerprint,
      created: installation.created,
      masterKey: installation.masterKeySource,
    },
    installation.created ? 'PKI created: test CA and system key' : 'PKI loaded',
  );
  const keyNotes: string[] = [];
  if (installation.masterKeyMoved) {
    const { from, to, method } = installation.masterKeyMoved;
    logger.warn(
      { from, to, method },
      'the master key file was moved out of the data directory: a copy of DATA_DIR no longer carries it',
    );
    keyNotes.push(`  Мастер-ключ перенесён из каталога данных: ${from} → ${to}`);
  }
  if (installation.masterKeyLeftover) {
    logger.warn(
      { file: installation.masterKeyLeftover, masterKey: installation.masterKeySource },
      'a master key file lies in the data directory and is not the one in use: a copy of DATA_DIR carries it',
    );
    keyNotes.push(
      `  Внимание: в каталоге данных лежит файл мастер-ключа ${installation.masterKeyLeftover}, а используется ` +
        `${installation.masterKeySource}. Копия каталога данных унесёт этот ключ: проверьте и удалите файл.`,
    );
  }
  if (config.demo) {
    const issued = await issueDemoCertificates(database, pki);
    if (issued > 0) logger.info({ issued }, 'demo signing certificates issued');
  }

  const { app, esia, smev, context } = await buildApp({ config, database, logger, pki });
  const serves = config.role !== 'worker';
  const works = config.role !== 'api';
  if (serves && !esia.client) logger.warn('ESIA is not configured (ESIA_URL): nobody can sign in');
  if (works && config.smev.url && smev.smevCertificates.length === 0) {
    logger.warn(
      'SMEV_TRUSTED_CERT is not set: answers signed validly by any certificate are taken as SMEV’s',
    );
  }
  // A worker builds the application too, never listening: the modules' jobs take what they need (the
  // file store, the PKI, the SMEV client and its bundled emulator) from the context it makes.
  let worker: JobWorker | undefined;
  if (works) {
    const jobs = [
      platformJobs(database, config, logger, pki),
      ...MODULES.flatMap((m) => m.jobs?.(context) ?? []),
    ];
    worker = new JobWorker({
      database,
      logger,
      handlers: Object.assign({}, ...jobs.map((j) => j.handlers)) as Record<string, JobHandler>,
      recurring: jobs.flatMap((j) => j.recurring ?? []),
    });
    worker.start();
  }
  if (serves) await app.listen({ port: config.port, host: config.host });

  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  const lines = [
    '',
    'Система управления муниципальными услугами запущена',
    `  Роль процесса:    ${ROLE_LINES[config.role]}`,
  ];
  if (serves) {
    lines.push(
      `  Адрес:            ${url}/`,
      `  АРМ сотрудника:   ${url}/arm`,
      `  Администрирование: ${url}/admin`,
      `  API (OpenAPI):    ${url}/api/openapi.json`,
    );
  }
  lines.push(
    `  База данных:      ${database.engine === 'pglite' ? `встроенная (PGlite), каталог ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    `  Криптопровайдер:  ГОСТ, ${pki.provider.name}${pki.enginePath ? ` (${pki.enginePath})` : ''}; не сертифицированное СКЗИ`,
  );
  if (serves) {
    lines.push(
      `  Проверка подписи: ${url}/verify (сертификат УЦ: ${url}/api/v1/pki/ca.pem)`,
      `  Вход через ЕСИА:  ${esia.client ? (config.esia.url ?? `встроенный эмулятор ЕСИА, ${url}/esia-emulator`) : 'не настроен (ESIA_URL)'}`,
    );
  }
  lines.push(
    `  Обмен через СМЭВ: ${smev.client ? (config.smev.url ?? (serves ? `встроенный эмулятор СМЭВ (ФНС, Росреестр, МВД, СФР), ${url}/smev-emulator/` : 'встроенный эмулятор СМЭВ (ФНС, Росреестр, МВД, СФР) в этом процессе')) : 'не настроен (SMEV_URL): ответы на межведомственные запросы вносятся вручную'}`,
    `  Головы журнала:   ${config.journalHeadsFile} (публикуются при каждой печати; храните копию вне сервера)`,
    `  Мастер-ключ:      ${installation.masterKeySource === 'KEY_ENCRYPTION_KEY' ? 'KEY_ENCRYPTION_KEY' : `файл ${installation.masterKeySource} (не включайте его в резервные копии каталога данных)`}`,
    ...keyNotes,
  );
  if (config.demo && serves) {
    lines.push(
      '',
      `Демонстрационный вход: ${url}/sign-in (сотрудники) или ${url}/ (заявители) → «Войти через Госуслуги» →`,
      '  на странице эмулятора ЕСИА выберите пользователя:',
    );
    lines.push(`  (PIN-код ключа электронной подписи у всех демонстрационных сотрудников: ${DEMO_PIN})`);
    for (const m of DEMO_MUNICIPALITIES) {
      lines.push(`  ${m.shortName}:`);
      for (const e of m.employees) {
        lines.push(
          `    ${e.lastName} ${e.firstName} ${e.middleName} — ${e.roles.map((r) => ROLE_TITLES[r]).join(', ')}`,
        );
      }
    }
    lines.push('  Заявители на портале:');
    for (const p of EMULATOR_PERSONS.filter((person) => !person.note.startsWith('Сотрудник'))) {
      const orgs = p.organizations.map((o) => `, может войти как представитель ${o.shortName}`).join('');
      lines.push(`    ${p.lastName} ${p.firstName} ${p.middleName}${orgs}`);
    }
  }
  console.log(lines.join('\n') + '\n');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await worker?.stop();
      // Nothing written before the stop stays unsealed (and so changeable without a trace) while the
      // server is down; its head is published with the rest. In every role: an API process may have
      // written after the workers stopped. The sealer's lock makes a seal racing a worker's harmless.
      await sealAndPublish(database, config, logger, pki).catch((error: unknown) =>
        logger.error({ err: error }, 'journal not sealed at shutdown'),
      );
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
