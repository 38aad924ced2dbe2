import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import {
  validateDefinition,
  type DefinitionProblem,
  type ServiceDefinition,
  type ServiceListItem,
  type ServiceVersion,
  type VersionSummary,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { ServiceVersionsTable, ServicesTable } from '../../db/schema.js';
import { canonicalJson } from '../../platform/journal/hash.js';
import { employeeNames, orgUnitDirectory } from '../org/index.js';
import { unitRefsOf } from './units.js';

export type ServiceRow = Selectable<ServicesTable>;
export type VersionRow = Selectable<ServiceVersionsTable>;

/** Stored definitions passed the request schema when written; read back as what they are. */
export function definitionOf(row: Pick<VersionRow, 'definition'>): ServiceDefinition {
  return row.definition as ServiceDefinition;
}

/** The definition as the journal records it: its hash, not its text. */
export function definitionHash(definition: ServiceDefinition): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}

/** The municipality's units by id, read once per command. */
export async function unitsById(
  tx: Tx,
): Promise<Map<string, { id: string; name: string; shortName: string | null }>> {
  return new Map((await orgUnitDirectory(tx)).map((u) => [u.id, u]));
}

/**
 * The validator's questions answered for this municipality: a unit exists when it is one of its
 * units. Reference codes are not checked here until the reference data module offers them: then its
 * index.ts gives the set of codes of each directory and `referenceExists` joins this context.
 */
export function definitionContext(units: ReadonlyMap<string, unknown>) {
  return { unitExists: (id: string) => units.has(id) };
}

export function problemsOf(
  definition: ServiceDefinition,
  units: ReadonlyMap<string, unknown>,
): DefinitionProblem[] {
  return validateDefinition(definition, definitionContext(units));
}

export async function findService(tx: Tx, id: string): Promise<ServiceRow | undefined> {
  return tx.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function versionsOf(tx: Tx, serviceIds: readonly string[]): Promise<VersionRow[]> {
  if (serviceIds.length === 0) return [];
  return tx
    .selectFrom('serviceVersions')
    .selectAll()
    .where('serviceId', 'in', [...serviceIds])
    .orderBy('number', 'desc')
    .execute();
}

/** The draft of a service, when it has one. */
export async function draftOf(tx: Tx, serviceId: string): Promise<VersionRow | undefined> {
  return tx
    .selectFrom('serviceVersions')
    .selectAll()
    .where('serviceId', '=', serviceId)
    .where('state', '=', 'draft')
    .executeTakeFirst();
}

/** The version in force: what new cases start with. */
export async function publishedOf(tx: Tx, serviceId: string): Promise<VersionRow | undefined> {
  return tx
    .selectFrom('serviceVersions')
    .selectAll()
    .where('serviceId', '=', serviceId)
    .where('state', '=', 'published')
    .executeTakeFirst();
}

/** Names of the employees who created and published the given versions. */
export async function authorsOf(tx: Tx, versions: readonly VersionRow[]): Promise<Map<string, string>> {
  const ids = versions.flatMap((v) => [v.createdBy, v.publishedBy]).filter((id): id is string => !!id);
  return employeeNames(tx, ids);
}

export function summaryOf(row: VersionRow, authors: ReadonlyMap<string, string>): VersionSummary {
  const named = (id: string | null) => (id ? { id, name: authors.get(id) ?? '' } : null);
  return {
    id: row.id,
    number: row.number,
    state: row.state,
    createdAt: row.createdAt.toISOString(),
    createdBy: named(row.createdBy),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedBy: named(row.publishedBy),
  };
}

/** Rows of the staff catalog for the given services (their versions read in one query). */
export async function listItems(tx: Tx, services: readonly ServiceRow[]): Promise<ServiceListItem[]> {
  const versions = await versionsOf(
    tx,
    services.map((s) => s.id),
  );
  const authors = await authorsOf(tx, versions);
  const units = await unitsById(tx);
  return services.map((service) => {
    const own = versions.filter((v) => v.serviceId === service.id);
    const current = own.find((v) => v.state === 'published');
    const draft = own.find((v) => v.state === 'draft');
    const shown = current ?? draft ?? own[0];
    const card = shown ? definitionOf(shown).card : undefined;
    const unit = card ? units.get(card.responsibleUnitRef) : undefined;
    return {
      id: service.id,
      code: service.code,
      parentId: service.parentId,
      name: card?.name ?? service.code,
      shortName: card?.shortName ?? service.code,
      responsibleUnit: unit ? { id: unit.id, name: unit.name } : null,
      offered: service.offered,
      current: current ? summaryOf(current, authors) : null,
      draft: draft ? summaryOf(draft, authors) : null,
      term: card?.term ?? null,
    };
  });
}

/** One version as the staff see it: its definition, what the validator says of it, its units' names. */
export async function versionView(tx: Tx, row: VersionRow): Promise<ServiceVersion> {
  const authors = await authorsOf(tx, [row]);
  const units = await unitsById(tx);
  const definition = definitionOf(row);
  const names: Record<string, string> = {};
  for (const ref of unitRefsOf(definition)) {
    const unit = units.get(ref);
    if (unit) names[ref] = unit.name;
  }
  return {
    id: row.id,
    serviceId: row.serviceId,
    summary: summaryOf(row, authors),
    definition,
    problems: row.state === 'draft' ? problemsOf(definition, units) : [],
    units: names,
  };
}
