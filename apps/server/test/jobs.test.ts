import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffSeconds, enqueue, JobWorker, type Job } from '../src/platform/jobs/queue.js';
import { testDatabase, type TestDatabase } from './harness.js';

describe('job queue', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(() => database.close());

  const logger = pino({ level: 'silent' });

  it('runs a job once; a singleton key makes a second enqueue a no-op', async () => {
    const seen: Job[] = [];
    const worker = new JobWorker({
      database,
      logger,
      handlers: { hello: async (job) => void seen.push(job) },
    });
    expect(
      await enqueue(database.system, { queue: 'hello', payload: { n: 1 }, singletonKey: 'hello:1' }),
    ).toBeDefined();
    expect(
      await enqueue(database.system, { queue: 'hello', payload: { n: 2 }, singletonKey: 'hello:1' }),
    ).toBeUndefined();
    expect(await worker.runOnce()).toBe(true);
    expect(await worker.runOnce()).toBe(false);
    expect(seen.map((j) => j.payload)).toEqual([{ n: 1 }]);
  });

  it('retries a failing job with growing delays, then marks it failed', async () => {
    let calls = 0;
    const worker = new JobWorker({
      database,
      logger,
      handlers: {
        flaky: async () => {
          calls++;
          throw new Error('СМЭВ недоступен');
        },
      },
    });
    const id = (await enqueue(database.system, { queue: 'flaky', maxAttempts: 2 }))!;
    expect(await worker.runOnce()).toBe(true);
    let row = await database.system
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'queued', attempts: 1, lastError: 'СМЭВ недоступен' });
    expect(row.runAt.getTime()).toBeGreaterThan(Date.now() + 1000);
    expect(await worker.runOnce()).toBe(false); // not due yet
    await database.system
      .updateTable('jobs')
      .set({ runAt: new Date(0) })
      .where('id', '=', id)
      .execute();
    expect(await worker.runOnce()).toBe(true);
    row = await database.system.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'failed', attempts: 2 });
    expect(calls).toBe(2);
    expect([1, 2, 3, 20].map(backoffSeconds)).toEqual([2, 4, 8, 3600]);
  });

  it('takes over a job whose worker died after its lease ran out', async () => {
    const id = (await enqueue(database.system, { queue: 'orphan' }))!;
    await database.system
      .updateTable('jobs')
      .set({ state: 'active', attempts: 1, lockedUntil: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    const done: number[] = [];
    const worker = new JobWorker({
      database,
      logger,
      handlers: { orphan: async (job) => void done.push(job.id) },
    });
    expect(await worker.runOnce()).toBe(true);
    expect(done).toEqual([id]);
  });

  it('two workers never take the same job', async () => {
    for (let i = 0; i < 10; i++) await enqueue(database.system, { queue: 'pair', payload: { i } });
    const taken: number[] = [];
    const handler = async (job: Job) => void taken.push(job.payload.i as number);
    const a = new JobWorker({ database, logger, handlers: { pair: handler } });
    const b = new JobWorker({ database, logger, handlers: { pair: handler } });
    const drain = async (w: JobWorker) => {
      while (await w.runOnce()) {
        /* keep going */
      }
    };
    await Promise.all([drain(a), drain(b)]);
    expect(taken.sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('job queue: leases and housekeeping', () => {
  let database: TestDatabase;
  const logger = pino({ level: 'silent' });
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(() => database.close());

  it('a job whose worker died on its last attempt is failed, not run again', async () => {
    const id = (await enqueue(database.system, { queue: 'doomed', maxAttempts: 2 }))!;
    await database.system
      .updateTable('jobs')
      .set({ state: 'active', attempts: 2, lockedUntil: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    let ran = 0;
    const worker = new JobWorker({ database, logger, handlers: { doomed: async () => void ran++ } });
    expect(await worker.runOnce()).toBe(false);
    expect(ran).toBe(0);
    const row = await database.system
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('failed');
    expect(row.lastError).toMatch(/аренды/);
  });

  it('a worker whose lease was taken over does not overwrite the new holder’s outcome', async () => {
    const id = (await enqueue(database.system, { queue: 'slow' }))!;
    let release: () => void = () => {};
    const slow = new JobWorker({
      database,
      logger,
      leaseSeconds: 1,
      handlers: { slow: () => new Promise<void>((resolve) => (release = resolve)) },
    });
    const first = slow.runOnce();
    await new Promise((r) => setTimeout(r, 50));
    // The lease runs out; another worker takes the job over and fails it.
    await database.system
      .updateTable('jobs')
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    const other = new JobWorker({
      database,
      logger,
      handlers: {
        slow: async () => {
          throw new Error('второй исполнитель');
        },
      },
    });
    expect(await other.runOnce()).toBe(true);
    release();
    await first;
    const row = await database.system
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'queued', attempts: 2, lastError: 'второй исполнитель' });
  });

  it('removes finished jobs after a week and keeps what is young or pending', async () => {
    const old = (await enqueue(database.system, { queue: 'house' }))!;
    const young = (await enqueue(database.system, { queue: 'house' }))!;
    const pending = (await enqueue(database.system, { queue: 'house' }))!;
    await database.system
      .updateTable('jobs')
      .set({ state: 'done', finishedAt: new Date(Date.now() - 8 * 86_400_000) })
      .where('id', '=', old)
      .execute();
    await database.system
      .updateTable('jobs')
      .set({ state: 'done', finishedAt: new Date() })
      .where('id', '=', young)
      .execute();
    const worker = new JobWorker({ database, logger, handlers: {} });
    expect(await worker.purgeFinished()).toBe(1);
    const left = await database.system.selectFrom('jobs').select('id').where('queue', '=', 'house').execute();
    expect(left.map((r) => r.id).sort((a, b) => a - b)).toEqual([young, pending]);
  });
});
