import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULES } from '../src/modules/index.js';
import {
  migrationTables,
  snakeCase,
  sourceFiles,
  tablesUsedIn,
  type TableUse,
} from './support/table-usage.js';

/**
 * Table ownership: every table the migrations create has exactly one owner (a module's descriptor,
 * the platform's infrastructure, or the database layer), and a source file names only tables its
 * owner owns — in Kysely calls (`selectFrom('orgUnits as u')`, joins, inserts, updates, deletes) and
 * in raw `sql` templates. Another module's data is reached through that module's index.ts.
 */

const SRC = path.resolve(import.meta.dirname, '../src');

/** The platform's own tables: the journal core, the job queue, the installation's keys. */
const PLATFORM_TABLES = [
  'journal_streams',
  'journal_entries',
  'journal_seals',
  'journal_seal_heads',
  'journal_tree_leaves',
  'journal_tree_nodes',
  'jobs',
  'pki_installation_keys',
  // Idempotency-Key of state-changing requests, claimed inside runCommand for every module's commands.
  'idempotency_keys',
];

/** The database layer's own bookkeeping (created by db/migrate.ts, not by a migration). */
const DB_TABLES = ['schema_migrations'];

/**
 * Direct uses that stay, each with its reason: `file` → tables it may name besides its owner's.
 * Prefer calling the owning module's index.ts; add here only what cannot.
 */
const ALLOWED: Record<string, { tables: string[]; reason: string }> = {
  'demo/seed.ts': {
    tables: ['municipalities', 'org_units', 'positions', 'employees', 'employee_roles'],
    reason: 'loads the demo municipalities with their organisation in one transaction each, as a setup would',
  },
  'demo/certificates.ts': {
    tables: ['employees', 'signing_certificates'],
    reason: 'picks the demo employees who never had a certificate, once, at a demo start',
  },
  'db/tenant.ts': {
    tables: ['municipalities'],
    reason: 'the tenants of row-level security: ids and names for platform code acting in every municipality',
  },
  'platform/pki/installation.ts': {
    tables: ['pki_trusted_roots'],
    reason: 'the installation CA enters the trust store in the transaction that creates it',
  },
};

interface Owner {
  name: string;
  tables: Set<string>;
}

function ownerOf(file: string): Owner | undefined {
  const moduleName = /^modules\/([^/]+)\//.exec(file)?.[1];
  if (moduleName) {
    const descriptor = MODULES.find((m) => m.name === moduleName);
    return descriptor
      ? { name: `module ${moduleName}`, tables: new Set(descriptor.tables.map(snakeCase)) }
      : { name: `module ${moduleName} (not in MODULES)`, tables: new Set() };
  }
  if (file.startsWith('platform/')) return { name: 'platform', tables: new Set(PLATFORM_TABLES) };
  if (file.startsWith('db/')) return { name: 'db', tables: new Set(DB_TABLES) };
  // demo/, cli/, emulators/, app.ts, main.ts, config.ts: no tables of their own.
  return { name: file.split('/')[0] ?? file, tables: new Set() };
}

function allUses(): TableUse[] {
  return sourceFiles(SRC).flatMap((file) =>
    tablesUsedIn(file, fs.readFileSync(path.join(SRC, file), 'utf8')),
  );
}

/** Who owns each table: modules by their descriptors, the platform and the db layer by the lists above. */
function ownersByTable(): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  const add = (table: string, owner: string) => owners.set(table, [...(owners.get(table) ?? []), owner]);
  for (const m of MODULES) for (const t of m.tables) add(snakeCase(t), `module ${m.name}`);
  for (const t of PLATFORM_TABLES) add(t, 'platform');
  for (const t of DB_TABLES) add(t, 'db');
  return owners;
}

describe('table ownership', () => {
  it('every module of MODULES is a folder under src/modules with that name', () => {
    const folders = fs
      .readdirSync(path.join(SRC, 'modules'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(MODULES.map((m) => m.name).sort()).toEqual(folders);
  });

  it('every table the migrations create has exactly one owner', () => {
    const owners = ownersByTable();
    const problems = migrationTables(path.join(SRC, 'db/migrations')).flatMap((table) => {
      const of = owners.get(table) ?? [];
      return of.length === 1
        ? []
        : [`${table}: ${of.length === 0 ? 'no owner' : `owned by ${of.join(' and ')}`}`];
    });
    expect(problems, 'give each table one owner: a descriptor’s `tables` or the platform list').toEqual([]);
  });

  it('no owner names a table that does not exist', () => {
    const known = new Set([...migrationTables(path.join(SRC, 'db/migrations')), ...DB_TABLES]);
    expect([...ownersByTable().keys()].filter((t) => !known.has(t))).toEqual([]);
  });

  it('a file names only the tables its owner owns (or its allow-listed ones)', () => {
    const owners = ownersByTable();
    const crossings = allUses().flatMap((use) => {
      const owner = ownerOf(use.file);
      if (owner?.tables.has(use.table) || ALLOWED[use.file]?.tables.includes(use.table)) return [];
      const tableOwner = owners.get(use.table)?.join(', ') ?? 'nobody';
      return [
        `${use.file}:${use.line} (${owner?.name}) uses table ${use.table}, owned by ${tableOwner}: ` +
          `call that owner's index.ts instead`,
      ];
    });
    expect(crossings, crossings.join('\n')).toEqual([]);
  });

  it('the allow-list holds only what is still used', () => {
    const used = new Set(allUses().map((u) => `${u.file} ${u.table}`));
    const stale = Object.entries(ALLOWED).flatMap(([file, { tables }]) =>
      tables.filter((t) => !used.has(`${file} ${t}`)).map((t) => `${file} ${t}`),
    );
    expect(stale).toEqual([]);
  });

  it('the scanner sees aliases, joins and raw SQL', () => {
    const uses = tablesUsedIn(
      'x.ts',
      `db.selectFrom('orgUnits as u').innerJoin('employees as e', 'e.id', 'u.headId');
       sql\`with recursive below (id) as (select id from org_units) select * from below join positions p on true
         for update skip locked\`;`,
    ).map((u) => u.table);
    expect(uses.sort()).toEqual(['employees', 'org_units', 'org_units', 'positions']);
  });
});
