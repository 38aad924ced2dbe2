import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from './database.js';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');
// Any constant: serialises concurrent migrators of one database (several processes starting at once).
const MIGRATION_LOCK = 7_345_001;

export interface Migration {
  version: string;
  name: string;
  checksum: string;
  script: string;
}

function readMigrations(dir: string): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const script = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.slice(5, -4),
        checksum: createHash('sha256').update(script).digest('hex'),
        script,
      };
    });
}

let shipped: Migration[] | undefined;

/** The migrations this build ships; read once per process (the readiness probe asks often). */
export function listMigrations(): Migration[] {
  shipped ??= readMigrations(MIGRATIONS_DIR);
  return shipped;
}

async function ensureTable(database: Database): Promise<void> {
  await sql`create table if not exists schema_migrations (
    version text primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`.execute(database.system);
}

export class MigrationChangedError extends Error {
  constructor(version: string) {
    super(
      `Миграция ${version} изменена после применения. Миграции не редактируются: добавьте новую миграцию.`,
    );
  }
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

/** What is applied and pending. Read-only: a database never migrated has everything pending. */
export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  const { rows: exists } = await sql<{ present: boolean }>`
    select to_regclass('schema_migrations') is not null as present`.execute(database.system);
  const rows = exists[0]?.present
    ? await database.system.selectFrom('schemaMigrations').select(['version', 'checksum']).execute()
    : [];
  const applied = new Map(rows.map((row) => [row.version, row.checksum]));
  const migrations = listMigrations();
  for (const migration of migrations) {
    const checksum = applied.get(migration.version);
    if (checksum !== undefined && checksum !== migration.checksum) {
      throw new MigrationChangedError(migration.version);
    }
  }
  return {
    applied: migrations.filter((m) => applied.has(m.version)).map((m) => m.version),
    pending: migrations.filter((m) => !applied.has(m.version)).map((m) => m.version),
  };
}

/**
 * Applies pending migrations in order, each in its own transaction, under one advisory lock held for
 * the whole run: a second process starting at the same moment waits, then finds nothing pending
 * (creating the bookkeeping table concurrently failed on PostgreSQL's catalog otherwise).
 */
export async function migrate(database: Database): Promise<string[]> {
  return database.withAdvisoryLock(MIGRATION_LOCK, async () => {
    await ensureTable(database);
    const { pending } = await migrationStatus(database);
    const done: string[] = [];
    for (const migration of listMigrations().filter((m) => pending.includes(m.version))) {
      await database.execScript(
        `${migration.script}\n;\n` +
          `insert into schema_migrations (version, name, checksum) values ` +
          `('${migration.version}', '${migration.name}', '${migration.checksum}');`,
      );
      done.push(migration.version);
    }
    return done;
  });
}
