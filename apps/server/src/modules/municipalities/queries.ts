import type { Kysely, Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB, MunicipalitiesTable } from '../../db/schema.js';

/** The owner connection or a transaction (tenant or not): municipalities are a global table. */
type Executor = Kysely<DB> | Tx;

/** A municipality as others need it: names, ОКТМО, region, the executive body's ОГРН and ИНН. */
export type MunicipalityCard = Selectable<MunicipalitiesTable>;

export async function municipalityCard(db: Executor, id: string): Promise<MunicipalityCard | undefined> {
  return db.selectFrom('municipalities').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every municipality of the installation by name (the portal's list, a sign-in's candidates). */
export async function listMunicipalities(db: Executor): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('municipalities').select(['id', 'name']).orderBy('name').execute();
}

/** A municipality named by its id or its ОКТМО. */
export async function findMunicipality(
  db: Executor,
  by: { id: string } | { oktmo: string },
): Promise<MunicipalityCard | undefined> {
  const query = db.selectFrom('municipalities').selectAll();
  return (
    'id' in by ? query.where('id', '=', by.id) : query.where('oktmo', '=', by.oktmo)
  ).executeTakeFirst();
}
