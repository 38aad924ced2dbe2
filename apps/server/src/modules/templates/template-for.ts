import { sql } from 'kysely';
import type { DocumentKind } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { sampleSha256, sampleTemplate } from './samples.js';

export interface TemplateQuery {
  municipalityId: string;
  kind: DocumentKind;
  serviceId: string | null;
  serviceVersionId: string | null;
  /** The stage document of the map the render is for (the result's key), when any. */
  documentKey: string | null;
}

export interface ChosenTemplate {
  /** Null: the sample shipped with the system. */
  templateId: string | null;
  sha256: string;
  content: Buffer;
}

/**
 * The template a document renders with (000 item 2.5): the most specific published one — the
 * service version's, else the service's (for every version), else the municipality's; at each level
 * one for the same document key before one for any key; the latest version. With none, the sample.
 */
export async function templateFor(tx: Tx, files: FileStore, query: TemplateQuery): Promise<ChosenTemplate> {
  const row = await tx
    .selectFrom('documentTemplates')
    .select(['id', 'sha256', 'storageKey'])
    .where('municipalityId', '=', query.municipalityId)
    .where('kind', '=', query.kind)
    .where('status', '=', 'published')
    .where((eb) =>
      eb.or([
        eb('serviceId', 'is', null),
        ...(query.serviceId ? [eb('serviceId', '=', query.serviceId)] : []),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('serviceVersionId', 'is', null),
        ...(query.serviceVersionId ? [eb('serviceVersionId', '=', query.serviceVersionId)] : []),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('documentKey', 'is', null),
        ...(query.documentKey ? [eb('documentKey', '=', query.documentKey)] : []),
      ]),
    )
    .orderBy(sql`service_version_id is not null`, 'desc')
    .orderBy(sql`service_id is not null`, 'desc')
    .orderBy(sql`document_key is not null`, 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row)
    return { templateId: null, sha256: sampleSha256(query.kind), content: sampleTemplate(query.kind) };
  return { templateId: row.id, sha256: row.sha256, content: await files.get(row.storageKey) };
}
