import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';

/** Uploads of files attached to applications, by applicants and by staff (streamed, checked by content). */
export function applicationFileRoutes(_app: App, _ctx: ModuleContext): void {}
