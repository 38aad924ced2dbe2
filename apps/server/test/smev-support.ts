import pino from 'pino';
import type { Job } from '../src/platform/jobs/queue.js';
import { JobWorker } from '../src/platform/jobs/queue.js';
import { smevModule } from '../src/modules/smev/index.js';
import { SEND_QUEUE } from '../src/modules/smev/outbox.js';
import { POLL_QUEUE } from '../src/modules/smev/poll-job.js';
import type { TestApp } from './harness.js';

/** Sends what the outbox holds (the job worker's `smev.send`), retries included; returns the runs. */
export async function runSendJobs(t: TestApp): Promise<number> {
  const worker = new JobWorker({
    database: t.database,
    logger: pino({ level: 'silent' }),
    handlers: { [SEND_QUEUE]: smevModule.jobs(t.context).handlers[SEND_QUEUE]! },
  });
  let runs = 0;
  for (;;) {
    await t.database.system
      .updateTable('jobs')
      .set({ runAt: new Date(0) })
      .where('queue', '=', SEND_QUEUE)
      .where('state', '=', 'queued')
      .execute();
    if (!(await worker.runOnce())) return runs;
    runs++;
  }
}

/** One run of the answers' poller (`smev.poll`), as the recurring job makes it. */
export async function pollOnce(t: TestApp): Promise<void> {
  const handler = smevModule.jobs(t.context).handlers[POLL_QUEUE]!;
  const job: Job = { id: 0, queue: POLL_QUEUE, payload: {}, attempts: 1, maxAttempts: 1 };
  await handler(job);
}
