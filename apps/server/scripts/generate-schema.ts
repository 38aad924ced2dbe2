/**
 * Writes src/db/schema.ts, the Kysely table types, from the database the migrations build.
 *
 *   npm run db:schema -w apps/server
 *
 * It migrates a fresh in-memory PGlite with the project's own migrate(), reads the catalog (tables,
 * columns, types, nullability, defaults, identity, single-column `IN (...)` checks) and prints one
 * interface per table, in camelCase as Kysely's CamelCasePlugin presents it. The output is sorted
 * (tables by name, columns in table order) and formatted with the repository's prettier settings, so
 * the same migrations always give the same file; test/schema-drift.test.ts fails when the committed
 * file differs.
 *
 * Type mapping (what the type parsers in src/db/database.ts return on both engines):
 *   uuid, text, varchar, char, date ('YYYY-MM-DD'), numeric  → string
 *   int2, int4, int8 (parsed to a JS number)                  → number
 *   bool → boolean; timestamptz, timestamp → Date; bytea → Uint8Array
 *   jsonb, json → unknown when read, JSON text when written   (Json<unknown>)
 *   arrays → T[]; a nullable column → T | null
 *   a text column with a single-column check `col IN ('a', 'b')`, or an enum type → the union 'a' | 'b'
 * Defaults and identity make a column optional on insert (Generated<T>); a timestamptz with a default
 * also accepts an ISO string (Timestamp), and one never updated after the insert is CreatedAt (every
 * `created_at`, plus the columns marked `writeOnce` below).
 *
 * What the catalog cannot tell lives in OVERRIDES below: a union's exported name, a type imported
 * from the contracts, columns written once (update type `never`), and the doc comments.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import * as prettier from 'prettier';
import type { Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { PGlitePool } from '../src/db/pglite-pool.js';
import type { DB } from '../src/db/schema.js';

export const SCHEMA_FILE = path.join(import.meta.dirname, '..', 'src', 'db', 'schema.ts');
export const REGENERATE_COMMAND = 'npm run db:schema -w apps/server';

/** What the catalog does not say about a column, keyed by `table.column` (SQL names). */
interface ColumnOverride {
  /** The column's TS type in place of the catalog's (it still gets `| null`, Generated<>, etc.). */
  type?: string;
  /** Export the column's check-derived union under this name (the code imports it). */
  union?: string;
  /** Set at the insert and never updated: the update type is `never`. */
  writeOnce?: boolean;
  /** The doc comment printed above the column. */
  doc?: string;
}

interface TableOverride {
  /** The doc comment printed above the table's interface. */
  doc?: string;
}

/** Imports the generated file starts with (the types OVERRIDES refer to). */
const IMPORTS = [`import type { Role } from '@uslugi/contracts/roles';`];
/** Re-exported as they are, for code that imports them from the schema. */
const RE_EXPORTS = ['Role'];

