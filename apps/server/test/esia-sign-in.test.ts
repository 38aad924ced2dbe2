import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSnils, snilsWithControl } from '@uslugi/contracts';
import { loadEsiaSettings } from '../src/platform/esia/settings.js';
import { InjectBrowser, locationOf, personForm, signInThroughEmulator } from './esia-browser.js';
import { countSessions, esiaTestApp, expectRefused, staffAttempt, type EsiaTestApp } from './esia-helpers.js';
import { appWith, signInAs, testApp, type Agent } from './harness.js';

// Sign-in through ESIA (the bundled emulator) for staff and applicants, end to end over HTTP.

const MOROZOV_SNILS = formatSnils(snilsWithControl('301234567'));

interface JournalItems {
  items: Array<{ action: string; actorName: string; objectType: string; payload: Record<string, unknown> }>;
}

describe('staff sign-in through ESIA', () => {
  let t: EsiaTestApp, operator: Agent, shumikhaOperator: Agent;

  beforeAll(async () => {
    ({
      t,
      as: [operator, shumikhaOperator],
    } = await appWith(esiaTestApp(), 'Хасанова', 'Кузнецова'));
  });
  afterAll(() => t.close());

  it('asks ESIA for ФИО and СНИЛС only, with a UUID v4 state and a signed request', async () => {
    const url = new URL(locationOf(await new InjectBrowser(t.app).get('/api/v1/auth/esia')));
    expect(url.pathname).toBe('/esia-emulator/aas/oauth2/v2/ac');
    expect(url.searchParams.get('scope')).toBe('openid fullname snils');
    expect(url.searchParams.get('scope_org')).toBe('');
    expect(url.searchParams.get('state')).toMatch(/^[0-9a-f-]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab]/);
    expect(url.searchParams.get('client_secret')).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(url.searchParams.get('client_certificate_hash')).toMatch(/^[0-9A-F]{64}$/);
    expect(url.searchParams.get('timestamp')).toMatch(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2} \+0300$/);
    expect(url.searchParams.get('redirect_uri')).toBe(`${t.config.publicUrl}/api/v1/auth/esia/callback`);
  });

  it('matches the employee by СНИЛС, lands by role, journals the sign-in with IP and browser', async () => {
    const browser = new InjectBrowser(t.app);
    const landed = await signInThroughEmulator(browser, '/api/v1/auth/esia', 'Галиева ');
    expect(locationOf(landed)).toBe('/arm');
    const cookie = landed.cookies.find((c) => c.name === 'uslugi_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const session = await browser.get('/api/v1/session');
    expect(session.json()).toMatchObject({ user: { fullName: 'Галиева Алсу Фаритовна' } });
    const journal = await operator.request({
      method: 'GET',
      url: '/api/v1/journal?objectType=session&limit=5',
    });
    const entry = (journal.json() as JournalItems).items.find((i) => i.actorName.startsWith('Галиева'));
    expect(entry).toMatchObject({ action: 'session.signed_in', payload: { ip: '127.0.0.1', via: 'esia' } });
    expect(entry?.payload.userAgent).toBe('lightMyRequest');
  });

  it('returns to the page asked for, never to another site', async () => {
    const back = await signInThroughEmulator(
      new InjectBrowser(t.app),
      '/api/v1/auth/esia?returnTo=%2Fadmin%2Femployees',
      'Хасанова ',
    );
    expect(locationOf(back)).toBe('/admin/employees');
    for (const evil of ['https://evil.example/', '//evil.example/x', '/api/v1/employees']) {
      const landed = await signInThroughEmulator(
        new InjectBrowser(t.app),
        `/api/v1/auth/esia?returnTo=${encodeURIComponent(evil)}`,
        'Хасанова ',
      );
      expect(locationOf(landed)).toBe('/admin');
    }
  });

  it('a forged Host or X-Forwarded-For changes neither the redirect URI nor the journaled address', async () => {
    // The code and state would otherwise travel to the forger's host (account takeover).
    const browser = new InjectBrowser(t.app);
    // A start at another address of the server moves to the public one first (the browser's cookie
    // is per host), never to the address the request named.
    const moved = locationOf(
      await browser.get('/api/v1/auth/esia?returnTo=%2Farm', { host: 'evil.example' }),
    );
    expect(moved).toBe(`${t.config.publicUrl}/api/v1/auth/esia?returnTo=%2Farm`);
    const forged = { 'x-forwarded-host': 'evil.example', 'x-forwarded-for': '6.6.6.6' };
    const toEsia = new URL(locationOf(await browser.get('/api/v1/auth/esia', forged)));
    expect(toEsia.pathname).toBe('/esia-emulator/aas/oauth2/v2/ac');
    expect(toEsia.origin).toBe(t.config.publicUrl);
    expect(toEsia.searchParams.get('redirect_uri')).toBe(`${t.config.publicUrl}/api/v1/auth/esia/callback`);
    // The emulator, like ESIA, accepts only the registered redirect URI, even when correctly signed.
    const signed = await t.esia.client?.authorizationUrl({
      scope: 'openid fullname snils',
      scopeOrg: '',
      state: crypto.randomUUID(),
      redirectUri: 'http://evil.example/api/v1/auth/esia/callback',
    });
    const refused = await browser.get(signed ?? '');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('ESIA-007023');

    const landed = await signInThroughEmulator(browser, '/api/v1/auth/esia', 'Петров ');
    expect(locationOf(landed)).toBe('/arm');
    const journal = await operator.request({
      method: 'GET',
      url: '/api/v1/journal?objectType=session&limit=5',
    });
    const entry = (journal.json() as JournalItems).items.find((i) => i.actorName.startsWith('Петров'));
    expect(entry?.payload.ip).toBe('127.0.0.1');
  });

  it('rotates the session id: the session the browser had before ends', async () => {
    const browser = new InjectBrowser(t.app);
    await signInThroughEmulator(browser, '/api/v1/auth/esia', 'Сафин ');
    const first = browser.cookies.get('uslugi_session');
    await signInThroughEmulator(browser, '/api/v1/auth/esia', 'Сафин ');
    const second = browser.cookies.get('uslugi_session');
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    const old = await t.app.inject({
      method: 'GET',
      url: '/api/v1/session',
      cookies: { uslugi_session: first ?? '' },
    });
    expect(old.statusCode).toBe(401);
  });

  it('an ESIA person who is nobody’s employee: a clear Russian message, no session', async () => {
    const before = await countSessions(t);
    const attempt = await staffAttempt(t, 'Морозов ');
    await expectRefused(t, attempt, 'esia_unknown_employee', before);
  });

  it('a blocked employee: refused, and the attempt is journaled in their municipality', async () => {
    const victim = await signInAs(t, 'Петров');
    await operator.request({
      method: 'POST',
      url: `/api/v1/employees/${victim.employeeId}/block`,
      payload: { reason: 'Увольнение' },
    });
    const before = await countSessions(t);
    await expectRefused(t, await staffAttempt(t, 'Петров '), 'employee_blocked', before);
    const journal = await operator.request({
      method: 'GET',
      url: `/api/v1/journal?actorId=${victim.employeeId}`,
    });
    expect((journal.json() as JournalItems).items.map((i) => i.action)).toContain('session.sign_in_refused');
  });

  it('a person employed in two municipalities chooses one; the choice is single-use', async () => {
    const person = {
      lastName: 'Морозов',
      firstName: 'Алексей',
      middleName: 'Игоревич',
      snils: MOROZOV_SNILS,
    };
    for (const [agent, email] of [
      [operator, 'a.morozov@demo.kzn.local'],
      [shumikhaOperator, 'a.morozov@demo.shumiha.local'],
    ] as const) {
      const res = await agent.request({
        method: 'POST',
        url: '/api/v1/employees',
        payload: { ...person, email, roles: ['employee'] },
      });
      expect(res.statusCode).toBe(201);
    }
    const browser = new InjectBrowser(t.app);
    const landed = locationOf(await signInThroughEmulator(browser, '/api/v1/auth/esia', 'Морозов '));
    expect(browser.cookies.has('uslugi_session')).toBe(false);
    const state = new URL(landed, 'http://localhost').searchParams.get('state') ?? '';
    const result = (await browser.get(`/api/v1/auth/esia/result?state=${state}`)).json<{
      outcome: string;
      choices: Array<{ employeeId: string; municipalityName: string }>;
    }>();
    expect(result.outcome).toBe('choose');
    expect(result.choices.map((c) => c.municipalityName).sort()).toEqual([
      'Администрация Шумихинского муниципального округа Курганской области',
      'Исполнительный комитет муниципального образования г. Казани',
    ]);
    const shumikha = result.choices.find((c) => c.municipalityName.includes('Шумихинского'));
    const foreign = await browser.request({
      method: 'POST',
      url: '/api/v1/auth/esia/choose',
      json: { state, employeeId: operator.employeeId },
    });
    expect(foreign.statusCode).toBe(400);
    const chosen = await browser.request({
      method: 'POST',
      url: '/api/v1/auth/esia/choose',
      json: { state, employeeId: shumikha?.employeeId },
    });
    expect(chosen.json()).toEqual({ redirectTo: '/arm' });
    expect((await browser.get('/api/v1/session')).json()).toMatchObject({
      user: { municipality: { name: shumikha?.municipalityName } },
    });
    const again = await browser.request({
      method: 'POST',
      url: '/api/v1/auth/esia/choose',
      json: { state, employeeId: shumikha?.employeeId },
    });
    expect(again.json()).toMatchObject({ code: 'esia_sign_in_invalid' });
  });

  it('lists one’s own active sessions and ends another one («Завершить сеанс»)', async () => {
    const laptop = new InjectBrowser(t.app);
    const phone = new InjectBrowser(t.app);
    await signInThroughEmulator(laptop, '/api/v1/auth/esia', 'Никитина ');
    await signInThroughEmulator(phone, '/api/v1/auth/esia', 'Никитина ');
    const list = (await laptop.get('/api/v1/auth/sessions')).json<
      Array<{ id: string; current: boolean; ip: string }>
    >();
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const other = list.find((s) => !s.current);
    const csrf = (await laptop.get('/api/v1/session')).json<{ csrfToken: string }>().csrfToken;
    const end = (id: string) =>
      laptop.request({
        method: 'POST',
        url: `/api/v1/auth/sessions/${id}/end`,
        headers: { 'x-csrf-token': csrf },
      });
    expect((await end(other?.id ?? '')).statusCode).toBe(204);
    expect((await phone.get('/api/v1/session')).statusCode).toBe(401);
    expect((await laptop.get('/api/v1/session')).statusCode).toBe(200);
    const operatorsOwn = (
      await operator.request({ method: 'GET', url: '/api/v1/auth/sessions' })
    ).json() as Array<{ id: string }>;
    expect((await end(operatorsOwn[0]?.id ?? '')).statusCode).toBe(404);
  });

  it('signs out through ESIA’s logout, which brings the browser back', async () => {
    const browser = new InjectBrowser(t.app);
    await signInThroughEmulator(browser, '/api/v1/auth/esia', 'Закиров ');
    const csrf = (await browser.get('/api/v1/session')).json<{ csrfToken: string }>().csrfToken;
    const out = await browser.request({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { 'x-csrf-token': csrf },
    });
    const { logoutUrl } = out.json<{ logoutUrl: string }>();
    const logout = new URL(logoutUrl);
    expect(logout.pathname).toBe('/esia-emulator/idp/ext/Logout');
    expect(logout.searchParams.get('client_id')).toBe('USLUGI_DEMO');
    expect(logout.searchParams.get('redirect_url')).toBe(`${t.config.publicUrl}/sign-in`);
    expect(locationOf(await browser.get(logoutUrl))).toBe(`${t.config.publicUrl}/sign-in`);
    expect((await browser.get('/api/v1/session')).statusCode).toBe(401);
  });
});

