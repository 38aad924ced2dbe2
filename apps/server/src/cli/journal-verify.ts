import { loadConfig } from '../config.js';
import { openExistingDatabase } from './existing-database.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { restrictUmask } from '../db/private-dir.js';
import {
  JOURNAL_INTACT,
  describeBreak,
  verifyJournal,
  type VerifyJournalOptions,
} from '../platform/journal/verify.js';
import { Pki } from '../platform/pki/installation.js';
import { MasterKeyError } from '../platform/pki/master-key.js';
import { publishedHeadsFor } from '../platform/journal/published-heads.js';

// The database's files are the owner's only (0600), as the server makes them.
restrictUmask();
const config = loadConfig();
try {
  const database = await openExistingDatabase(config);
  try {
    // The CA the seals must chain to is the one whose key the master key opens: a CA certificate
    // swapped in the database alone does not pass.
    const pki = new Pki({ database, config });
    let options: VerifyJournalOptions = {};
    let installationFingerprint: string | undefined;
    try {
      const installation = await pki.existing();
      if (installation) {
        options = { signatures: { provider: pki.provider, trustedRoots: [installation.ca.certificate] } };
        installationFingerprint = installation.caFingerprint;
        console.log(`Удостоверяющий центр установки: SHA-256 сертификата ${installation.caFingerprint}`);
      }
    } catch (error) {
      if (!(error instanceof MasterKeyError)) throw error;
      console.log(
        `Внимание: ${error.message}. Подписи печатей проверяются по сертификату УЦ из базы данных.`,
      );
    }
    // Read before the journal's moment: every head in it was published after its seal committed.
    const published = publishedHeadsFor(config.journalHeadsFile, installationFingerprint);
    for (const line of published.notes) console.log(line);
    const report = await verifyJournal(database, { ...options, published: published.heads });
    console.log(
      `Проверено записей: ${report.entries}, потоков: ${report.streams}, печатей: ${report.seals}, ` +
        `из них с проверенной подписью: ${report.signedSeals}; записей в дереве журнала: ${report.treeSize ?? 0}, ` +
        `опубликованных голов сверено: ${report.publishedHeads ?? 0}`,
    );
    if (report.ok || !report.firstBroken) {
      console.log(JOURNAL_INTACT);
    } else {
      console.log(describeBreak(report.firstBroken));
      process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof DataDirLockedError ? heldByServer(error) : error);
  process.exitCode = 2;
}

/**
 * The embedded database has one process by construction (the data-directory lock), so this command
 * cannot open it beside a running server. The server itself verifies the journal without stopping.
 */
function heldByServer(error: DataDirLockedError): string {
  const holder = error.holderPid > 0 ? ` (PID ${error.holderPid})` : '';
  return [
    `Каталог данных ${config.dataDir} открыт другим процессом${holder}, обычно это работающий сервер. ` +
      'Эта команда открывает встроенную базу данных сама и потому проверяет журнал только при остановленном сервере.',
    'Проверить журнал без остановки сервера — в самом сервере, той же проверкой (она записывается в журнал):',
    `  • в браузере: ${config.publicUrl}/admin/journal, кнопка «Проверить целостность журнала» ` +
      '(войдите как технический оператор);',
    `  • через API: POST ${config.publicUrl}/api/v1/journal/verification в сеансе технического оператора ` +
      '(право journal.verify).',
    `Файл блокировки: ${error.lockFile}`,
  ].join('\n');
}
