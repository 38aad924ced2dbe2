import fs from 'node:fs';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';

/**
 * Opens the installation's database for a command, or stops with a Russian message when there is
 * none: opening a missing data directory would create an empty database with nothing to act on.
 */
export async function openExistingDatabase(config: Config): Promise<Database> {
  if (!config.databaseUrl && !fs.existsSync(config.dataDir)) {
    console.error(`Ошибка: каталог данных ${config.dataDir} не найден. Укажите DATA_DIR или DATABASE_URL.`);
    process.exit(2);
  }
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}
