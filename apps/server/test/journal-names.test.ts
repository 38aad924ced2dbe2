import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalPage } from '@uslugi/contracts';
import { appWith, testApp, type Agent, type TestApp } from './harness.js';

/**
 * The journal view names what an official reads about (issue 11 item 6): objects by their names as
 * of the entry, not by ids, and the employees and units a payload refers to by id.
 */
describe('journal view: names instead of ids', () => {
  let t: TestApp, operator: Agent;

  beforeAll(async () => {
    ({
      t,
      as: [operator],
    } = await appWith(testApp(), 'Хасанова'));
  });
  afterAll(() => t.close());

  async function entriesOf(objectType: string, objectId: string) {
    const res = await operator.request({
      method: 'GET',
      url: `/api/v1/journal?objectType=${objectType}&objectId=${objectId}`,
    });
    expect(res.statusCode).toBe(200);
    return (res.json() as JournalPage).items;
  }

  it('names an employee by the ФИО as of each entry, a later rename does not rewrite the past', async () => {
    const units = (await operator.request({ method: 'GET', url: '/api/v1/org-units' })).json() as Array<{
      id: string;
      name: string;
    }>;
    const unit = units[0]!;
    const created = (
      await operator.request({
        method: 'POST',
        url: '/api/v1/employees',
        payload: {
          lastName: 'Сидорова',
          firstName: 'Анна',
          middleName: 'Павловна',
          snils: '987-654-321 83',
          email: 'a.sidorova@demo.kzn.local',
          orgUnitId: unit.id,
          roles: ['employee'],
        },
      })
    ).json() as { id: string };
    const renamed = await operator.request({
      method: 'PATCH',
      url: `/api/v1/employees/${created.id}`,
      payload: { lastName: 'Петрова' },
    });
    expect(renamed.statusCode).toBe(200);

    const [update, creation] = await entriesOf('employee', created.id);
    expect(creation).toMatchObject({ action: 'employee.created', objectName: 'Сидорова Анна Павловна' });
    expect(update).toMatchObject({ action: 'employee.updated', objectName: 'Петрова Анна Павловна' });
    expect(creation?.references).toEqual({ [unit.id]: unit.name });
    expect(creation?.stream).toBe(`employee:${created.id}`);
    expect(creation?.seq).toBe(1);
  });

  it("names a session by its person and an employee the journal never described by today's name", async () => {
    const me = (await operator.request({ method: 'GET', url: '/api/v1/session' })).json() as {
      user: { id: string; fullName: string };
    };
    const [signedIn] = await entriesOf('session', me.user.id);
    expect(signedIn).toMatchObject({ action: 'session.signed_in', objectName: me.user.fullName });

    const blocked = (await operator.request({ method: 'GET', url: '/api/v1/employees' })).json() as Array<{
      id: string;
      fullName: string;
      lastName: string;
    }>;
    const target = blocked.find((e) => e.lastName === 'Галиева')!;
    expect(
      (
        await operator.request({
          method: 'POST',
          url: `/api/v1/employees/${target.id}/block`,
          payload: { reason: 'Увольнение' },
        })
      ).statusCode,
    ).toBe(200);
    const [block] = await entriesOf('employee', target.id);
    expect(block).toMatchObject({ action: 'employee.blocked', objectName: target.fullName });
  });
});
