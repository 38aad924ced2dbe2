import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { inTenant } from '../src/db/tenant.js';
import { resolveSession } from '../src/modules/sessions/index.js';
import { signInAs, testApp, type Agent, type TestApp } from './harness.js';
import { tamper } from './support/journal.js';

interface SessionBody {
  user: {
    fullName: string;
    municipality: { name: string };
    orgUnitName: string | null;
    roles: string[];
  };
}

const LIMITS = { idleMinutes: 30, maxHours: 12 };

async function me(agent: Agent): Promise<SessionBody['user']> {
  const res = await agent.request({ method: 'GET', url: '/api/v1/session' });
  expect(res.statusCode).toBe(200);
  return (res.json() as SessionBody).user;
}

// A request's principal (who the employee is, their roles, unit, municipality) is kept in memory per
// process and used while the municipality's principal version, read with the session row, is unchanged.
// Every change to what it is made of bumps that version in the change's own transaction (a trigger), so
// a change counts from the next request wherever it was made: no command can forget to invalidate.
describe('the principal cached per process, checked by a version', () => {
  let t: TestApp;
  let agent: Agent;
  beforeAll(async () => {
    t = await testApp();
    agent = await signInAs(t, 'Галиева');
  });
  afterAll(() => t.close());

  const tenant = () => agent.municipalityId;

  it('serves the cached principal while nothing it is made of changed', async () => {
    const before = await me(agent);
    // Renamed with every trigger off (as only a superuser could): no version bump, so the cached
    // principal is still what a request sees. This is what tells a cache hit from a read.
    await tamper(t.database, sql`update employees set last_name = 'Скрытая' where id = ${agent.employeeId}`);
    expect((await me(agent)).fullName).toBe(before.fullName);
    // Any real change of the municipality's staff bumps the version: the next request reads again.
    await inTenant(t.database, tenant(), (tx) =>
      tx.updateTable('employees').set({ updatedAt: new Date() }).where('id', '=', agent.employeeId).execute(),
    );
    expect((await me(agent)).fullName).toMatch(/^Скрытая /);
    await inTenant(t.database, tenant(), (tx) =>
      tx.updateTable('employees').set({ lastName: 'Галиева' }).where('id', '=', agent.employeeId).execute(),
    );
    expect((await me(agent)).fullName).toBe(before.fullName);
  });

  it('a role taken, a unit renamed, the municipality renamed: each counts from the next request', async () => {
    const before = await me(agent);
    expect(before.roles).toContain('employee');
    await inTenant(t.database, tenant(), async (tx) => {
      await tx
        .insertInto('employeeRoles')
        .values({ municipalityId: tenant(), employeeId: agent.employeeId, role: 'head' })
        .execute();
    });
    expect((await me(agent)).roles).toContain('head');
    await inTenant(t.database, tenant(), (tx) =>
      tx
        .deleteFrom('employeeRoles')
        .where('employeeId', '=', agent.employeeId)
        .where('role', '=', 'head')
        .execute(),
    );
    expect((await me(agent)).roles).not.toContain('head');

    const unit = await t.database.system
      .selectFrom('employees')
      .select('orgUnitId')
      .where('id', '=', agent.employeeId)
      .executeTakeFirstOrThrow();
    await inTenant(t.database, tenant(), (tx) =>
      tx
        .updateTable('orgUnits')
        .set({ name: 'Отдел с новым названием' })
        .where('id', '=', unit.orgUnitId ?? '')
        .execute(),
    );
    expect((await me(agent)).orgUnitName).toBe('Отдел с новым названием');

    await t.database.system
      .updateTable('municipalities')
      .set({ name: sql<string>`name || ' (переименовано)'` })
      .where('id', '=', tenant())
      .execute();
    expect((await me(agent)).municipality.name).toMatch(/\(переименовано\)$/);
  });

  it('a blocked employee is refused at the next request and the session ends', async () => {
    const other = await signInAs(t, 'Петров');
    await me(other);
    await inTenant(t.database, other.municipalityId, (tx) =>
      tx.updateTable('employees').set({ blockedAt: new Date() }).where('id', '=', other.employeeId).execute(),
    );
    const res = await other.request({ method: 'GET', url: '/api/v1/session' });
    expect(res.statusCode).toBe(403);
    expect((res.json() as { code: string }).code).toBe('employee_blocked');
    const open = await t.database.system
      .selectFrom('sessions')
      .select('tokenHash')
      .where('employeeId', '=', other.employeeId)
      .where('endedAt', 'is', null)
      .execute();
    expect(open).toEqual([]);
  });

  it('a change in another municipality leaves this one’s cached principals alone', async () => {
    const others = await t.database.system
      .selectFrom('municipalities')
      .select('id')
      .where('id', '!=', tenant())
      .execute();
    expect(others.length).toBeGreaterThan(0);
    const version = async () =>
      (
        await t.database.system
          .selectFrom('principalVersions')
          .select('version')
          .where('municipalityId', '=', tenant())
          .executeTakeFirst()
      )?.version ?? 0;
    const before = await version();
    await inTenant(t.database, others[0]!.id, (tx) =>
      tx.updateTable('employees').set({ updatedAt: new Date() }).execute(),
    );
    expect(await version()).toBe(before);
  });

  it('module code cannot write the versions (only the trigger does)', async () => {
    await expect(
      inTenant(t.database, tenant(), (tx) =>
        tx.updateTable('principalVersions').set({ version: 0 }).execute(),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});

// Two processes over one server: each keeps its own cache; the version read with every session row makes
// a change through one seen by the other at its next request. The embedded database is one process.
describe.skipIf(!process.env.DATABASE_URL)('two processes’ caches over one PostgreSQL server', () => {
  let t: TestApp;
  let second: Database;
  beforeAll(async () => {
    t = await testApp();
    second = await openDatabase({ databaseUrl: t.database.location.databaseUrl });
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('a role taken through one handle is gone for the other’s next request', async () => {
    const agent = await signInAs(t, 'Сафин');
    // The second handle caches the principal (resolving the cookie as its guard would)…
    expect((await resolveSession(second, agent.sessionToken, LIMITS)).roles).toContain('head');
    expect((await resolveSession(second, agent.sessionToken, LIMITS)).roles).toContain('head');
    // …the first takes the role away…
    await inTenant(t.database, agent.municipalityId, (tx) =>
      tx
        .deleteFrom('employeeRoles')
        .where('employeeId', '=', agent.employeeId)
        .where('role', '=', 'head')
        .execute(),
    );
    // …and the second's next resolution no longer has it.
    expect((await resolveSession(second, agent.sessionToken, LIMITS)).roles).not.toContain('head');
  });
});
