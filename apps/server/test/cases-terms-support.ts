import pino from 'pino';
import { inTenant } from '../src/db/tenant.js';
import { casesModule } from '../src/modules/cases/index.js';
import { notificationsModule } from '../src/modules/notifications/index.js';
import { JobWorker, type Job } from '../src/platform/jobs/queue.js';
import type { TestApp } from './harness.js';

/** Helpers of the cases-terms*.test.ts files: term control run as the job worker runs it. */

/** Moscow 10:00 of a date: a working morning of the moved clock. */
export function morningOf(date: string): Date {
  return new Date(`${date}T07:00:00Z`);
}

const job = (payload: Record<string, unknown> = {}): Job => ({
  id: 0,
  queue: 'terms.scan',
  payload,
  attempts: 1,
  maxAttempts: 3,
});

/** One recurring run of `terms.scan`, through the handler the cases module registers. */
export async function runTermScan(t: TestApp, payload: Record<string, unknown> = {}): Promise<void> {
  const jobs = casesModule.jobs(t.context);
  await jobs.handlers['terms.scan']!(job(payload));
}

/** Runs every ready job of the notifications module's queues (mail.send) until none is left. */
export async function runMailJobs(t: TestApp): Promise<number> {
  const worker = new JobWorker({
    database: t.database,
    logger: pino({ level: 'silent' }),
    handlers: notificationsModule.jobs(t.context).handlers,
  });
  let runs = 0;
  while (await worker.runOnce()) runs++;
  return runs;
}

/** The case's terms' executor, as «Назначить мне» leaves them (the case and its open terms). */
export function assignDirectly(t: TestApp, municipalityId: string, caseId: string, executorId: string) {
  return inTenant(t.database, municipalityId, async (tx) => {
    const row = await tx
      .updateTable('cases')
      .set({ executorId, assignedAt: new Date() })
      .where('id', '=', caseId)
      .returning(['termId', 'stageTermId'])
      .executeTakeFirstOrThrow();
    const ids = [row.termId, row.stageTermId].filter((id): id is string => id !== null);
    await tx.updateTable('terms').set({ executorId }).where('id', 'in', ids).execute();
  });
}

export function notificationsOf(t: TestApp, municipalityId: string, recipientId: string) {
  return inTenant(t.database, municipalityId, (tx) =>
    tx
      .selectFrom('notifications')
      .select(['text', 'objectType', 'objectId'])
      .where('recipientId', '=', recipientId)
      .orderBy('createdAt')
      .execute(),
  );
}

export function journalOf(t: TestApp, municipalityId: string, action: string) {
  return inTenant(t.database, municipalityId, (tx) =>
    tx
      .selectFrom('journalEntries')
      .select(['objectType', 'objectId', 'payload'])
      .where('action', '=', action)
      .execute(),
  );
}

export function alertsOf(t: TestApp, municipalityId: string) {
  return inTenant(t.database, municipalityId, (tx) =>
    tx.selectFrom('termAlerts').select(['termId', 'kind', 'objectType', 'objectId', 'dueDate']).execute(),
  );
}

/** The stage term of a case: its id and due date. */
export function stageTermOf(t: TestApp, municipalityId: string, caseId: string) {
  return inTenant(t.database, municipalityId, async (tx) => {
    const row = await tx
      .selectFrom('cases')
      .select(['stageTermId', 'termId', 'dueDate'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const stage = await tx
      .selectFrom('terms')
      .select(['id', 'dueDate', 'title'])
      .where('id', '=', row.stageTermId ?? '')
      .executeTakeFirstOrThrow();
    return { stage, caseTermId: row.termId ?? '', caseDue: row.dueDate };
  });
}
