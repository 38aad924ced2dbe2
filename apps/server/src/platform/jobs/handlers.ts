import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { deleteExpiredKeys } from '../idempotency.js';
import { publishHeads } from '../journal/publish.js';
import { sealJournal } from '../journal/seal.js';
import type { Pki } from '../pki/installation.js';
import { sealSigner } from '../pki/seal-signer.js';
import type { JobHandler, Recurring } from './queue.js';

/** The platform's queues and their schedules. */
export function platformJobs(
  database: Database,
  config: Config,
  logger: Logger,
  /** Signs each seal with the system's GOST key (issue 5); without it seals are unsigned. */
  pki?: Pki,
): { handlers: Record<string, JobHandler>; recurring: Recurring[] } {
  return {
    handlers: {
      'journal.seal': () => sealAndPublish(database, config, logger, pki),
      // Idempotency keys are kept for a day (platform/idempotency.ts); an expired one holds nothing.
      'idempotency.expire': async () => {
        const deleted = await deleteExpiredKeys(database);
        if (deleted > 0) logger.info({ deleted }, 'expired idempotency keys removed');
      },
    },
    recurring: [
      { queue: 'journal.seal', everySeconds: config.journalSealSeconds },
      { queue: 'idempotency.expire', everySeconds: 3600 },
    ],
  };
}

/**
 * Seals the journal and publishes every new signed head outside the database (JOURNAL_HEADS_FILE).
 * Run by the sealing job and once more at a graceful shutdown, so that nothing written before a stop
 * stays unsealed while the server is down (what is unsealed can be changed without a trace).
 */
export async function sealAndPublish(
  database: Database,
  config: Config,
  logger: Logger,
  pki?: Pki,
): Promise<void> {
  const installation = pki ? await pki.ready() : undefined;
  const signer = pki && installation ? sealSigner(pki.provider, installation) : undefined;
  const seal = await sealJournal(database, signer);
  if (seal) {
    logger.info(
      { sealId: seal.sealId, heads: seal.headCount, signed: seal.signed, treeSize: seal.treeSize },
      'journal sealed',
    );
  }
  const published = await publishHeads(database, config.journalHeadsFile, installation?.caFingerprint);
  if (published > 0) logger.info({ published, file: config.journalHeadsFile }, 'journal heads published');
}
