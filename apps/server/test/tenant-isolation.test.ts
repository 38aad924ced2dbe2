import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { seedDemoData } from '../src/demo/seed.js';
import { testDatabase, type TestDatabase } from './harness.js';

describe('tenant isolation by row-level security', () => {
  let database: TestDatabase;
  let kazan: string;
  let shumikha: string;

  beforeAll(async () => {
    database = await testDatabase();
    await seedDemoData(database);
    const ms = await database.system.selectFrom('municipalities').select(['id', 'oktmo']).execute();
    kazan = ms.find((m) => m.oktmo === '92701000')!.id;
    shumikha = ms.find((m) => m.oktmo !== '92701000')!.id;
  });
  afterAll(() => database.close());

  it('a query that forgets the municipality filter sees only its own tenant', async () => {
    const all = await database.system.selectFrom('employees').select('municipalityId').execute();
    expect(new Set(all.map((e) => e.municipalityId))).toEqual(new Set([kazan, shumikha]));

    for (const table of [
      'employees',
      'org_units',
      'positions',
      'employee_roles',
      'journal_entries',
    ] as const) {
      const rows = await inTenant(
        database,
        kazan,
        async (tx) =>
          (await sql<{ municipalityId: string }>`select municipality_id from ${sql.table(table)}`.execute(tx))
            .rows,
      );
      expect(rows.length, table).toBeGreaterThan(0);
      expect(
        rows.every((r) => r.municipalityId === kazan),
        table,
      ).toBe(true);
    }
  });

  it('cannot insert a row into another municipality', async () => {
    await expect(
      inTenant(database, kazan, (tx) =>
        tx.insertInto('positions').values({ municipalityId: shumikha, name: 'Чужая должность' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('updates and deletes of another municipality touch nothing', async () => {
    const result = await inTenant(database, kazan, (tx) =>
      tx
        .updateTable('employees')
        .set({ email: 'hijacked@example.org' })
        .where('municipalityId', '=', shumikha)
        .executeTakeFirst(),
    );
    expect(result.numUpdatedRows).toBe(0n);
    const untouched = await database.system
      .selectFrom('employees')
      .select('email')
      .where('municipalityId', '=', shumikha)
      .execute();
    expect(untouched.some((e) => e.email === 'hijacked@example.org')).toBe(false);
  });

  it('a municipality cannot revoke another municipality’s certificate through the global list', async () => {
    const certificateOf = async (municipalityId: string, serialNumber: string) => {
      const employee = await database.system
        .selectFrom('employees')
        .select('id')
        .where('municipalityId', '=', municipalityId)
        .limit(1)
        .executeTakeFirstOrThrow();
      await database.system
        .insertInto('signingCertificates')
        .values({
          municipalityId,
          employeeId: employee.id,
          serialNumber,
          certificate: Buffer.from([0x30, 0x00]),
          notBefore: new Date(),
          notAfter: new Date(Date.now() + 86_400_000),
          keyEnvelope: JSON.stringify({}),
        })
        .execute();
    };
    await certificateOf(kazan, 'AA01');
    await certificateOf(shumikha, 'BB02');
    const revoke = (municipalityId: string, serialNumber: string) =>
      inTenant(database, municipalityId, (tx) =>
        tx.insertInto('pkiRevocations').values({ serialNumber, revokedAt: new Date() }).execute(),
      );
    await expect(revoke(kazan, 'BB02')).rejects.toThrow(/not one of this municipality/);
    await revoke(kazan, 'AA01');
    const listed = await database.system.selectFrom('pkiRevocations').select('serialNumber').execute();
    expect(listed.map((r) => r.serialNumber)).toEqual(['AA01']);
  });

  it('without a tenant set, a tenant transaction sees nothing at all', async () => {
    const rows = await database.system.transaction().execute(async (tx) => {
      await sql`set local role uslugi_app`.execute(tx);
      return tx.selectFrom('employees').select('id').execute();
    });
    expect(rows).toEqual([]);
  });

  it('the tenant setting does not leak past its transaction', async () => {
    await inTenant(database, kazan, (tx) => tx.selectFrom('employees').select('id').execute());
    const after = await sql<{ role: string; setting: string | null }>`
      select current_user as role, current_setting('app.municipality_id', true) as setting`.execute(
      database.system,
    );
    expect(after.rows[0]?.role).not.toBe('uslugi_app');
    expect(after.rows[0]?.setting ?? '').toBe('');
  });
});