describe('applicant sign-in on the portal', () => {
  let t: EsiaTestApp, operator: Agent;
  let kazan: string;

  beforeAll(async () => {
    ({
      t,
      as: [operator],
    } = await appWith(esiaTestApp(), 'Хасанова'));
    const municipalities = (await t.app.inject({ method: 'GET', url: '/api/v1/portal/municipalities' })).json<
      Array<{ id: string; name: string }>
    >();
    kazan = municipalities.find((m) => m.name.includes('Казани'))?.id ?? '';
  });
  afterAll(() => t.close());

  const portalStart = () => `/api/v1/portal/auth/esia?municipalityId=${kazan}`;

  it('asks for the profile’s data and the organisation scopes', async () => {
    const url = new URL(locationOf(await new InjectBrowser(t.app).get(portalStart())));
    expect(url.searchParams.get('scope')).toContain('id_doc');
    expect(url.searchParams.get('scope')).toContain('addresses');
    expect(url.searchParams.get('scope_org')).toContain('org_ogrn');
    const bad = await new InjectBrowser(t.app).get(
      '/api/v1/portal/auth/esia?municipalityId=00000000-0000-4000-8000-000000000000',
    );
    expect(bad.statusCode).toBe(400);
  });

  it('becomes an applicant with the profile prefilled from ESIA («Мой профиль»)', async () => {
    const browser = new InjectBrowser(t.app);
    const landed = await signInThroughEmulator(browser, portalStart(), 'Морозов ');
    expect(locationOf(landed)).toBe('/profile');
    expect(browser.cookies.has('uslugi_portal_session')).toBe(true);
    expect(browser.cookies.has('uslugi_session')).toBe(false);
    const profile = (await browser.get('/api/v1/portal/profile')).json<Record<string, unknown>>();
    expect(profile).toMatchObject({
      fullName: 'Морозов Алексей Игоревич',
      snils: MOROZOV_SNILS,
      gender: 'M',
      email: 'a.morozov@mail.example',
      esiaTrusted: true,
      legalEntity: null,
    });
    const passport = profile.passport as { series: string; number: string };
    expect(passport.series).toMatch(/^92\d{2}$/);
    expect(passport.number).toMatch(/^\d{6}$/);
    expect(profile.registrationAddress).toMatch(/г\. Казань/);
    expect(profile.mobile).toMatch(/^\+7\(\d{3}\)\d{7}$/);
    expect(profile.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await browser.get('/api/v1/portal/session')).json()).toMatchObject({
      applicant: { fullName: 'Морозов Алексей Игоревич' },
      municipality: { id: kazan },
      homeMunicipality: { id: kazan },
    });
    await signInThroughEmulator(browser, portalStart(), 'Морозов ');
    const rows = await t.database.system
      .selectFrom('applicants')
      .select('id')
      .where('lastName', '=', 'Морозов')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('journals the applicant’s sign-in in the municipality of the portal they used', async () => {
    const journal = await operator.request({
      method: 'GET',
      url: '/api/v1/journal?objectType=portal_session',
    });
    const items = (journal.json() as JournalItems).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]).toMatchObject({ action: 'session.signed_in', actorName: 'Морозов Алексей Игоревич' });
    expect(items[0]?.payload).toMatchObject({ ip: '127.0.0.1', via: 'esia' });
  });

  it('signs in for an organisation when ESIA grants its scopes', async () => {
    const browser = new InjectBrowser(t.app);
    const toEsia = locationOf(await browser.get(portalStart()));
    const page = await browser.get(locationOf(await browser.get(toEsia)));
    const back = locationOf(
      await browser.request({
        method: 'POST',
        url: '/esia-emulator/login',
        form: personForm(page.body, 'Гарипов ', 'ООО «КСТ»'),
      }),
    );
    expect(locationOf(await browser.get(back))).toBe('/profile');
    const profile = (await browser.get('/api/v1/portal/profile')).json<{
      legalEntity: Record<string, string>;
    }>();
    expect(profile.legalEntity).toMatchObject({ shortName: 'ООО «КСТ»', kpp: '165801001' });
    expect(profile.legalEntity.ogrn).toMatch(/^\d{13}$/);
    expect((await browser.get('/api/v1/portal/session')).json()).toMatchObject({
      applicant: { legalEntityName: 'ООО «КСТ»' },
    });
  });

  it('an applicant’s session never reaches a staff route, nor a staff session a portal one', async () => {
    // Хасанова is an employee; on the portal she is an applicant like anyone else.
    const browser = new InjectBrowser(t.app);
    await signInThroughEmulator(browser, portalStart(), 'Хасанова ');
    expect(browser.cookies.has('uslugi_session')).toBe(false);
    for (const url of ['/api/v1/session', '/api/v1/employees', '/api/v1/journal', '/api/v1/auth/sessions']) {
      expect((await browser.get(url)).statusCode, url).toBe(401);
    }
    const portalCookie = browser.cookies.get('uslugi_portal_session') ?? '';
    const asStaff = await t.app.inject({
      method: 'GET',
      url: '/api/v1/employees',
      cookies: { uslugi_session: portalCookie },
    });
    expect(asStaff.statusCode).toBe(401);
    expect((await operator.request({ method: 'GET', url: '/api/v1/portal/profile' })).statusCode).toBe(401);
    const portalRoutes = t.routes.filter((r) => r.access === 'applicant').map((r) => r.url);
    expect(portalRoutes.length).toBeGreaterThan(3);
    expect(portalRoutes.every((u) => u.startsWith('/api/v1/portal/'))).toBe(true);
    const staffOnPortal = t.routes.filter(
      (r) => r.url.startsWith('/api/v1/portal/') && !['applicant', 'public'].includes(String(r.access)),
    );
    expect(staffOnPortal).toEqual([]);
  });

  it('lists the applicant’s sessions, ends one, and signs out through ESIA', async () => {
    const a = new InjectBrowser(t.app);
    const b = new InjectBrowser(t.app);
    await signInThroughEmulator(a, portalStart(), 'Белова ');
    await signInThroughEmulator(b, portalStart(), 'Белова ');
    const csrf = (await a.get('/api/v1/portal/session')).json<{ csrfToken: string }>().csrfToken;
    const list = (await a.get('/api/v1/portal/sessions')).json<Array<{ id: string; current: boolean }>>();
    expect(list).toHaveLength(2);
    const other = list.find((s) => !s.current)?.id ?? '';
    const ended = await a.request({
      method: 'POST',
      url: `/api/v1/portal/sessions/${other}/end`,
      headers: { 'x-csrf-token': csrf },
    });
    expect(ended.statusCode).toBe(204);
    expect((await b.get('/api/v1/portal/profile')).statusCode).toBe(401);
    const noCsrf = await a.request({ method: 'POST', url: '/api/v1/portal/auth/sign-out' });
    expect(noCsrf.statusCode).toBe(403);
    const out = await a.request({
      method: 'POST',
      url: '/api/v1/portal/auth/sign-out',
      headers: { 'x-csrf-token': csrf },
    });
    expect(new URL(out.json<{ logoutUrl: string }>().logoutUrl).searchParams.get('redirect_url')).toBe(
      `${t.config.publicUrl}/`,
    );
    expect((await a.get('/api/v1/portal/profile')).statusCode).toBe(401);
  });

  it('names the municipality of the region in the ESIA address, whichever the applicant signed in on', async () => {
    // Белова lives in Курганская область: her region's municipality is Шумиха, though she chose Казань.
    const browser = new InjectBrowser(t.app);
    await signInThroughEmulator(browser, portalStart(), 'Белова ');
    const session = (await browser.get('/api/v1/portal/session')).json<{
      municipality: { id: string };
      homeMunicipality: { id: string; name: string } | null;
    }>();
    expect(session.municipality.id).toBe(kazan);
    expect(session.homeMunicipality?.name).toMatch(/Шумихинского/);
  });
});

describe('sign-in endpoints', () => {
  it('are rate-limited per IP', async () => {
    const t = await testApp({ signInRateLimit: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++)
        codes.push((await t.app.inject({ method: 'GET', url: '/api/v1/auth/esia' })).statusCode);
      expect(codes).toEqual([302, 302, 302, 429]);
      const limited = await t.app.inject({ method: 'GET', url: '/api/v1/auth/esia' });
      expect(limited.json()).toMatchObject({ code: 'rate_limited' });
    } finally {
      await t.close();
    }
  });

  it('outside demo mode without ESIA_URL: no emulator, no demo sign-in, a clear refusal', async () => {
    const t = await testApp({ demo: false, esia: loadEsiaSettings({}, false) });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/esia' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'esia_not_configured' });
      expect(t.esia.emulator).toBeNull();
      expect(t.routes.filter((r) => r.url.startsWith('/esia-emulator'))).toEqual([]);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/demo-users' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
