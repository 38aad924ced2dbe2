import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { tenantIds } from '../../db/tenant.js';
import { runCommand, runQuery } from '../../platform/commands.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import { SYSTEM_ACTOR } from '../../platform/journal/append.js';
import { enqueue, type JobHandler } from '../../platform/jobs/queue.js';
import { notifiedSince, notify } from '../notifications/index.js';
import { employeesWithRole } from '../org/index.js';
import { lockTermScan, scanMunicipalityTerms, type ScanOutcome } from './scan-terms.js';

export const TERMS_SCAN_QUEUE = 'terms.scan';

/** A failed municipality is scanned again this soon by a job of its own (then by the queue's backoff). */
const RETRY_AFTER_MS = 60_000;

export interface TermScanDeps {
  database: Database;
  clock: Clock;
  logger: Logger;
  /** E-mail the alerts too (SMTP_URL is set). */
  mail: boolean;
}

/**
 * Scans one municipality; on failure tells its technical operators (tech_operator) once per streak of
 * failures — the first failure after the last successful scan — journals it, logs it and rethrows.
 * The report has its own transaction: the failed scan's was rolled back.
 */
export async function scanOrReport(deps: TermScanDeps, municipalityId: string): Promise<ScanOutcome> {
  const today = todayOf(deps.clock);
  try {
    return await scanMunicipalityTerms(deps.database, {
      municipalityId,
      today,
      now: deps.clock(),
      mail: deps.mail,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.error({ municipalityId, err: message }, 'term scan failed');
    await reportFailure(deps, municipalityId, message).catch((reportError: unknown) =>
      deps.logger.error({ municipalityId, err: String(reportError) }, 'term scan failure not reported'),
    );
    throw error;
  }
}

async function reportFailure(deps: TermScanDeps, municipalityId: string, message: string): Promise<void> {
  await runCommand(
    { database: deps.database, municipalityId, actor: SYSTEM_ACTOR },
    async ({ tx, journal }) => {
      // Two failing scans of the municipality (the recurring run and a retry job, on two workers) would
      // both find no notice since the mark and both tell the operators: the second waits here and
      // then finds the first's notice.
      await lockTermScan(tx, municipalityId, true);
      const mark = await tx.selectFrom('termScanMarks').select('scannedAt').executeTakeFirst();
      const about = { objectType: 'term_scan', objectId: municipalityId };
      if (await notifiedSince(tx, { ...about, since: mark?.scannedAt ?? null })) return;
      const operators = await employeesWithRole(tx, 'tech_operator');
      for (const recipientId of operators) {
        await notify(tx, {
          municipalityId,
          recipientId,
          text:
            'Контроль сроков не выполнен: предупреждения и нарушения сроков не проверены. ' +
            'Проверка будет повторена автоматически; подробности — в журнале сервера.',
          ...about,
        });
      }
      await journal({
        action: 'term.scan_failed',
        ...about,
        payload: { error: message.slice(0, 1000), told: operators },
      });
    },
  );
}

/**
 * The `terms.scan` queue. Without a municipality in the payload (the recurring run) every municipality
 * is scanned, each in its own transaction: one that fails never stops the others, and gets a retry job
 * of its own. With one (that retry), only it is scanned and a failure fails the job, so the queue
 * retries it with its backoff; the next recurring run picks it up anyway.
 */
export function termScanJobs(deps: TermScanDeps): Record<string, JobHandler> {
  return {
    [TERMS_SCAN_QUEUE]: async (job) => {
      const { municipalityId } = job.payload;
      if (typeof municipalityId === 'string') {
        await scanOrReport(deps, municipalityId);
        return;
      }
      for (const id of await tenantIds(deps.database)) {
        try {
          const outcome = await scanOrReport(deps, id);
          if (outcome.skipped) {
            deps.logger.info({ municipalityId: id }, 'term scan skipped: another scan of it is running');
          } else if (outcome.violations + outcome.warnings > 0) {
            deps.logger.info({ municipalityId: id, ...outcome }, 'term scan');
          }
        } catch {
          const runAt = new Date(Date.now() + RETRY_AFTER_MS);
          // In the municipality's own transaction (the tenant role may add jobs); should even that
          // fail, the next recurring run scans it anyway, and the others go on.
          await runQuery({ database: deps.database, municipalityId: id }, (tx) =>
            enqueue(tx, {
              queue: TERMS_SCAN_QUEUE,
              payload: { municipalityId: id },
              singletonKey: `${TERMS_SCAN_QUEUE}:${id}:${Math.floor(runAt.getTime() / RETRY_AFTER_MS)}`,
              runAt,
              maxAttempts: 5,
            }),
          ).catch((error: unknown) =>
            deps.logger.error({ municipalityId: id, err: String(error) }, 'term scan retry not queued'),
          );
        }
      }
    },
  };
}
