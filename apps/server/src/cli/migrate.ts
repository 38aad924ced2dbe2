import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { restrictUmask } from '../db/private-dir.js';
import { migrate } from '../db/migrate.js';

// The database's files are the owner's only (0600), as the server makes them.
restrictUmask();
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
