import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectBrowser, locationOf, signInThroughEmulator } from './esia-browser.js';
import { esiaTestApp, type EsiaTestApp } from './esia-helpers.js';
import { appWith, type Agent } from './harness.js';

// Which municipality an applicant's portal session is in: the one chosen for this sign-in, else the one
// they chose before, else the one of the region in their ESIA address, else they choose one.

interface JournalItems {
  items: Array<{ action: string; actorName: string; payload: Record<string, unknown> }>;
}
interface PortalSession {
  municipality: { id: string; name: string };
  homeMunicipality: { id: string; name: string } | null;
  csrfToken: string;
}
interface ErrorBody {
  code: string;
  message: string;
  fields?: Array<{ path: string; message: string }>;
}

const NOWHERE = '00000000-0000-4000-8000-000000000000';

describe('the municipality of an applicant’s sign-in', () => {
  let t: EsiaTestApp, kazanOperator: Agent, shumikhaOperator: Agent;
  let kazan: string, shumikha: string;

  beforeAll(async () => {
    ({
      t,
      as: [kazanOperator, shumikhaOperator],
    } = await appWith(esiaTestApp(), 'Хасанова', 'Кузнецова'));
    kazan = kazanOperator.municipalityId;
    shumikha = shumikhaOperator.municipalityId;
  });
  afterAll(() => t.close());

  /** ESIA gives Белова's addresses in Москва, a region no municipality of the installation is in. */
  const livingInMoscow = () => {
    t.tamper = async (url, response) => {
      if (!/\/rs\/prns\/\d+\/addrs/.test(url) || !response.ok) return response;
      const text = (await response.text()).replaceAll('Курганская область, г. Шумиха', 'г. Москва');
      return Response.json(JSON.parse(text));
    };
  };

  const session = async (browser: InjectBrowser) =>
    (await browser.get('/api/v1/portal/session')).json<PortalSession>();
  const chosenOf = async (lastName: string) =>
    (
      await t.database.system
        .selectFrom('applicants')
        .select('chosenMunicipalityId')
        .where('lastName', '=', lastName)
        .executeTakeFirstOrThrow()
    ).chosenMunicipalityId;
  const lastSignIn = async (operator: Agent, fullName: string) => {
    const journal = await operator.request({
      method: 'GET',
      url: '/api/v1/journal?objectType=portal_session',
    });
    return (journal.json() as JournalItems).items.find(
      (i) => i.action === 'session.signed_in' && i.actorName === fullName,
    );
  };

  it('a Kazan resident signs in with no municipality and lands in Kazan, asked nothing', async () => {
    const browser = new InjectBrowser(t.app);
    const landed = await signInThroughEmulator(browser, '/api/v1/portal/auth/esia', 'Морозов ');
    expect(locationOf(landed)).toBe('/profile');
    expect(browser.cookies.has('uslugi_portal_session')).toBe(true);
    expect((await session(browser)).municipality.id).toBe(kazan);
    // Found by the address, not chosen: nothing is remembered, and the journal says how it was found.
    expect(await chosenOf('Морозов')).toBeNull();
    expect((await lastSignIn(kazanOperator, 'Морозов Алексей Игоревич'))?.payload).toMatchObject({
      municipalityBy: 'region',
    });
  });

  it('an applicant of no region of the installation chooses one; the choice is remembered', async () => {
    livingInMoscow();
    try {
      const browser = new InjectBrowser(t.app);
      const landed = locationOf(await signInThroughEmulator(browser, '/api/v1/portal/auth/esia', 'Белова '));
      expect(landed).toMatch(/^\/\?esia=result&state=/);
      expect(browser.cookies.has('uslugi_portal_session')).toBe(false);
      const state = new URL(landed, 'http://localhost').searchParams.get('state') ?? '';
      const result = (await browser.get(`/api/v1/auth/esia/result?state=${state}`)).json<{
        outcome: string;
        municipalities: Array<{ id: string; name: string }>;
      }>();
      expect(result.outcome).toBe('choose_municipality');
      expect(result.municipalities.map((m) => m.id).sort()).toEqual([kazan, shumikha].sort());

      // A municipality that does not exist is refused in Russian, and the sign-in still waits.
      const nowhere = await browser.request({
        method: 'POST',
        url: '/api/v1/portal/auth/esia/choose',
        json: { state, municipalityId: NOWHERE },
      });
      expect(nowhere.statusCode).toBe(400);
      const refusal = nowhere.json<ErrorBody>();
      expect(refusal.fields).toEqual([
        { path: 'municipalityId', message: 'Муниципальное образование: не найдено' },
      ]);
      expect(refusal.message).toMatch(/^[^a-z]*[а-яА-Я]/);
      const malformed = await browser.request({
        method: 'POST',
        url: '/api/v1/portal/auth/esia/choose',
        json: { state, municipalityId: 'Шумиха' },
      });
      expect(malformed.statusCode).toBe(400);
      expect(JSON.stringify(malformed.json())).toContain('Неверный идентификатор');
      // The staff's choice does not take an applicant's sign-in.
      const asStaff = await browser.request({
        method: 'POST',
        url: '/api/v1/auth/esia/choose',
        json: { state, employeeId: shumikhaOperator.employeeId },
      });
      expect(asStaff.json()).toMatchObject({ code: 'esia_sign_in_invalid' });
      // Another browser cannot make the choice.
      const stranger = await new InjectBrowser(t.app).request({
        method: 'POST',
        url: '/api/v1/portal/auth/esia/choose',
        json: { state, municipalityId: shumikha },
      });
      expect(stranger.json()).toMatchObject({ code: 'esia_sign_in_invalid' });

      const chosen = await browser.request({
        method: 'POST',
        url: '/api/v1/portal/auth/esia/choose',
        json: { state, municipalityId: shumikha },
      });
      expect(chosen.json()).toEqual({ redirectTo: '/profile' });
      expect((await session(browser)).municipality.id).toBe(shumikha);
      expect(await chosenOf('Белова')).toBe(shumikha);
      expect((await lastSignIn(shumikhaOperator, 'Белова Наталья Андреевна'))?.payload).toMatchObject({
        municipalityBy: 'chosen',
      });
      const again = await browser.request({
        method: 'POST',
        url: '/api/v1/portal/auth/esia/choose',
        json: { state, municipalityId: kazan },
      });
      expect(again.json()).toMatchObject({ code: 'esia_sign_in_invalid' });
      expect((await session(browser)).municipality.id).toBe(shumikha);

      // The next sign-in, from another browser, asks nothing: the remembered choice.
      const later = new InjectBrowser(t.app);
      expect(locationOf(await signInThroughEmulator(later, '/api/v1/portal/auth/esia', 'Белова '))).toBe(
        '/profile',
      );
      expect((await session(later)).municipality.id).toBe(shumikha);
      expect((await lastSignIn(shumikhaOperator, 'Белова Наталья Андреевна'))?.payload).toMatchObject({
        municipalityBy: 'remembered',
      });
    } finally {
      t.tamper = null;
    }
  });

  it('a municipality chosen for the sign-in wins over the remembered one and the region, and is remembered', async () => {
    // Морозов lives in Татарстан; Белова remembered Шумиха.
    const morozov = new InjectBrowser(t.app);
    await signInThroughEmulator(morozov, `/api/v1/portal/auth/esia?municipalityId=${shumikha}`, 'Морозов ');
    expect((await session(morozov)).municipality.id).toBe(shumikha);
    expect((await session(morozov)).homeMunicipality?.id).toBe(kazan);
    expect(await chosenOf('Морозов')).toBe(shumikha);
    const belova = new InjectBrowser(t.app);
    await signInThroughEmulator(belova, `/api/v1/portal/auth/esia?municipalityId=${kazan}`, 'Белова ');
    expect((await session(belova)).municipality.id).toBe(kazan);
    expect(await chosenOf('Белова')).toBe(kazan);
    expect((await lastSignIn(kazanOperator, 'Белова Наталья Андреевна'))?.payload).toMatchObject({
      municipalityBy: 'explicit',
    });
    // Then the remembered one wins over the region.
    const next = new InjectBrowser(t.app);
    await signInThroughEmulator(next, '/api/v1/portal/auth/esia', 'Морозов ');
    expect((await session(next)).municipality.id).toBe(shumikha);
    // A municipality that does not exist is refused before ESIA.
    const nowhere = await new InjectBrowser(t.app).get(`/api/v1/portal/auth/esia?municipalityId=${NOWHERE}`);
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json<ErrorBody>().fields?.[0]?.message).toBe('Муниципальное образование: не найдено');
  });

  it('«Сменить муниципальное образование» on the profile moves the session, is remembered and journaled', async () => {
    const browser = new InjectBrowser(t.app);
    await signInThroughEmulator(browser, '/api/v1/portal/auth/esia', 'Морозов ');
    const { csrfToken, municipality } = await session(browser);
    expect(municipality.id).toBe(shumikha);
    const change = (
      municipalityId: string,
      headers: Record<string, string> = { 'x-csrf-token': csrfToken },
    ) =>
      browser.request({
        method: 'POST',
        url: '/api/v1/portal/municipality',
        json: { municipalityId },
        headers,
      });

    expect((await change(kazan, {})).statusCode).toBe(403);
    const nowhere = await change(NOWHERE);
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json<ErrorBody>().fields?.[0]?.message).toBe('Муниципальное образование: не найдено');
    expect(await chosenOf('Морозов')).toBe(shumikha);
    // Staff cannot use it, nor can a visitor without a session.
    expect(
      (
        await kazanOperator.request({
          method: 'POST',
          url: '/api/v1/portal/municipality',
          payload: { municipalityId: kazan },
        })
      ).statusCode,
    ).toBe(401);

    const moved = await change(kazan);
    expect(moved.statusCode).toBe(200);
    expect(moved.json<PortalSession>().municipality.id).toBe(kazan);
    expect((await session(browser)).municipality.id).toBe(kazan);
    expect(await chosenOf('Морозов')).toBe(kazan);
    for (const operator of [kazanOperator, shumikhaOperator]) {
      const journal = await operator.request({
        method: 'GET',
        url: '/api/v1/journal?objectType=portal_session',
      });
      const entry = (journal.json() as JournalItems).items.find(
        (i) => i.action === 'session.municipality_changed' && i.actorName === 'Морозов Алексей Игоревич',
      );
      expect(String(entry?.payload.from)).toMatch(/Шумихинского/);
      expect(String(entry?.payload.to)).toMatch(/Казани/);
    }
    // Sign-out is journaled where the session now is.
    const out = await browser.request({
      method: 'POST',
      url: '/api/v1/portal/auth/sign-out',
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(200);
    const journal = await kazanOperator.request({
      method: 'GET',
      url: '/api/v1/journal?objectType=portal_session',
    });
    expect((journal.json() as JournalItems).items[0]).toMatchObject({
      action: 'session.signed_out',
      actorName: 'Морозов Алексей Игоревич',
    });
    // The next sign-in goes to the new choice.
    const next = new InjectBrowser(t.app);
    await signInThroughEmulator(next, '/api/v1/portal/auth/esia', 'Морозов ');
    expect((await session(next)).municipality.id).toBe(kazan);
  });
});
