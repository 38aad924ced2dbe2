import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';

/** The workplace's routes of intake: paper acceptance and refusal, incoming e-applications (000 items 3.2, 3.3). */
export function staffApplicationRoutes(_app: App, _ctx: ModuleContext): void {}
