import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PIN, issueDemoCertificates } from '../src/demo/certificates.js';
import { signInAs, testApp, type Agent, type TestApp } from './harness.js';
import { b64, pkiOf, type ErrorBody } from './signatures-helpers.js';

/**
 * Input refusals, example by example: a NUL or another control character in a text
 * field or a query, and a date PostgreSQL cannot hold, are the user's mistakes — a Russian 400 that
 * changes nothing — never a 500 from the database (22021, 22008, 22P05).
 */
describe('control characters and impossible dates are refused at the edge', () => {
  let t: TestApp;
  let operator: Agent;
  let galieva: Agent;
  let employeeId: string;
  let certificateId: string;

  /** Every entry of the operator's municipality: a refused request must add none. */
  const journalCount = async () =>
    Number(
      (
        await t.database.system
          .selectFrom('journalEntries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Sends the request and expects a 400 whose field message names the field and the fault. */
  async function refused(
    agent: Agent,
    request: { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: unknown },
    field: string,
    message: RegExp,
  ) {
    const before = await journalCount();
    const res = await agent.request(request);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.code).toBe('validation');
    const fault = body.fields?.find((f) => f.path === field);
    expect(fault?.message, res.body).toMatch(message);
    expect(await journalCount()).toBe(before);
  }

  const badCharacters = /^.+: Содержит недопустимые символы$/;

  beforeAll(async () => {
    t = await testApp();
    await issueDemoCertificates(t.database, pkiOf(t), { lastNames: ['Галиева'] });
    operator = await signInAs(t, 'Хасанова');
    galieva = await signInAs(t, 'Галиева');
    employeeId = galieva.employeeId;
    const certificates = (
      await operator.request({ method: 'GET', url: '/api/v1/pki/certificates' })
    ).json() as Array<{ id: string; employeeId: string }>;
    certificateId = certificates.find((c) => c.employeeId === employeeId)?.id ?? '';
  });
  afterAll(() => t.close());

  it('a path that is not UTF-8, or too long, gets the one error shape in Russian', async () => {
    for (const url of ['/api/v1/documents/%ED%A0%80', '/api/v1/documents/%FF']) {
      // A surrogate half, a lone byte: no UTF-8, refused before routing.
      const res = await operator.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ code: 'bad_request', message: 'Некорректный запрос' });
      expect(res.headers['x-request-id']).toBeTruthy();
    }
    // Past the router's longest parameter: no such page.
    const long = await operator.request({ method: 'GET', url: `/api/v1/documents/${'x'.repeat(150)}` });
    expect(long.json()).toMatchObject({
      code: 'route_not_found',
      message: 'Такой страницы или метода API нет',
    });
  });

  it('a search for NUL among employees', async () => {
    await refused(operator, { method: 'GET', url: '/api/v1/employees?q=%00' }, 'q', badCharacters);
    await refused(operator, { method: 'GET', url: '/api/v1/employees?q=%D0%B0%1F' }, 'q', badCharacters);
  });

  it('the journal filtered by an object id with NUL, or from the year 0', async () => {
    await refused(
      operator,
      { method: 'GET', url: '/api/v1/journal?objectId=%00' },
      'objectId',
      badCharacters,
    );
    await refused(
      operator,
      { method: 'GET', url: '/api/v1/journal?objectType=employee%00' },
      'objectType',
      badCharacters,
    );
    await refused(
      operator,
      { method: 'GET', url: '/api/v1/journal?from=0000-01-01' },
      'from',
      /^Период с: Дата вне допустимых пределов/,
    );
    await refused(
      operator,
      { method: 'GET', url: '/api/v1/journal?to=9999-12-31' },
      'to',
      /^Период по: Дата вне допустимых пределов/,
    );
    const fine = await operator.request({
      method: 'GET',
      url: '/api/v1/journal?from=2020-01-01&to=2099-12-31',
    });
    expect(fine.statusCode, fine.body).toBe(200);
  });

  it('an org unit, a position, a local day and a document titled with NUL', async () => {
    await refused(
      operator,
      { method: 'POST', url: '/api/v1/org-units', payload: { name: 'Отдел\u0000кадров' } },
      'name',
      badCharacters,
    );
    const units = (await operator.request({ method: 'GET', url: '/api/v1/org-units' })).json() as Array<{
      id: string;
    }>;
    await refused(
      operator,
      { method: 'PATCH', url: `/api/v1/org-units/${units[0]?.id}`, payload: { shortName: 'К\u0000' } },
      'shortName',
      badCharacters,
    );
    await refused(
      operator,
      { method: 'POST', url: '/api/v1/positions', payload: { name: 'Инженер\u0000' } },
      'name',
      badCharacters,
    );
    await refused(
      operator,
      {
        method: 'POST',
        url: `/api/v1/calendars/${operator.municipalityId}/local-days`,
        payload: { date: '2026-08-31', kind: 'dayoff', title: 'День города\u0000' },
      },
      'title',
      badCharacters,
    );
    await refused(
      galieva,
      {
        method: 'POST',
        url: '/api/v1/documents',
        payload: { title: 'Решение\u0000', fileName: 'r.txt', content: b64('Решение') },
      },
      'title',
      badCharacters,
    );
    // A lone surrogate cannot be stored as UTF-8 (nor in the journal's jsonb: 22P05).
    await refused(
      operator,
      { method: 'POST', url: '/api/v1/positions', payload: { name: 'Инженер\ud800' } },
      'name',
      badCharacters,
    );
  });

  it('block and revoke reasons with NUL; a line break is fine in a reason', async () => {
    await refused(
      operator,
      {
        method: 'POST',
        url: `/api/v1/employees/${employeeId}/block`,
        payload: { reason: 'Увольнение\u0000' },
      },
      'reason',
      badCharacters,
    );
    await refused(
      operator,
      {
        method: 'POST',
        url: `/api/v1/pki/certificates/${certificateId}/revoke`,
        payload: { reason: '\u0000' },
      },
      'reason',
      badCharacters,
    );
    const blocked = await operator.request({
      method: 'POST',
      url: `/api/v1/employees/${employeeId}/block`,
      payload: { reason: 'Увольнение\r\nприказ № 12' },
    });
    expect(blocked.statusCode, blocked.body).toBe(200);
    expect(
      (await operator.request({ method: 'POST', url: `/api/v1/employees/${employeeId}/unblock` })).statusCode,
    ).toBe(200);
  });

  it('a new PIN with NUL is not accepted, nor a signing PIN with one', async () => {
    galieva = await signInAs(t, 'Галиева'); // blocking ended her earlier session
    await refused(
      galieva,
      {
        method: 'POST',
        url: '/api/v1/pki/certificates/mine/pin',
        payload: { currentPin: DEMO_PIN, newPin: '12345\u00006' },
      },
      'newPin',
      badCharacters,
    );
    await refused(
      operator,
      {
        method: 'POST',
        url: '/api/v1/pki/certificates',
        payload: { employeeId, pin: '\u0000\u0000\u0000\u0000\u0000\u0000' },
      },
      'pin',
      badCharacters,
    );
    // The PIN in force is still the old one: the refused change changed nothing.
    const kept = await galieva.request({
      method: 'POST',
      url: '/api/v1/pki/certificates/mine/pin',
      payload: { currentPin: DEMO_PIN, newPin: '654321' },
    });
    expect(kept.statusCode, kept.body).toBe(200);
  });
});
