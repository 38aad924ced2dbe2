import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { hashToken } from '../src/modules/sessions/index.js';
import { InjectBrowser, signInThroughEmulator } from './esia-browser.js';
import { signInAs, testApp, type TestApp } from './harness.js';

interface ErrorBody {
  code: string;
  message: string;
}

/** Signed in 12 hours and a minute ago, active a moment ago. */
const longAgo = () => new Date(Date.now() - (12 * 60 + 1) * 60_000);

// An absolute lifetime besides the idle timeout: a session kept alive by activity (or by a stolen
// cookie used now and then) still ends, and the person signs in through ESIA again.
describe('absolute session lifetime (SESSION_MAX_HOURS)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('is 12 hours by default and read from the environment', () => {
    expect(loadConfig({}).sessionMaxHours).toBe(12);
    expect(loadConfig({ SESSION_MAX_HOURS: '8' }).sessionMaxHours).toBe(8);
    expect(() => loadConfig({ SESSION_MAX_HOURS: '0' })).toThrow(/SESSION_MAX_HOURS/);
    expect(() => loadConfig({ SESSION_MAX_HOURS: 'много' })).toThrow(/SESSION_MAX_HOURS/);
  });

  it('ends a staff session that long after sign-in however active it is', async () => {
    const agent = await signInAs(t, 'Хасанова');
    expect((await agent.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    await sql`update sessions set created_at = ${longAgo()}, last_seen_at = now()
      where employee_id = ${agent.employeeId} and ended_at is null`.execute(t.database.system);
    const res = await agent.request({ method: 'GET', url: '/api/v1/session' });
    expect(res.statusCode).toBe(401);
    const body = res.json() as ErrorBody;
    expect(body.code).toBe('session_lifetime_exceeded');
    expect(body.message).toMatch(/Сеанс завершён.*Войдите снова/);
    const open = await t.database.system
      .selectFrom('sessions')
      .select('tokenHash')
      .where('employeeId', '=', agent.employeeId)
      .where('endedAt', 'is', null)
      .execute();
    expect(open).toEqual([]);
    // Signing in again gives a fresh session.
    const again = await signInAs(t, 'Хасанова');
    expect((await again.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
  });

  it('ends an applicant’s portal session the same way', async () => {
    const municipalities = (await t.app.inject({ method: 'GET', url: '/api/v1/portal/municipalities' })).json<
      Array<{ id: string; name: string }>
    >();
    const kazan = municipalities.find((m) => m.name.includes('Казани'))?.id ?? '';
    const browser = new InjectBrowser(t.app);
    await signInThroughEmulator(browser, `/api/v1/portal/auth/esia?municipalityId=${kazan}`, 'Морозов ');
    expect((await browser.get('/api/v1/portal/session')).statusCode).toBe(200);
    const token = browser.cookies.get('uslugi_portal_session') ?? '';
    await sql`update applicant_sessions set created_at = ${longAgo()}, last_seen_at = now()
      where token_hash = ${hashToken(token)}`.execute(t.database.system);
    const res = await browser.get('/api/v1/portal/session');
    expect(res.statusCode).toBe(401);
    expect(res.json<ErrorBody>().code).toBe('session_lifetime_exceeded');
    const row = await t.database.system
      .selectFrom('applicantSessions')
      .select('endedAt')
      .where('tokenHash', '=', hashToken(token))
      .executeTakeFirstOrThrow();
    expect(row.endedAt).not.toBeNull();
  });

  it('a session within its lifetime goes on', async () => {
    const agent = await signInAs(t, 'Галиева');
    const elevenHoursAgo = new Date(Date.now() - 11 * 60 * 60_000);
    await sql`update sessions set created_at = ${elevenHoursAgo}
      where employee_id = ${agent.employeeId} and ended_at is null`.execute(t.database.system);
    expect((await agent.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
  });
});
