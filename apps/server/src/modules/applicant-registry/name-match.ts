import { sql } from 'kysely';
import { normalizeName } from './records.js';

/**
 * Registry records whose name contains the words asked (ё read as е, any case), as a subquery of
 * record ids: the workplace's search of cases by the applicant's name (the trigram index serves LIKE).
 */
export function recordsNamed(q: string) {
  const name = normalizeName(q).replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<string>`(select r.id from applicant_records r where r.search_name like ${`%${name}%`})`;
}
