import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { PGlitePool } from './pglite-pool.js';
import { logModeReport, makePrivateDirectory, narrowModes, type StartLogger } from './private-dir.js';
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
  /** Where the embedded database reports the file modes it narrowed at start. */
  logger?: StartLogger | undefined;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (!options.dataDir) throw new Error('Не задан ни DATABASE_URL, ни каталог данных DATA_DIR');
  return openPGlite(options.dataDir, options.lock ?? true, options.logger);
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

async function openPGlite(dataDir: string, lock: boolean, logger?: StartLogger): Promise<Database> {
  // The lock file lives beside the directory, so its parent comes first.
  fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o700 });
  const unlock = lock ? lockDataDir(dataDir) : () => {};
  try {
    // The directory is its owner's only (0700, files 0600); an older installation's wider modes are
    // narrowed and logged. Under the process umask (restrictUmask) PGlite's later files are 0600.
    logModeReport(logger, makePrivateDirectory(dataDir), 'the data directory');
    const pglite = await PGlite.create(dataDir, {
      // Trigram similarity for the typo-tolerant search of applicants (migration 0014).
      extensions: { pg_trgm },
      parsers: { [DATE_OID]: parseDate, [INT8_OID]: parseInt8 },
    });
    // A new cluster's files come out of PGlite's bundled image as 0666 whatever the umask; inside a
    // 0700 directory nobody else reached them, and now they are 0600 too.
    narrowModes(dataDir);
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