const OVERRIDES: Record<string, ColumnOverride> = {
  // The check lists the same roles as the contracts' ROLES (the drift test compares them).
  'employee_roles.role': { type: 'Role' },
  'employee_roles.granted_at': { writeOnce: true },
  'employee_snils_changes.requested_at': { writeOnce: true },
  'employee_snils_changes.status': { union: 'SnilsChangeStatus' },
  'employees.esia_oid': {
    doc: 'The ESIA account (urn:esia:sbj_id) bound at the first sign-in (migration 0009); null until then.',
  },
  'journal_entries.actor_type': { union: 'ActorType' },
  'journal_entries.payload': { writeOnce: true },
  'journal_seals.signature': { writeOnce: true },
  'journal_seals.signer_certificate': { writeOnce: true },
  'sessions.esia_snils': {
    writeOnce: true,
    doc: 'The СНИЛС ESIA reported at the sign-in (0009); null for sessions opened before it.',
  },
  'jobs.state': { union: 'JobState' },
  'schema_migrations.applied_at': { writeOnce: true },
  'calendar_local_days.kind': { union: 'CalendarDayKind' },
  'calendar_local_days.date': { doc: "'YYYY-MM-DD' on both engines." },
  'calendar_imports.layer': { union: 'CalendarLayerCode' },
  'calendar_imports.regional_days': {
    doc: "Regional layer: the file's own days (xmlcalendar), without the federal days it repeats.",
  },
  'terms.unit': { union: 'TermUnit' },
  'terms.rule': { union: 'TermRule' },
  'terms.status': { union: 'TermStatus' },
  'pki_installation_keys.purpose': { union: 'InstallationKeyPurpose' },
  'pki_trusted_roots.added_at': { writeOnce: true },
  'signing_certificates.pin_set_by_owner': {
    doc: 'The owner replaced the issuance PIN with their own (0009); the key signs only then.',
  },
  'documents.created_by': { doc: 'The owner: the employee who uploaded it.' },
  'documents.org_unit_id': {
    doc: "The uploader's unit at the upload (0010); null when they belonged to none.",
  },
  'documents.retain_until': { doc: "'YYYY-MM-DD'." },
  'document_signatures.created_at': {
    doc:
      'When the system stored the signature: the trusted time its certificate is judged at (the signing\n' +
      'time above is the CMS attribute). Migration 0006 indexes sha256(signature) to find a stored copy.',
  },
  'esia_sign_ins.audience': { union: 'EsiaAudience' },
  'esia_sign_ins.status': { union: 'EsiaSignInStatus' },
  'esia_sign_ins.esia_snils': {
    doc: 'The СНИЛС ESIA reported, kept while the person chooses a municipality (0009).',
  },
  'esia_sign_ins.applicant_id': {
    doc: 'The applicant, kept while they choose a municipality (0011).',
  },
  'esia_sign_ins.legal_entity_id': {
    doc: 'The organisation the applicant acts for, kept while they choose a municipality (0011).',
  },
  'applicants.birth_date': { doc: "'YYYY-MM-DD'." },
  'applicants.chosen_municipality_id': {
    doc: 'The municipality the applicant chose (0011): their next sign-ins go there; null until they choose.',
  },
};

const TABLE_OVERRIDES: Record<string, TableOverride> = {
  employee_snils_changes: {
    doc: 'A new СНИЛС for an existing employee, in force once a second person confirmed it (0009).',
  },
};

interface CatalogColumn {
  table: string;
  column: string;
  /** pg_type.typname of the column, or of the element for an array. */
  type: string;
  isArray: boolean;
  notNull: boolean;
  hasDefault: boolean;
  identity: boolean;
  /** The labels of an enum type (of the element for an array), in their order; null otherwise. */
  enumValues: string[] | null;
}

interface CatalogCheck {
  table: string;
  column: string;
  definition: string;
}

export interface Catalog {
  columns: CatalogColumn[];
  checks: CatalogCheck[];
}

/** Migrates a fresh in-memory PGlite and reads its columns and single-column checks. */
export async function readCatalog(): Promise<Catalog> {
  const pglite = await PGlite.create({ extensions: { pg_trgm } });
  const pool = new PGlitePool(pglite);
  const system = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  const database: Database = {
    engine: 'pglite',
    system,
    execScript: (script) => pool.exec(script),
    withAdvisoryLock: (_key, work) => work(),
    close: async () => {
      await system.destroy();
      await pglite.close();
    },
  };
  try {
    await migrate(database);
    // Raw queries: the catalog's own names, not CamelCasePlugin's.
    const { rows: columns } = await pglite.query<CatalogColumn>(`
      select c.relname as "table", a.attname as "column",
             coalesce(element.typname, t.typname) as "type",
             element.oid is not null as "isArray",
             a.attnotnull as "notNull", a.atthasdef as "hasDefault",
             a.attidentity <> '' as "identity",
             (select array_agg(e.enumlabel order by e.enumsortorder) from pg_enum e
               where e.enumtypid = coalesce(element.oid, t.oid)) as "enumValues"
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_type t on t.oid = a.atttypid
        left join pg_type element on element.oid = t.typelem and t.typcategory = 'A'
       where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
       order by c.relname, a.attnum`);
    const { rows: checks } = await pglite.query<CatalogCheck>(`
      select c.relname as "table", a.attname as "column", pg_get_constraintdef(k.oid) as "definition"
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
       where n.nspname = 'public' and k.contype = 'c' and cardinality(k.conkey) = 1
       order by c.relname, a.attname, k.conname`);
    return { columns, checks };
  } finally {
    await database.close();
  }
}

