import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { Clock } from './clock.js';
import type { EsiaRuntime } from './esia/install.js';
import type { FileStore } from './files/file-store.js';
import type { App } from './http/fastify-types.js';
import type { JobHandler, Recurring } from './jobs/queue.js';
import type { JournalTitles, JournalTitleSet } from './journal/titles.js';
import type { Pki } from './pki/installation.js';
import type { SmevRuntime } from './smev/install.js';

/**
 * What every module gets from the application: the infrastructure, made once by app.ts. A module
 * reaches another module only through that module's index.ts, never through this context.
 */
export interface ModuleContext {
  config: Config;
  database: Database;
  /** Where "today" comes from (the real clock unless a test fixes it). */
  clock: Clock;
  /** The installation's PKI and GOST provider. */
  pki: Pki;
  /** Where documents' bytes are stored. */
  files: FileStore;
  /** The ESIA adapter (null client: ESIA is not configured). */
  esia: EsiaRuntime;
  /** The SMEV 3 adapter (null client: SMEV is not configured). */
  smev: SmevRuntime;
  logger: Logger;
  /** Russian titles of what every module journals (the journal view shows them). */
  journalTitles: JournalTitles;
}

/** What a module contributes to the job worker: handlers by queue, and schedules if any. */
export interface ModuleJobs {
  handlers: Record<string, JobHandler>;
  recurring?: Recurring[];
}

/**
 * A module: the tables it owns (no other module or platform file names them; the ownership test
 * holds the code to this), its HTTP routes, its job handlers and the titles of what it journals.
 * Adding a module is a folder with an index.ts exporting `defineModule({...})`, one line in
 * `modules/index.ts` and, if it has tables, its migration. See docs/adding-a-module.md.
 */
export interface ModuleDescriptor {
  /** The folder's name under src/modules. */
  readonly name: string;
  /** The tables the module owns, as Kysely names them (camelCase of the SQL name). */
  readonly tables: readonly (keyof DB)[];
  routes?(app: App, ctx: ModuleContext): void;
  jobs?(ctx: ModuleContext): ModuleJobs;
  /** Russian titles of the journal actions and object types the module writes. */
  readonly journalTitles?: JournalTitleSet;
}

export function defineModule<const M extends ModuleDescriptor>(descriptor: M): M {
  return descriptor;
}
