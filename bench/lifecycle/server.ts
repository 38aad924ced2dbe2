/**
 * The server's code the lifecycle bench calls, loaded by a computed path (this workspace's tsconfig
 * does not reference apps/server), with the few types the bench needs written out here.
 */
import type { Kysely } from 'kysely';

/** The bench reads and writes through Kysely without the server's generated schema types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly system: AnyDb;
  close(): Promise<void>;
}

export interface Actor {
  type: 'employee' | 'applicant' | 'system';
  id: string | null;
  name: string;
}

export interface CommandContext {
  database: Database;
  municipalityId: string;
  actor: Actor;
  roles?: readonly string[];
}

const load = async <T>(path: string): Promise<T> =>
  (await import(new URL(`../../apps/server/src/${path}`, import.meta.url).href)) as T;

export const db = await load<{
  openDatabase(options: { databaseUrl?: string; dataDir?: string; lock?: boolean }): Promise<Database>;
}>('db/database.ts');
export const migrations = await load<{ migrate(database: Database): Promise<string[]> }>('db/migrate.ts');
export const tenant = await load<{
  inTenant<T>(database: Database, municipalityId: string, work: (tx: AnyDb) => Promise<T>): Promise<T>;
}>('db/tenant.ts');
export const demo = await load<{ seedDemoData(database: Database): Promise<boolean> }>('demo/seed.ts');
/** ИНН and ОГРН with their check digits, as the ESIA emulator makes its people's. */
export const identifiers = await load<{
  personInn: (ten: string) => string;
  organizationInn: (nine: string) => string;
  ogrn: (twelve: string) => string;
}>('emulators/esia/persons.ts');
/** The registry's search key of a name (lower case, ё as е, single spaces). */
export const registry = await load<{ normalizeName: (value: string) => string }>(
  'modules/applicant-registry/records.ts',
);
export const hash = await load<{
  canonicalJson(value: unknown): string;
  sha256Hex(text: string): string;
  entryHash(entry: {
    municipalityId: string;
    stream: string;
    seq: number;
    recordedAt: Date;
    actorType: string;
    actorId: string | null;
    actorName: string;
    action: string;
    objectType: string;
    objectId: string;
    payloadHash: string;
    prevHash: string;
  }): string;
  GENESIS_HASH: string;
}>('platform/journal/hash.ts');
export const verify = await load<{
  verifyJournal(database: Database): Promise<{
    entries: number;
    streams: number;
    treeSize?: number;
    ok: boolean;
    firstBroken?: unknown;
  }>;
}>('platform/journal/verify.ts');
export const seal = await load<{
  sealJournal(database: Database): Promise<unknown>;
}>('platform/journal/seal.ts');