/**
 * The values of `CHECK ((col = ANY (ARRAY['a'::text, ...])))` or `CHECK ((col = 'a'::text))`, as
 * PostgreSQL prints a single-column `col IN ('a', ...)`; undefined for any other check.
 */
export function checkValues(definition: string, column: string): string[] | undefined {
  const name = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const target = `(?:${name}|"${name}")`;
  const list = new RegExp(`^CHECK \\(\\(${target} = ANY \\(ARRAY\\[(.*)\\]\\)\\)\\)$`).exec(definition);
  const single = new RegExp(`^CHECK \\(\\(${target} = ('(?:[^']|'')*'::[\\w ]+)\\)\\)$`).exec(definition);
  const items = list?.[1] ?? single?.[1];
  if (items === undefined) return undefined;
  const item = /'((?:[^']|'')*)'::(?:text|character varying)(?:, |$)/g;
  const values: string[] = [];
  let consumed = 0;
  for (const match of items.matchAll(item)) {
    if (match.index !== consumed) return undefined;
    values.push(match[1]!.replace(/''/g, "'"));
    consumed += match[0].length;
  }
  return consumed === items.length && values.length > 0 ? values : undefined;
}

const SCALARS: Record<string, string> = {
  uuid: 'string',
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  citext: 'string',
  date: 'string',
  numeric: 'string',
  int2: 'number',
  int4: 'number',
  int8: 'number',
  float4: 'number',
  float8: 'number',
  bool: 'boolean',
  timestamptz: 'Date',
  timestamp: 'Date',
  bytea: 'Uint8Array',
  inet: 'string',
  jsonb: 'unknown',
  json: 'unknown',
  tsvector: 'string',
};

const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (name: string): string => camel(name).replace(/^./, (c) => c.toUpperCase());
const quote = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function docComment(text: string | undefined): string {
  if (!text) return '';
  const lines = text.split('\n');
  if (lines.length === 1) return `/** ${text} */\n`;
  return `/**\n${lines.map((line) => ` * ${line}`).join('\n')}\n */\n`;
}

/** A union written as its members; `null` and `undefined` last, in that order. */
function union(members: string[]): string {
  const unique = [...new Set(members)];
  const tail = ['null', 'undefined'].filter((m) => unique.includes(m));
  return [...unique.filter((m) => !tail.includes(m)), ...tail].join(' | ');
}

interface Rendered {
  /** The column's type in the interface. */
  type: string;
  /** A named union to export before the table, when the override names one. */
  alias?: { name: string; type: string };
}

