import type { z } from 'zod';
import {
  SERVICE_EXPORT_FORMAT,
  SERVICE_EXPORT_FORMAT_VERSION,
  type DefinitionProblem,
  type ImportRequestSchema,
  type ServiceDefinition,
  type ServiceExport,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import { AppError, notFound } from '../../platform/errors.js';
import { municipalityCard } from '../municipalities/index.js';
import {
  definitionHash,
  definitionOf,
  draftOf,
  findService,
  problemsOf,
  publishedOf,
  unitsById,
  type ServiceRow,
  type VersionRow,
} from './queries.js';
import { createServiceIn, saveDraftIn, type CatalogScope } from './services.js';
import { mapUnitRefs, sameName, unitRefsOf } from './units.js';

/** What an export carries of a service: the version in force, or the draft of one never published. */
async function exportedVersion(tx: Tx, service: ServiceRow): Promise<VersionRow | undefined> {
  return (await publishedOf(tx, service.id)) ?? (await draftOf(tx, service.id));
}

/**
 * One service with its sub-services as a file (docs/catalog/export-format.md): the definitions in
 * force, units named by the references of `units` (here a unit's id, with its name to map it by).
 */
export function exportService(ctx: CommandContext, serviceId: string, now: Date): Promise<ServiceExport> {
  return runQuery(ctx, async (tx) => {
    const service = await findService(tx, serviceId);
    if (!service) throw notFound(`service ${serviceId}`);
    const version = await exportedVersion(tx, service);
    if (!version) throw notFound(`service ${serviceId} has no version`);
    const children = await tx
      .selectFrom('services')
      .selectAll()
      .where('parentId', '=', service.id)
      .orderBy('code')
      .execute();
    const subServices: Array<{ code: string; definition: ServiceDefinition }> = [];
    for (const child of children) {
      const childVersion = await exportedVersion(tx, child);
      if (childVersion) subServices.push({ code: child.code, definition: definitionOf(childVersion) });
    }
    const definition = definitionOf(version);
    const units = await unitsById(tx);
    const used = new Set([definition, ...subServices.map((s) => s.definition)].flatMap(unitRefsOf));
    const municipality = await municipalityCard(tx, ctx.municipalityId);
    return {
      format: SERVICE_EXPORT_FORMAT,
      formatVersion: SERVICE_EXPORT_FORMAT_VERSION,
      exportedAt: now.toISOString(),
      source: municipality?.name ?? '',
      sourceVersion: version.state === 'draft' ? null : version.number,
      units: [...used].map((id) => {
        const unit = units.get(id);
        return { ref: id, name: unit?.name ?? id, shortName: unit?.shortName ?? null };
      }),
      service: { code: service.code, definition, subServices },
    };
  });
}

/**
 * Loads a file into the municipality: every unit reference of the file mapped to one of its units
 * (refused, listing what is unmapped with a same-name suggestion, otherwise), every definition
 * validated, then the service and its sub-services written as drafts — an existing service with the
 * same code gets a new draft. All in the caller's transaction: nothing is written unless all is.
 */
export async function importServiceIn(
  scope: CatalogScope,
  file: ServiceExport,
  unitMapping: Readonly<Record<string, string>>,
): Promise<{ service: ServiceRow; version: VersionRow; created: boolean; subServices: ServiceRow[] }> {
  const { tx, journal } = scope;
  const units = await unitsById(tx);
  const entries = [
    { code: file.service.code, definition: file.service.definition },
    ...file.service.subServices,
  ];
  const named = new Map(file.units.map((u) => [u.ref, u]));
  const used = new Set([
    ...file.units.map((u) => u.ref),
    ...entries.flatMap((e) => unitRefsOf(e.definition)),
  ]);
  const mapping = new Map<string, string>();
  const missing = [];
  for (const ref of used) {
    const target = Object.hasOwn(unitMapping, ref) ? unitMapping[ref] : undefined;
    if (target && units.has(target)) {
      mapping.set(ref, target);
      continue;
    }
    const name = named.get(ref)?.name ?? ref;
    const same = [...units.values()].find((u) => sameName(u.name, name));
    missing.push({ ref, name, suggestion: same ? { id: same.id, name: same.name } : null });
  }
  if (missing.length > 0) {
    throw new AppError('unit_mapping_required', missing.map((m) => m.ref).join(', '), undefined, {
      units: missing,
    });
  }
  const mapped = entries.map((e) => ({
    code: e.code,
    definition: mapUnitRefs(e.definition, (ref) => mapping.get(ref) ?? ref),
  }));
  const problems: DefinitionProblem[] = mapped.flatMap(({ code, definition }, index) =>
    problemsOf(definition, units).map((p) =>
      index === 0
        ? p
        : {
            ...p,
            part: `${code}/${p.part}`,
            message: `Подуслуга «${definition.card.shortName}»: ${p.message}`,
          },
    ),
  );
  if (problems.length > 0) {
    throw new AppError('definition_invalid', `${problems.length} problems`, undefined, { problems });
  }

  let parent: ServiceRow | null = null;
  let first: { service: ServiceRow; version: VersionRow; created: boolean } | undefined;
  const subServices: ServiceRow[] = [];
  for (const { code, definition } of mapped) {
    const existing = await tx.selectFrom('services').selectAll().where('code', '=', code).executeTakeFirst();
    let written: { service: ServiceRow; version: VersionRow; created: boolean };
    if (existing) {
      written = {
        service: existing,
        version: await saveDraftIn(scope, existing, definition),
        created: false,
      };
    } else {
      const made = await createServiceIn(scope, { code, parentId: parent?.id ?? null, definition });
      written = { ...made, created: true };
    }
    await journal({
      action: 'service.imported',
      objectType: 'service',
      objectId: written.service.id,
      payload: {
        code,
        name: definition.card.name,
        versionId: written.version.id,
        number: written.version.number,
        created: written.created,
        source: file.source,
        sourceVersion: file.sourceVersion,
        exportedAt: file.exportedAt,
        definitionHash: definitionHash(definition),
        unitMapping: Object.fromEntries(mapping),
      },
    });
    if (!first) {
      first = written;
      parent = written.service;
    } else {
      subServices.push(written.service);
    }
  }
  if (!first) throw new Error('an export file always holds its service');
  return { ...first, subServices };
}

export function importService(ctx: CommandContext, request: z.output<typeof ImportRequestSchema>) {
  return runCommand(ctx, async (scope) => {
    const actorId = ctx.actor.type === 'employee' ? ctx.actor.id : null;
    const result = await importServiceIn(
      { ...scope, municipalityId: ctx.municipalityId, actorId },
      request.file,
      request.unitMapping,
    );
    return { serviceId: result.service.id, versionId: result.version.id, created: result.created };
  });
}
