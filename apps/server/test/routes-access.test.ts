import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { sessionResolvers } from '../src/modules/sessions/index.js';
import { isAccess } from '../src/platform/auth/permissions.js';
import { installGuard, type RegisteredRoute } from '../src/platform/http/guard.js';
import type { App } from '../src/platform/http/fastify-types.js';
import { testApp, type TestApp } from './harness.js';

describe('every route declares the permission it needs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('walks all registered routes', () => {
    expect(t.routes.length).toBeGreaterThan(10);
    const missing = t.routes.filter((r) => !isAccess(r.access)).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    const writes = t.routes.filter((r) => !['GET', 'HEAD'].includes(r.method));
    const publicWrites = writes.filter((r) => r.access === 'public').map((r) => r.url);
    expect(publicWrites.sort()).toEqual(
      [
        // sign-in through ESIA: the choice of a municipality, staff's and applicant's (bound to the browser)
        '/api/v1/auth/esia/choose',
        '/api/v1/portal/auth/esia/choose',
        '/api/v1/verify',
        // the portal's check of a filled application against the published form: nothing is stored
        '/api/v1/portal/services/:id/check',
        // the bundled ESIA emulator: its sign-in page and token endpoint
        '/esia-emulator/aas/oauth2/v3/te',
        '/esia-emulator/login',
        // the bundled SMEV emulator (demo mode only): its SOAP endpoint and its behaviour settings
        '/smev-emulator',
        '/smev-emulator/api/behaviour',
        '/smev-emulator/ws',
      ].sort(),
    );
  });

  it('a route registered without a permission fails at start-up', async () => {
    const app = Fastify({ logger: false }) as unknown as App;
    const routes: RegisteredRoute[] = [];
    installGuard(app, { config: loadConfig({}), database: t.database }, routes, sessionResolvers(t.database));
    const register = async () => {
      app.get('/api/v1/forgotten', { handler: () => 'oops' });
      await app.ready();
    };
    await expect(register()).rejects.toThrow(/declares no access/);
    expect(routes.map((r) => r.url)).toContain('/api/v1/forgotten');
  });
});
