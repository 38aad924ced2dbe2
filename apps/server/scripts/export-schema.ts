import path from 'node:path';
import { z } from 'zod';
import { ServiceExportSchema } from '@uslugi/contracts';

/** Where the export format's JSON Schema is checked in, for those who build files outside the system. */
export const EXPORT_SCHEMA_PATH = path.resolve(
  import.meta.dirname,
  '../../..',
  'docs/catalog/service-export.schema.json',
);

/** The JSON Schema (draft 2020-12) of a service export file, as the file's text. */
export function serviceExportJsonSchema(): string {
  const schema = z.toJSONSchema(ServiceExportSchema, { target: 'draft-2020-12', io: 'input', reused: 'ref' });
  const document = {
    $schema: schema.$schema,
    $id: 'https://uslugi.local/schemas/service-export.schema.json',
    title: 'Услуга с подуслугами, технологическими схемами и формами заявлений (файл выгрузки)',
    ...schema,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
