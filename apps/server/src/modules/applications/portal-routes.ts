import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';

/** The portal's routes of applications: drafts, submission, the applicant's own list (000 item 3.3). */
export function portalApplicationRoutes(_app: App, _ctx: ModuleContext): void {}
