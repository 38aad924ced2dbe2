import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, Tx } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

export interface EnqueueOptions {
  queue: string;
  payload?: Record<string, unknown>;
  /** At most one job ever exists per key: a second enqueue with it does nothing (idempotency). */
  singletonKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Enqueues a job; inside a transaction it appears only if that transaction commits. */
export async function enqueue(db: Kysely<DB> | Tx, options: EnqueueOptions): Promise<number | undefined> {
  const row = await db
    .insertInto('jobs')
    .values({
      queue: options.queue,
      payload: JSON.stringify(options.payload ?? {}),
      singletonKey: options.singletonKey ?? null,
      runAt: options.runAt ?? new Date(),
      maxAttempts: options.maxAttempts ?? 5,
    })
    .onConflict((oc) => oc.column('singletonKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export interface Job {
  id: number;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/** Finished jobs are kept this long for inspection, then removed (recurring ones add one per run). */
export const KEEP_FINISHED_DAYS = 7;

/** A handler must be idempotent: a job whose worker died is retried after its lease runs out. */
export type JobHandler = (job: Job) => Promise<void>;

export interface Recurring {
  queue: string;
  everySeconds: number;
}

export interface WorkerOptions {
  database: Database;
  handlers: Record<string, JobHandler>;
  recurring?: Recurring[];
  logger: Logger;
  pollMs?: number;
  leaseSeconds?: number;
}

/** Retry delay after the n-th failed attempt: 2, 4, 8 … seconds, at most one hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(2 ** attempts, 3600);
}

export class JobWorker {
  #stopping = false;
  #running: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  readonly #pollMs: number;
  readonly #leaseSeconds: number;

  constructor(private readonly options: WorkerOptions) {
    this.#pollMs = options.pollMs ?? 1000;
    this.#leaseSeconds = options.leaseSeconds ?? 300;
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#running;
  }

  /** Claims and runs one ready job; returns false when none was ready. */
  async runOnce(): Promise<boolean> {
    const job = await this.#claim();
    if (!job) return false;
    const { database, handlers, logger } = this.options;
    const handler = handlers[job.queue];
    // The outcome is written only while this worker still holds the job (same attempt, still
    // active): after a lease ran out another worker may have taken it over.
    const ours = database.system
      .updateTable('jobs')
      .where('id', '=', job.id)
      .where('state', '=', 'active')
      .where('attempts', '=', job.attempts);
    try {
      if (!handler) throw new Error(`no handler for queue ${job.queue}`);
      await handler(job);
      await ours.set({ state: 'done', finishedAt: new Date(), lockedUntil: null, lastError: null }).execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = job.attempts >= job.maxAttempts;
      logger.warn({ jobId: job.id, queue: job.queue, attempt: job.attempts, err: message }, 'job failed');
      await ours
        .set({
          state: failed ? 'failed' : 'queued',
          lastError: message,
          lockedUntil: null,
          runAt: new Date(Date.now() + backoffSeconds(job.attempts) * 1000),
          finishedAt: failed ? new Date() : null,
        })
        .execute();
    }
    return true;
  }

  async #claim(): Promise<Job | undefined> {
    const queues = Object.keys(this.options.handlers);
    if (queues.length === 0) return undefined;
    const lease = `${this.#leaseSeconds} seconds`;
    const db = this.options.database.system;
    // A job whose worker died on its last allowed attempt is not run again: it is failed.
    await sql`
      update jobs set state = 'failed', locked_until = null, finished_at = now(),
        last_error = coalesce(last_error, 'обработчик не завершил задание до истечения аренды')
      where state = 'active' and locked_until < now() and attempts >= max_attempts
        and queue = any(${queues}::text[])`.execute(db);
    const result = await sql<Job>`
      update jobs set state = 'active', attempts = attempts + 1,
        locked_until = now() + ${lease}::interval
      where id = (
        select id from jobs
        where queue = any(${queues}::text[])
          and ((state = 'queued' and run_at <= now())
            or (state = 'active' and locked_until < now() and attempts < max_attempts))
        order by run_at, id
        for update skip locked
        limit 1
      )
      returning id, queue, payload, attempts, max_attempts as "maxAttempts"`.execute(db);
    return result.rows[0];
  }

  /** Removes finished jobs older than KEEP_FINISHED_DAYS; returns how many. */
  async purgeFinished(): Promise<number> {
    const result = await sql`
      delete from jobs where state in ('done', 'failed')
        and finished_at < now() - make_interval(days => ${KEEP_FINISHED_DAYS})`.execute(
      this.options.database.system,
    );
    return Number(result.numAffectedRows ?? 0);
  }

  #lastPurge = 0;

  async #scheduleRecurring(): Promise<void> {
    const now = Date.now();
    if (now - this.#lastPurge > 3_600_000) {
      this.#lastPurge = now;
      await this.purgeFinished();
    }
    for (const r of this.options.recurring ?? []) {
      const bucket = Math.floor(now / (r.everySeconds * 1000));
      await enqueue(this.options.database.system, {
        queue: r.queue,
        singletonKey: `${r.queue}:${r.everySeconds}:${bucket}`,
        maxAttempts: 3,
      });
    }
  }

  async #loop(): Promise<void> {
    const { logger } = this.options;
    while (!this.#stopping) {
      let worked = false;
      try {
        await this.#scheduleRecurring();
        worked = await this.runOnce();
      } catch (error) {
        logger.error({ err: error }, 'job worker error');
      }
      if (!worked && !this.#stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#pollMs);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
