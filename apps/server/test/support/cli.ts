import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { TestDatabase } from '../harness.js';

const serverDir = path.join(import.meta.dirname, '..', '..');

/**
 * Runs a command of `src/cli` as an operator does, against this test's database: its DATABASE_URL, or
 * for the embedded database (one process's) a closed copy of its data directory, removed afterwards.
 * `inspect` runs while the copy still exists and gets its directory (undefined on PostgreSQL).
 */
export async function withCliDatabase<T>(
  database: TestDatabase,
  work: (
    run: (script: string, ...args: string[]) => SpawnSyncReturns<string>,
    copyDir?: string,
  ) => Promise<T>,
  /** More environment for the command (e.g. JOURNAL_HEADS_FILE). */
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<T> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'silent',
    // Never the published heads of the developer's own server (./.journal-heads): none unless given.
    JOURNAL_HEADS_FILE: path.join(serverDir, '.test-data', `no-heads-${process.pid}.jsonl`),
    ...extraEnv,
  };
  let copyDir: string | undefined;
  if (database.location.databaseUrl) {
    env.DATABASE_URL = database.location.databaseUrl;
  } else {
    copyDir = `${database.location.dataDir}-cli`;
    await sql`checkpoint`.execute(database.system);
    fs.cpSync(database.location.dataDir ?? '', copyDir, { recursive: true });
    delete env.DATABASE_URL;
    env.DATA_DIR = copyDir;
  }
  const run = (script: string, ...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}`, ...args], {
      cwd: serverDir,
      env,
      encoding: 'utf8',
    });
  try {
    return await work(run, copyDir);
  } finally {
    if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
  }
}
