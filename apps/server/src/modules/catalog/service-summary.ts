import type { ServiceCard } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { definitionOf } from './queries.js';

/** A service as other modules name and explain it: its card in force, whether it is offered. */
export interface ServiceSummary {
  id: string;
  parentId: string | null;
  code: string;
  /** The name of the card in force, else of the latest version. */
  name: string;
  /** Offered to applicants (`services.offered`). */
  offered: boolean;
  /** The card of the version in force; null: no version is published. */
  card: ServiceCard | null;
}

/**
 * Services by id, in the caller's transaction (so in its municipality: another municipality's service
 * is simply absent), each with its card in force.
 */
export async function serviceSummaries(tx: Tx, ids: readonly string[]): Promise<Map<string, ServiceSummary>> {
  if (ids.length === 0) return new Map();
  const unique = [...new Set(ids)];
  const services = await tx
    .selectFrom('services')
    .select(['id', 'parentId', 'code', 'offered'])
    .where('id', 'in', unique)
    .execute();
  if (services.length === 0) return new Map();
  const versions = await tx
    .selectFrom('serviceVersions')
    .select(['serviceId', 'state', 'number', 'definition'])
    .where(
      'serviceId',
      'in',
      services.map((s) => s.id),
    )
    .orderBy('number', 'desc')
    .execute();
  const result = new Map<string, ServiceSummary>();
  for (const service of services) {
    const own = versions.filter((v) => v.serviceId === service.id);
    const published = own.find((v) => v.state === 'published');
    const latest = published ?? own[0];
    result.set(service.id, {
      ...service,
      name: latest ? definitionOf(latest).card.name : service.code,
      card: published ? definitionOf(published).card : null,
    });
  }
  return result;
}

/** One service by id (see serviceSummaries); undefined when the municipality has no such service. */
export async function serviceSummary(tx: Tx, id: string): Promise<ServiceSummary | undefined> {
  return (await serviceSummaries(tx, [id])).get(id);
}
