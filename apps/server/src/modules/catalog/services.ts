import type { z } from 'zod';
import type {
  ServiceCreateSchema,
  ServiceDefinition,
  ServiceDetail,
  ServiceVersion,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { runCommand, runQuery, type CommandContext, type CommandScope } from '../../platform/commands.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  authorsOf,
  definitionHash,
  definitionOf,
  draftOf,
  findService,
  listItems,
  problemsOf,
  publishedOf,
  summaryOf,
  unitsById,
  versionView,
  versionsOf,
  type ServiceRow,
  type VersionRow,
} from './queries.js';

/** What a use case needs of its command: the transaction, its journal and who acts. */
export type CatalogScope = Pick<CommandScope, 'tx' | 'journal'> & {
  municipalityId: string;
  actorId: string | null;
};

const scopeOf = (ctx: CommandContext, scope: CommandScope): CatalogScope => ({
  ...scope,
  municipalityId: ctx.municipalityId,
  actorId: ctx.actor.type === 'employee' ? ctx.actor.id : null,
});

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────

/** The municipality's catalog: services and sub-services, by name. */
export function listServices(ctx: CommandContext) {
  return runQuery(ctx, async (tx) => {
    const services = await tx.selectFrom('services').selectAll().execute();
    const items = await listItems(tx, services);
    return {
      items: items.sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.code.localeCompare(b.code)),
    };
  });
}

async function detailOf(tx: Tx, service: ServiceRow): Promise<ServiceDetail> {
  const children = await tx
    .selectFrom('services')
    .selectAll()
    .where('parentId', '=', service.id)
    .orderBy('code')
    .execute();
  const [item] = await listItems(tx, [service]);
  if (!item) throw notFound(`service ${service.id}`);
  const versions = await versionsOf(tx, [service.id]);
  const authors = await authorsOf(tx, versions);
  return {
    service: item,
    subServices: await listItems(tx, children),
    versions: versions.map((v) => summaryOf(v, authors)),
  };
}

async function serviceOr404(tx: Tx, id: string): Promise<ServiceRow> {
  const service = await findService(tx, id);
  if (!service) throw notFound(`service ${id}`);
  return service;
}

export function getServiceDetail(ctx: CommandContext, id: string): Promise<ServiceDetail> {
  return runQuery(ctx, async (tx) => detailOf(tx, await serviceOr404(tx, id)));
}

