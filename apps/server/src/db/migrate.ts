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

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
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

export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  await ensureTable(database);
  const rows = await database.system.selectFrom('schemaMigrations').select(['version', 'checksum']).execute();
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

/** Applies pending migrations in order, each in its own transaction. Returns the versions applied. */
export async function migrate(database: Database): Promise<string[]> {
  const { pending } = await migrationStatus(database);
  const done: string[] = [];
  for (const migration of listMigrations().filter((m) => pending.includes(m.version))) {
    const record =
      `select pg_advisory_xact_lock(${MIGRATION_LOCK});\n` +
      `${migration.script}\n;\n` +
      `insert into schema_migrations (version, name, checksum) values ` +
      `('${migration.version}', '${migration.name}', '${migration.checksum}') on conflict do nothing;`;
    // A concurrent migrator may have applied it meanwhile: the lock makes us wait, then re-check.
    const { pending: stillPending } = await migrationStatus(database);
    if (!stillPending.includes(migration.version)) continue;
    await database.execScript(record);
    done.push(migration.version);
  }
  return done;
}
