import {
  validateSubmission,
  type FormProblem,
  type PortalService,
  type ServiceDefinition,
} from '@uslugi/contracts';
import type { Database, Tx } from '../../db/database.js';
import { runQuery } from '../../platform/commands.js';
import { notFound } from '../../platform/errors.js';
import { municipalityCard } from '../municipalities/index.js';
import { definitionOf, unitsById, type ServiceRow } from './queries.js';

/**
 * What everyone sees of a municipality's catalog: the services it offers (`offered`) that have a
 * version in force. Drafts, maps and ids of units stay inside.
 */
interface Offered {
  service: ServiceRow;
  versionId: string;
  definition: ServiceDefinition;
}

async function offered(tx: Tx, where: { id?: string; parentId?: string }): Promise<Offered[]> {
  let query = tx
    .selectFrom('services as s')
    .innerJoin('serviceVersions as v', (join) =>
      join.onRef('v.serviceId', '=', 's.id').on('v.state', '=', 'published'),
    )
    .selectAll('s')
    .select(['v.id as versionId', 'v.definition'])
    .where('s.offered', '=', true);
  if (where.id) query = query.where('s.id', '=', where.id);
  if (where.parentId) query = query.where('s.parentId', '=', where.parentId);
  const rows = await query.execute();
  return rows.map(({ versionId, definition, ...service }) => ({
    service,
    versionId,
    definition: definitionOf({ definition }),
  }));
}

/** The portal names units, never their ids. */
async function unitName(tx: Tx): Promise<(id: string) => string | null> {
  const units = await unitsById(tx);
  return (id) => units.get(id)?.name ?? null;
}

function item({ service, definition }: Offered, unit: (id: string) => string | null) {
  const { card } = definition;
  return {
    id: service.id,
    code: service.code,
    parentId: service.parentId,
    name: card.name,
    shortName: card.shortName,
    term: card.term,
    free: card.fee === null || card.fee.amountRub === 0,
    channels: card.channels,
    responsibleUnit: unit(card.responsibleUnitRef),
  };
}

/** A municipality of the installation, or 404: the portal's routes name it in the query. */
async function inMunicipality<T>(database: Database, municipalityId: string, work: (tx: Tx) => Promise<T>) {
  return runQuery({ database, municipalityId }, async (tx) => {
    if (!(await municipalityCard(tx, municipalityId))) throw notFound(`municipality ${municipalityId}`);
    return work(tx);
  });
}

export function portalServices(database: Database, municipalityId: string) {
  return inMunicipality(database, municipalityId, async (tx) => {
    const unit = await unitName(tx);
    const items = (await offered(tx, {})).map((o) => item(o, unit));
    return {
      items: items.sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.code.localeCompare(b.code)),
    };
  });
}

export function portalService(
  database: Database,
  municipalityId: string,
  id: string,
): Promise<PortalService> {
  return inMunicipality(database, municipalityId, async (tx) => {
    const [found] = await offered(tx, { id });
    if (!found) throw notFound(`offered service ${id}`);
    const unit = await unitName(tx);
    const subServices = (await offered(tx, { parentId: id }))
      .map((o) => item(o, unit))
      .sort((a, b) => a.code.localeCompare(b.code));
    const responsibleUnit = unit(found.definition.card.responsibleUnitRef);
    return {
      id: found.service.id,
      code: found.service.code,
      versionId: found.versionId,
      // The card as published, its unit named: the portal shows a unit's name, not its id.
      card: { ...found.definition.card, responsibleUnitRef: responsibleUnit ?? '' },
      responsibleUnit,
      form: found.definition.form,
      subServices,
    };
  });
}

/**
 * The server's check of a filled form against the published form: the same function the portal runs
 * in the browser, so both say the same words.
 */
export function checkSubmission(
  database: Database,
  municipalityId: string,
  id: string,
  values: Record<string, unknown>,
  today: string,
): Promise<{ problems: FormProblem[] }> {
  return inMunicipality(database, municipalityId, async (tx) => {
    const [found] = await offered(tx, { id });
    if (!found) throw notFound(`offered service ${id}`);
    const { problems } = validateSubmission(found.definition.form, values, { today });
    return { problems };
  });
}
