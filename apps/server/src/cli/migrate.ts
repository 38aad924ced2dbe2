import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { migrate } from '../db/migrate.js';

const config = loadConfig();
try {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(database);
    console.log(applied.length ? `Применены миграции: ${applied.join(', ')}` : 'Новых миграций нет');
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof DataDirLockedError ? `Ошибка: ${error.message}` : error);
  process.exitCode = 1;
}