export function getVersion(ctx: CommandContext, id: string): Promise<ServiceVersion> {
  return runQuery(ctx, async (tx) => {
    const row = await tx.selectFrom('serviceVersions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`service version ${id}`);
    return versionView(tx, row);
  });
}

// ── Changing ─────────────────────────────────────────────────────────────────────────────────────

async function checkParent(tx: Tx, parentId: string | null, selfId?: string): Promise<void> {
  if (!parentId) return;
  const parent = await findService(tx, parentId);
  // One level of sub-services: a sub-service is a variant of a service, not a service of its own.
  if (!parent || parent.parentId !== null || parent.id === selfId) {
    throw new AppError('service_parent_invalid', `parent ${parentId}`);
  }
}

/** A new service of the registry with its first version as a draft. */
export async function createServiceIn(
  { tx, journal, municipalityId, actorId }: CatalogScope,
  input: { code: string; parentId: string | null; definition: ServiceDefinition },
): Promise<{ service: ServiceRow; version: VersionRow }> {
  const taken = await tx
    .selectFrom('services')
    .select('id')
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (taken) throw new AppError('service_code_taken', input.code);
  await checkParent(tx, input.parentId);
  const service = await tx
    .insertInto('services')
    .values({
      municipalityId,
      code: input.code,
      parentId: input.parentId,
      createdBy: actorId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const version = await insertDraft(tx, service, 1, input.definition, actorId);
  await journal({
    action: 'service.created',
    objectType: 'service',
    objectId: service.id,
    payload: {
      code: service.code,
      parentId: service.parentId,
      name: input.definition.card.name,
      versionId: version.id,
      number: version.number,
    },
  });
  return { service, version };
}

function insertDraft(
  tx: Tx,
  service: ServiceRow,
  number: number,
  definition: ServiceDefinition,
  actorId: string | null,
): Promise<VersionRow> {
  return tx
    .insertInto('serviceVersions')
    .values({
      municipalityId: service.municipalityId,
      serviceId: service.id,
      number,
      state: 'draft',
      definition: JSON.stringify(definition),
      createdBy: actorId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Saves the service's draft: replaces the draft's definition, or starts a new draft (numbered after
 * the last version) when there is none. Published versions stay as they are.
 */
export async function saveDraftIn(
  { tx, journal, actorId }: CatalogScope,
  service: ServiceRow,
  definition: ServiceDefinition,
): Promise<VersionRow> {
  const existing = await draftOf(tx, service.id);
  let version: VersionRow;
  if (existing) {
    version = await tx
      .updateTable('serviceVersions')
      .set({ definition: JSON.stringify(definition) })
      .where('id', '=', existing.id)
      .where('state', '=', 'draft')
      .returningAll()
      .executeTakeFirstOrThrow();
  } else {
    const last = await tx
      .selectFrom('serviceVersions')
      .select((eb) => eb.fn.max('number').as('number'))
      .where('serviceId', '=', service.id)
      .executeTakeFirst();
    version = await insertDraft(tx, service, Number(last?.number ?? 0) + 1, definition, actorId);
  }
  await journal({
    action: 'service.draft_saved',
    objectType: 'service',
    objectId: service.id,
    payload: {
      code: service.code,
      name: definition.card.name,
      versionId: version.id,
      number: version.number,
      created: !existing,
      definitionHash: definitionHash(definition),
    },
  });
  return version;
}

/**
 * Publishes the draft: the validator must find nothing (regulation 004 items 1–2: a service is
 * provided only along its map, so a map a case could get stuck in is never put in force). The
 * version in force becomes superseded; the cases that pinned it keep it.
 */
export async function publishDraftIn(
  { tx, journal, actorId }: CatalogScope,
  service: ServiceRow,
): Promise<VersionRow> {
  const draft = await draftOf(tx, service.id);
  if (!draft) throw new AppError('service_no_draft', service.id);
  const definition = definitionOf(draft);
  const problems = problemsOf(definition, await unitsById(tx));
  if (problems.length > 0) {
    throw new AppError('definition_invalid', `${problems.length} problems`, undefined, { problems });
  }
  const superseded = await tx
    .updateTable('serviceVersions')
    .set({ state: 'superseded' })
    .where('serviceId', '=', service.id)
    .where('state', '=', 'published')
    .returning(['id', 'number'])
    .executeTakeFirst();
  const published = await tx
    .updateTable('serviceVersions')
    .set({ state: 'published', publishedAt: new Date(), publishedBy: actorId })
    .where('id', '=', draft.id)
    .where('state', '=', 'draft')
    .returningAll()
    .executeTakeFirstOrThrow();
  await journal({
    action: 'service.published',
    objectType: 'service',
    objectId: service.id,
    payload: {
      code: service.code,
      name: definition.card.name,
      versionId: published.id,
      number: published.number,
      definitionHash: definitionHash(definition),
      supersededVersionId: superseded?.id ?? null,
      supersededNumber: superseded?.number ?? null,
    },
  });
  return published;
}

/** «Опубликовать на портале» / «Снять с публикации»: only a service with a version in force is offered. */
export async function setOfferedIn(
  { tx, journal }: CatalogScope,
  service: ServiceRow,
  offered: boolean,
): Promise<void> {
  if (service.offered === offered) return;
  if (offered && !(await publishedOf(tx, service.id))) {
    throw new AppError('service_not_published', service.id);
  }
  await tx.updateTable('services').set({ offered }).where('id', '=', service.id).execute();
  await journal({
    action: offered ? 'service.offered' : 'service.withdrawn',
    objectType: 'service',
    objectId: service.id,
    payload: { code: service.code },
  });
}

// ── Commands (one tenant transaction each, with their journal entries) ──────────────────────────

export function createService(ctx: CommandContext, input: z.output<typeof ServiceCreateSchema>) {
  return runCommand(ctx, async (scope) => {
    const { service } = await createServiceIn(scopeOf(ctx, scope), input);
    return detailOf(scope.tx, service);
  });
}

export function saveDraft(ctx: CommandContext, serviceId: string, definition: ServiceDefinition) {
  return runCommand(ctx, async (scope) => {
    const service = await serviceOr404(scope.tx, serviceId);
    return versionView(scope.tx, await saveDraftIn(scopeOf(ctx, scope), service, definition));
  });
}

export function deleteDraft(ctx: CommandContext, serviceId: string): Promise<void> {
  return runCommand(ctx, async ({ tx, journal }) => {
    const service = await serviceOr404(tx, serviceId);
    const draft = await draftOf(tx, service.id);
    if (!draft) throw new AppError('service_no_draft', service.id);
    await tx.deleteFrom('serviceVersions').where('id', '=', draft.id).where('state', '=', 'draft').execute();
    await journal({
      action: 'service.draft_deleted',
      objectType: 'service',
      objectId: service.id,
      payload: { code: service.code, versionId: draft.id, number: draft.number },
    });
  });
}

export function publishDraft(ctx: CommandContext, serviceId: string) {
  return runCommand(ctx, async (scope) => {
    const service = await serviceOr404(scope.tx, serviceId);
    return versionView(scope.tx, await publishDraftIn(scopeOf(ctx, scope), service));
  });
}

export function setOffered(ctx: CommandContext, serviceId: string, offered: boolean) {
  return runCommand(ctx, async (scope) => {
    const service = await serviceOr404(scope.tx, serviceId);
    await setOfferedIn(scopeOf(ctx, scope), service, offered);
    return detailOf(scope.tx, (await findService(scope.tx, service.id)) ?? service);
  });
}

/** The validator's verdict on a definition as this municipality would publish it. */
export function checkDefinition(ctx: CommandContext, definition: ServiceDefinition) {
  return runQuery(ctx, async (tx) => ({ problems: problemsOf(definition, await unitsById(tx)) }));
}
