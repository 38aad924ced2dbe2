import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * Presents one PGlite instance as the pool that Kysely's PostgresDialect expects, so both engines use
 * the same dialect. PGlite is a single backend session: a client holds it exclusively from connect()
 * to release(), which keeps a transaction's statements from interleaving with anyone else's.
 */
export class PGlitePool implements PostgresPool {
  #tail: Promise<void> = Promise.resolve();

  constructor(private readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => turn);
    await previous;
    const pglite = this.pglite;
    let released = false;
    return {
      async query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
        const result = await pglite.query<R>(sql, parameters as unknown[]);
        return {
          // Kysely reads the affected-row count only for INSERT/UPDATE/DELETE/MERGE results.
          command: 'UPDATE',
          rowCount: result.affectedRows ?? 0,
          rows: result.rows,
        };
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    } as PostgresPoolClient;
  }

  /** Runs a multi-statement script (migrations) with exclusive access. */
  async exec(script: string): Promise<void> {
    const client = await this.connect();
    try {
      await this.pglite.exec(`BEGIN;\n${script}\n;COMMIT;`);
    } catch (error) {
      await this.pglite.exec('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async end(): Promise<void> {
    const client = await this.connect();
    client.release();
  }
}