function renderColumn(column: CatalogColumn, checks: CatalogCheck[]): Rendered {
  const key = `${column.table}.${column.column}`;
  const override = OVERRIDES[key] ?? {};
  let base = column.enumValues ? column.enumValues.map(quote).join(' | ') : SCALARS[column.type];
  if (base === undefined) {
    throw new Error(`${key}: no TS type for the PostgreSQL type ${column.type}; add it to SCALARS`);
  }
  let alias: Rendered['alias'];
  const valueSets = checks
    .filter((check) => check.table === column.table && check.column === column.column)
    .map((check) => checkValues(check.definition, column.column))
    .filter((values) => values !== undefined);
  if (base === 'string' && !column.isArray && valueSets.length > 0) {
    const allowed = valueSets.reduce((all, values) => all.filter((value) => values.includes(value)));
    base = allowed.map(quote).join(' | ');
  }
  if (base.startsWith("'") && override.union) {
    alias = { name: override.union, type: base };
    base = override.union;
  } else if (override.union) {
    throw new Error(`${key}: a union name, but neither a check nor an enum lists the column's values`);
  }
  if (override.type) base = override.type;
  if (column.isArray) base = /^[\w.]+$/.test(base) ? `${base}[]` : `(${base})[]`;

  const isJson = column.type === 'jsonb' || column.type === 'json';
  const isTimestamp = (column.type === 'timestamptz' || column.type === 'timestamp') && !column.isArray;
  const optional = column.hasDefault || column.identity;
  const writeOnce = override.writeOnce === true || (column.column === 'created_at' && optional);

  const nullable = column.notNull ? [] : ['null'];
  // `unknown | null` is `unknown`.
  const select = base === 'unknown' ? [base] : [base, ...nullable];
  // JSON columns are written as JSON text and read back parsed; a defaulted timestamp takes ISO text.
  const written = isJson ? ['string'] : isTimestamp && optional ? [base, 'string'] : [base];
  const insert = [...written, ...nullable, ...(optional ? ['undefined'] : [])];
  const update = writeOnce ? ['never'] : [...written, ...nullable];

  const S = union(select);
  const I = union(insert);
  const U = union(update);
  let type: string;
  if (S === I && I === U) type = S;
  else if (isTimestamp && column.notNull && optional && base === 'Date') {
    type = writeOnce ? 'CreatedAt' : 'Timestamp';
  } else if (isJson && column.notNull && !optional && !writeOnce) type = `Json<${base}>`;
  else if (I === union([...select, 'undefined']) && U === S) type = `Generated<${S}>`;
  else type = `ColumnType<${S}, ${I}, ${U}>`;
  return alias ? { type, alias } : { type };
}

const HEADER = `// Generated by apps/server/scripts/generate-schema.ts from the migrations: do not edit.
// After a new migration run \`${REGENERATE_COMMAND}\` (test/schema-drift.test.ts checks it).
`;

const HELPERS = `
/** Table types as Kysely sees them through CamelCasePlugin (snake_case in SQL, camelCase here). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** JSON columns are written as JSON text (like the journal's payload) and read back parsed. */
type Json<T> = ColumnType<T, string, string>;
`;

/** The text of src/db/schema.ts for the catalog (by default, the one the migrations build). */
export async function generateSchema(catalog?: Catalog): Promise<string> {
  const { columns, checks } = catalog ?? (await readCatalog());
  for (const key of Object.keys(OVERRIDES)) {
    if (!columns.some((c) => `${c.table}.${c.column}` === key)) {
      throw new Error(`OVERRIDES names ${key}, which the migrations do not create`);
    }
  }
  const tables = [...new Set(columns.map((c) => c.table))].sort();
  const imports = [...IMPORTS, `import type { ColumnType, Generated } from 'kysely';`];
  const parts: string[] = [HEADER, imports.join('\n'), HELPERS];
  parts.push(`export type { ${RE_EXPORTS.join(', ')} };\n`);
  for (const table of tables) {
    const aliases: string[] = [];
    const fields: string[] = [];
    for (const column of columns.filter((c) => c.table === table)) {
      const rendered = renderColumn(column, checks);
      if (rendered.alias) aliases.push(`export type ${rendered.alias.name} = ${rendered.alias.type};`);
      const doc = OVERRIDES[`${table}.${column.column}`]?.doc;
      fields.push(`${docComment(doc)}${camel(column.column)}: ${rendered.type};`);
    }
    if (aliases.length > 0) parts.push(aliases.join('\n'));
    parts.push(
      `${docComment(TABLE_OVERRIDES[table]?.doc)}export interface ${pascal(table)}Table {\n${fields.join('\n')}\n}`,
    );
  }
  parts.push(`export interface DB {\n${tables.map((t) => `${camel(t)}: ${pascal(t)}Table;`).join('\n')}\n}`);
  const source = parts.join('\n\n');
  const options = await prettier.resolveConfig(SCHEMA_FILE);
  return prettier.format(source, { ...options, parser: 'typescript', filepath: SCHEMA_FILE });
}

/** The values a column's single-column `IN (...)` check allows, if it has one. */
export function allowedValues(catalog: Catalog, table: string, column: string): string[] | undefined {
  const check = catalog.checks.find((c) => c.table === table && c.column === column);
  return check && checkValues(check.definition, column);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const source = await generateSchema();
  fs.writeFileSync(SCHEMA_FILE, source);
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
