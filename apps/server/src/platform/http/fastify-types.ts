import type { SmevFetch } from '../smev/types.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { Access } from '../auth/permissions.js';
import type { ApplicantAuthContext, AuthContext } from '../auth/context.js';
import type { Clock } from '../clock.js';
import type { FetchLike } from '../esia/client.js';
import type { FileStore } from '../files/file-store.js';
import type { IdempotencyClaim } from '../idempotency.js';
import type { Pki } from '../pki/installation.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares what it requires; a route without it refuses to register. */
    access?: Access;
    /**
     * A state-changing route that honours an `Idempotency-Key` header: a repeated key returns the
     * first outcome without applying the command twice (see platform/idempotency.ts).
     */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | undefined;
    /** The applicant of a portal session (routes with `access: 'applicant'` only). */
    applicant: ApplicantAuthContext | undefined;
    /** The request's `Idempotency-Key` on an idempotent route (see platform/idempotency.ts). */
    idempotency: IdempotencyClaim | undefined;
  }
}

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AppDeps {
  config: Config;
  database: Database;
  /** Where "today" comes from (the real clock unless a test fixes it). */
  clock?: Clock;
  /** The installation's PKI and GOST provider (made from the config unless given). */
  pki?: Pki;
  /** Where documents' bytes are stored (the local directory FILES_DIR unless given). */
  files?: FileStore;
  /** How the server reaches ESIA (the network to ESIA_URL, or the bundled emulator in-process, unless given). */
  esiaFetch?: FetchLike;
  /** Tests: a transport in front of the bundled SMEV emulator's (to count sends, to lose an answer). */
  smevFetch?: (inner: SmevFetch) => SmevFetch;
}
