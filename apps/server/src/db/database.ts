import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { PGlitePool } from './pglite-pool.js';
import type { DB } from './schema.js';

export type Engine = 'pglite' | 'postgres';

/**
 * The one database handle of the process. `system` bypasses row-level security (it connects as the
 * owner or superuser): only platform code (migrations, sessions, jobs, journal verification) uses it.
 * Module code gets a tenant transaction (see tenant.ts) and cannot see another municipality's rows.
 */
export interface Database {
  readonly engine: Engine;
  readonly system: Kysely<DB>;
  /** Runs a multi-statement SQL script (migrations) in one transaction; on error nothing stays. */
  execScript(script: string): Promise<void>;
  /**
   * Runs `work` while holding a session-level advisory lock, so that several processes starting on
   * one server (scale-out) take turns. The embedded database has one process by construction (the
   * data-directory lock), so there it simply runs.
   */
  withAdvisoryLock<T>(key: number, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type Tx = Transaction<DB>;

// One representation of each type on both engines: calendar dates stay 'YYYY-MM-DD' strings
// (node-postgres would make a local-time Date of them), bigint becomes a JS number.
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const parseDate = (value: string): string => value;
const parseInt8 = (value: string): number => Number(value);

function kyselyOn(pool: pg.Pool | PGlitePool): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Take the data-directory lock (default true). Tests with private copies may skip it. */
  lock?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (!options.dataDir) throw new Error('Не задан ни DATABASE_URL, ни каталог данных DATA_DIR');
  return openPGlite(options.dataDir, options.lock ?? true);
}

function openPostgres(databaseUrl: string): Database {
  const types = {
    getTypeParser: (oid: number, format?: string) => {
      if (oid === DATE_OID) return parseDate;
      if (oid === INT8_OID) return parseInt8;
      if (oid === NUMERIC_OID) return (value: string) => value;
      return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
    },
  };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, types });
  // An idle client's connection error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return {
    engine: 'postgres',
    system: kyselyOn(pool),
    async execScript(script) {
      const client = await pool.connect();
      try {
        await client.query(`BEGIN;\n${script}\n;COMMIT;`);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async withAdvisoryLock(key, work) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [key]);
        try {
          return await work();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPGlite(dataDir: string, lock: boolean): Promise<Database> {
  const unlock = lock ? lockDataDir(dataDir) : () => {};
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const pglite = await PGlite.create(dataDir, {
      parsers: { [DATE_OID]: parseDate, [INT8_OID]: parseInt8 },
    });
    const pool = new PGlitePool(pglite);
    const system = kyselyOn(pool);
    return {
      engine: 'pglite',
      system,
      execScript: (script) => pool.exec(script),
      withAdvisoryLock: (_key, work) => work(),
      async close() {
        try {
          await system.destroy();
          await pglite.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
