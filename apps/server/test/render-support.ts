import pino from 'pino';
import { documentsModule } from '../src/modules/documents/index.js';
import { RENDER_QUEUE } from '../src/modules/documents/renders.js';
import { JobWorker } from '../src/platform/jobs/queue.js';
import type { TestApp } from './harness.js';

/**
 * Runs the job worker on the documents module's queue until no `documents.render` job is left to run:
 * a failed attempt's retry (the queue's backoff) is made due at once. Returns the attempts run.
 */
export async function runRenderJobs(t: TestApp): Promise<number> {
  const worker = new JobWorker({
    database: t.database,
    logger: pino({ level: 'silent' }),
    handlers: documentsModule.jobs(t.context).handlers,
  });
  let runs = 0;
  for (;;) {
    await t.database.system
      .updateTable('jobs')
      .set({ runAt: new Date(0) })
      .where('queue', '=', RENDER_QUEUE)
      .where('state', '=', 'queued')
      .execute();
    if (!(await worker.runOnce())) return runs;
    runs++;
  }
}
