import type { DocumentKind, DocumentTemplate } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { notFound } from '../../platform/errors.js';
import { serviceSummaries, serviceVersion } from '../catalog/index.js';
import { employeeNames } from '../org/index.js';

const COLUMNS = [
  'id',
  'kind',
  'title',
  'fileName',
  'size',
  'sha256',
  'storageKey',
  'serviceId',
  'serviceVersionId',
  'documentKey',
  'version',
  'status',
  'placeholders',
  'createdBy',
  'createdAt',
  'publishedBy',
  'publishedAt',
] as const;

/** The templates of the transaction's municipality (RLS), newest first, named for people. */
export async function selectTemplates(tx: Tx, filter: { id?: string } = {}): Promise<DocumentTemplate[]> {
  let query = tx
    .selectFrom('documentTemplates')
    .select(COLUMNS)
    .orderBy('kind')
    .orderBy('serviceId', 'desc')
    .orderBy('documentKey')
    .orderBy('version', 'desc')
    .limit(1000);
  if (filter.id) query = query.where('id', '=', filter.id);
  const rows = await query.execute();
  const services = await serviceSummaries(
    tx,
    rows.flatMap((r) => (r.serviceId ? [r.serviceId] : [])),
  );
  const people = await employeeNames(
    tx,
    rows.flatMap((r) => [r.createdBy, ...(r.publishedBy ? [r.publishedBy] : [])]),
  );
  const versionNumbers = new Map<string, number>();
  for (const id of new Set(rows.flatMap((r) => (r.serviceVersionId ? [r.serviceVersionId] : [])))) {
    const version = await serviceVersion(tx, id);
    if (version) versionNumbers.set(id, version.number);
  }
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    fileName: r.fileName,
    size: Number(r.size),
    sha256: r.sha256,
    serviceId: r.serviceId,
    serviceName: (r.serviceId && services.get(r.serviceId)?.name) || null,
    serviceVersionId: r.serviceVersionId,
    serviceVersionNumber: (r.serviceVersionId && versionNumbers.get(r.serviceVersionId)) || null,
    documentKey: r.documentKey,
    version: r.version,
    status: r.status,
    placeholders: r.placeholders,
    createdByName: people.get(r.createdBy) ?? null,
    createdAt: new Date(r.createdAt).toISOString(),
    publishedByName: (r.publishedBy && people.get(r.publishedBy)) || null,
    publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
  }));
}

export async function getTemplate(tx: Tx, id: string): Promise<DocumentTemplate> {
  const [template] = await selectTemplates(tx, { id });
  if (!template) throw notFound(`template ${id}`);
  return template;
}

/** Where a template's bytes are stored, with what the download and the preview need. */
export async function templateFileOf(
  tx: Tx,
  id: string,
): Promise<{ storageKey: string; fileName: string; kind: DocumentKind; title: string }> {
  const row = await tx
    .selectFrom('documentTemplates')
    .select(['storageKey', 'fileName', 'kind', 'title'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`template ${id}`);
  return row;
}
