import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOBAL_TABLES } from '../src/db/global-tables.js';
import { testDatabase, type TestDatabase } from './harness.js';

// Tenant isolation by construction, held against the database's own catalog: a table added by a
// later migration without its policy fails here, not in production.
describe('the schema keeps every tenant table behind row-level security', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(() => database.close());

  const tables = () =>
    sql<{ name: string; rls: boolean; forced: boolean; hasTenant: boolean; policies: number }>`
      select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
        exists(select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'municipality_id'
               and not a.attisdropped) as "hasTenant",
        (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p')
      order by 1`.execute(database.system);

  it('every table is a tenant table with a FORCEd policy, or a documented global one', async () => {
    const { rows } = await tables();
    const names = rows.map((r) => r.name);
    expect(names.length).toBeGreaterThan(20);
    const wrong = rows
      .filter((r) => !(r.name in GLOBAL_TABLES))
      .filter((r) => !(r.hasTenant && r.rls && r.forced && r.policies > 0))
      .map((r) => r.name);
    expect(wrong).toEqual([]);
    // The list names no table that is gone.
    expect(Object.keys(GLOBAL_TABLES).filter((t) => !names.includes(t))).toEqual([]);
  });

  it('the role module code runs as is neither a superuser nor exempt from row-level security', async () => {
    const { rows } = await sql<{ super: boolean; bypass: boolean }>`
      select rolsuper as super, rolbypassrls as bypass from pg_roles where rolname = 'uslugi_app'`.execute(
      database.system,
    );
    expect(rows).toEqual([{ super: false, bypass: false }]);
  });

  it('module code reaches global tables only where the design says so', async () => {
    const { rows } = await sql<{ name: string; privilege: string }>`
      select t.name, p.privilege from unnest(${Object.keys(GLOBAL_TABLES)}::text[]) as t(name)
      cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) as p(privilege)
      where has_table_privilege('uslugi_app', t.name, p.privilege)
      order by 1, 2`.execute(database.system);
    expect(rows.map((r) => `${r.name}:${r.privilege}`)).toEqual([
      // a command's follow-up work is enqueued in the command's own transaction
      'jobs:INSERT',
      // names and the calendar region of the tenant itself; the list of all of them for the entries an
      // installation-wide change writes in every municipality's journal
      'municipalities:SELECT',
      // an operator revokes a certificate of their municipality; the CA's list is read by platform code
      'pki_revocations:INSERT',
      // the installation's trust store, changed by installation administrators; a trigger keeps the
      // installation CA in it and lets a root only be removed (docs/architecture.md "Trust store")
      'pki_trusted_roots:INSERT',
      'pki_trusted_roots:SELECT',
      'pki_trusted_roots:UPDATE',
    ]);
  });
});
