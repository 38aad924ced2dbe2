import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, todayOf } from '../src/platform/clock.js';
import { appWith, signInAs, testApp, type Agent, type TestApp } from './harness.js';

interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  fields?: Array<{ path: string; message: string }>;
}

describe('staff API: organisation, employees, rights', () => {
  let t: TestApp, operator: Agent, shumikhaOperator: Agent, employee: Agent;

  beforeAll(async () => {
    ({
      t,
      as: [operator, shumikhaOperator, employee],
    } = await appWith(testApp(), 'Хасанова', 'Кузнецова', 'Галиева'));
  });
  afterAll(() => t.close());

  const validEmployee = {
    lastName: 'Сидорова',
    firstName: 'Анна',
    middleName: 'Павловна',
    snils: '987-654-321 83',
    email: 'a.sidorova@demo.kzn.local',
    roles: ['employee'],
  };

  it('answers 401 in Russian without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/employees' });
    expect(res.statusCode).toBe(401);
    const body = res.json<ErrorBody>();
    expect(body.code).toBe('unauthenticated');
    expect(body.message).toMatch(/Требуется вход/);
    expect(body.requestId).toBeTruthy();
  });

  it('names each bad field in Russian and changes nothing', async () => {
    const before = (await operator.request({ method: 'GET', url: '/api/v1/employees' })).json() as unknown[];
    const res = await operator.request({
      method: 'POST',
      url: '/api/v1/employees',
      // middleName is `.describe()`d before `.nullish()`: its label is still found inside the wrapper.
      payload: {
        ...validEmployee,
        snils: '987-654-321 84',
        email: 'не почта',
        lastName: '',
        middleName: 'x'.repeat(300),
      },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.code).toBe('validation');
    const byPath = Object.fromEntries((body.fields ?? []).map((f) => [f.path, f.message]));
    expect(byPath.snils).toBe('СНИЛС: Неверное контрольное число');
    expect(byPath.email).toMatch(/^Электронная почта: Неверный адрес электронной почты/);
    expect(byPath.lastName).toBe('Фамилия: Обязательное поле');
    expect(byPath.middleName).toMatch(/^Отчество: /);
    expect(body.message).toMatch(/^Проверьте правильность заполнения полей/);
    const after = (await operator.request({ method: 'GET', url: '/api/v1/employees' })).json() as unknown[];
    expect(after.length).toBe(before.length);
  });

  it('refuses malformed JSON with 400, not 500', async () => {
    const res = await operator.request({
      method: 'POST',
      url: '/api/v1/employees',
      payload: '{"lastName": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).message).toMatch(/Некорректный запрос/);
  });

  it('creates an employee and journals it in the same transaction', async () => {
    const res = await operator.request({ method: 'POST', url: '/api/v1/employees', payload: validEmployee });
    expect(res.statusCode).toBe(201);
    const created = res.json() as { id: string; snils: string; fullName: string; roles: string[] };
    expect(created.snils).toBe('987-654-321 83');
    expect(created.fullName).toBe('Сидорова Анна Павловна');
    const journal = (
      await operator.request({
        method: 'GET',
        url: `/api/v1/journal?objectType=employee&objectId=${created.id}`,
      })
    ).json() as { items: Array<{ action: string; actionTitle: string; actorName: string }> };
    expect(journal.items).toHaveLength(1);
    expect(journal.items[0]).toMatchObject({
      action: 'employee.created',
      actionTitle: 'Создание сотрудника',
      actorName: 'Хасанова Гульнара Ринатовна',
    });
    const duplicate = await operator.request({
      method: 'POST',
      url: '/api/v1/employees',
      payload: validEmployee,
    });
    expect(duplicate.statusCode).toBe(409);
    expect((duplicate.json() as ErrorBody).fields?.[0]?.path).toBe('snils');
  });

  it('the same СНИЛС may exist in another municipality', async () => {
    const res = await shumikhaOperator.request({
      method: 'POST',
      url: '/api/v1/employees',
      payload: validEmployee,
    });
    expect(res.statusCode).toBe(201);
  });

  it('forbids an ordinary employee to manage employees (403 in Russian)', async () => {
    const res = await employee.request({ method: 'POST', url: '/api/v1/employees', payload: validEmployee });
    expect(res.statusCode).toBe(403);
    expect((res.json() as ErrorBody).message).toBe('Недостаточно прав для выполнения операции');
    expect((await employee.request({ method: 'GET', url: '/api/v1/journal' })).statusCode).toBe(403);
  });

  it("answers 404, not 403, for another municipality's employee", async () => {
    const theirs = (
      await shumikhaOperator.request({ method: 'GET', url: '/api/v1/employees' })
    ).json() as Array<{
      id: string;
    }>;
    const target = theirs[0]!.id;
    const res = await operator.request({
      method: 'PATCH',
      url: `/api/v1/employees/${target}`,
      payload: { email: 'x@example.org' },
    });
    expect(res.statusCode).toBe(404);
    const block = await operator.request({
      method: 'POST',
      url: `/api/v1/employees/${target}/block`,
      payload: { reason: 'проверка' },
    });
    expect(block.statusCode).toBe(404);
  });

  it('shows colleagues’ СНИЛС only to those who manage employees (152-ФЗ)', async () => {
    const asOperator = (
      await operator.request({ method: 'GET', url: '/api/v1/employees?q=Галиева' })
    ).json() as Array<{
      snils: string;
    }>;
    expect(asOperator[0]?.snils).toMatch(/^\d{3}-\d{3}-\d{3} \d{2}$/);
    const colleague = await employee.request({ method: 'GET', url: '/api/v1/employees?q=Галиева' });
    expect(colleague.statusCode).toBe(200);
    const seen = colleague.json() as Array<{ snils: string; fullName: string }>;
    expect(seen[0]?.fullName).toMatch(/^Галиева/);
    expect(seen[0]?.snils).toBe(`***-***-*** ${asOperator[0]?.snils.slice(-2)}`);
    // Nor can a colleague find someone by digits of their СНИЛС: the digits are ignored.
    const digits = asOperator[0]?.snils.replace(/\D/g, '').slice(0, 6) ?? '';
    const byDigits = await employee.request({ method: 'GET', url: `/api/v1/employees?q=${digits}` });
    expect((byDigits.json() as unknown[]).length).toBeGreaterThan(1);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const res = await operator.request({
      method: 'POST',
      url: '/api/v1/positions',
      payload: { name: 'Консультант' },
      headers: { 'x-csrf-token': 'wrong' },
    });
    expect(res.statusCode).toBe(403);
    expect((res.json() as ErrorBody).code).toBe('csrf');
  });

  it('builds the org tree and refuses a cycle', async () => {
    const parent = (
      await operator.request({
        method: 'POST',
        url: '/api/v1/org-units',
        payload: { name: 'Управление делами' },
      })
    ).json() as { id: string };
    const child = (
      await operator.request({
        method: 'POST',
        url: '/api/v1/org-units',
        payload: { name: 'Отдел кадров', parentId: parent.id },
      })
    ).json() as { id: string; parentId: string };
    expect(child.parentId).toBe(parent.id);
    const cycle = await operator.request({
      method: 'PATCH',
      url: `/api/v1/org-units/${parent.id}`,
      payload: { parentId: child.id },
    });
    expect(cycle.statusCode).toBe(409);
    expect((cycle.json() as ErrorBody).code).toBe('org_unit_cycle');
  });

  it('blocks an employee: their session ends and the action is journaled', async () => {
    const victim = await signInAs(t, 'Петров');
    expect((await victim.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    const res = await operator.request({
      method: 'POST',
      url: `/api/v1/employees/${victim.employeeId}/block`,
      payload: { reason: 'Увольнение' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ blocked: true, blockedReason: 'Увольнение' });
    expect((await victim.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(403);
    const again = await operator.request({
      method: 'POST',
      url: `/api/v1/employees/${victim.employeeId}/block`,
      payload: { reason: 'Повторно' },
    });
    expect(again.statusCode).toBe(409);
    const self = await operator.request({
      method: 'POST',
      url: `/api/v1/employees/${operator.employeeId}/block`,
      payload: { reason: 'Сам себя' },
    });
    expect((self.json() as ErrorBody).code).toBe('self_block');
  });

  it('assigns roles, which change the permissions of the next request', async () => {
    const res = await operator.request({
      method: 'PUT',
      url: `/api/v1/employees/${employee.employeeId}/roles`,
      payload: { roles: ['employee', 'head'] },
    });
    expect(res.statusCode).toBe(200);
    expect((await employee.request({ method: 'GET', url: '/api/v1/journal' })).statusCode).toBe(200);
    const bad = await operator.request({
      method: 'PUT',
      url: `/api/v1/employees/${employee.employeeId}/roles`,
      payload: { roles: ['king'] },
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ErrorBody).fields?.[0]?.path).toBe('roles.0');
  });

  it('signs out: the cookie no longer works', async () => {
    const someone = await signInAs(t, 'Никитина');
    expect((await someone.request({ method: 'POST', url: '/api/v1/auth/sign-out' })).statusCode).toBe(200);
    expect((await someone.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(401);
  });

  it('filters the journal by period and by actor', async () => {
    // The journal's periods are Moscow days: at 22:00 UTC it is already tomorrow there.
    const today = todayOf(systemClock);
    const page = await operator.request({
      method: 'GET',
      url: `/api/v1/journal?from=${today}&to=${today}&limit=5`,
    });
    const body = page.json() as { items: Array<{ actorId: string | null }>; nextBefore: string | null };
    expect(body.items).toHaveLength(5);
    expect(body.nextBefore).not.toBeNull();
    const old = await operator.request({
      method: 'GET',
      url: '/api/v1/journal?from=2020-01-01&to=2020-01-31',
    });
    expect((old.json() as { items: unknown[] }).items).toEqual([]);
    const mine = await operator.request({
      method: 'GET',
      url: `/api/v1/journal?actorId=${operator.employeeId}`,
    });
    const items = (mine.json() as { items: Array<{ actorId: string | null }> }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.actorId === operator.employeeId)).toBe(true);
    const bad = await operator.request({ method: 'GET', url: '/api/v1/journal?from=31.12.2025' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ErrorBody).fields?.[0]?.message).toMatch(/^Период с: Неверная дата/);
  });

  it('offers every kind of journaled object for the filter, with Russian titles', async () => {
    const res = await operator.request({ method: 'GET', url: '/api/v1/journal/object-types' });
    expect(res.statusCode).toBe(200);
    const types = res.json() as Array<{ code: string; title: string }>;
    const codes = types.map((t) => t.code);
    expect(codes).toEqual(expect.arrayContaining(['employee', 'org_unit', 'session', 'document', 'term']));
    expect(types.every((t) => /[а-яё]/i.test(t.title) && t.title !== t.code)).toBe(true);
  });

  it('publishes the OpenAPI document and health', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/employees', '/api/v1/journal']));
    expect((await t.app.inject({ method: 'GET', url: '/health/ready' })).json()).toMatchObject({
      status: 'ok',
    });
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorBody>().message).toMatch(/нет/);
  });
});

describe('sessions', () => {
  it('end after the idle timeout', async () => {
    const t = await testApp({ sessionIdleMinutes: 0 });
    try {
      const agent = await signInAs(t, 'Хасанова');
      await new Promise((r) => setTimeout(r, 20));
      const res = await agent.request({ method: 'GET', url: '/api/v1/session' });
      expect(res.statusCode).toBe(401);
      expect((res.json() as ErrorBody).code).toBe('session_expired');
    } finally {
      await t.close();
    }
  });
});
