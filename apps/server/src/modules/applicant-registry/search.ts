import type { ApplicantKind, ApplicantMatch, ApplicantRecordInput } from '@uslugi/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { normalizeName, RECORD_COLUMNS, recordKeys, toRecord, type RecordRow } from './records.js';

type MatchedBy = ApplicantMatch['matchedBy'];

/**
 * Trigram thresholds of the name search: a one-letter typo in a surname («Марозов» for «Морозов»)
 * keeps about 0.6 of a word's trigrams, so the word threshold is below that; the whole-string one
 * catches a name typed in full with a slip.
 */
const WORD_SIMILARITY_THRESHOLD = 0.45;
const SIMILARITY_THRESHOLD = 0.3;
/** Likely duplicates: a name this close (with the same birth date for a person). */
export const DUPLICATE_NAME_SIMILARITY = 0.6;

const IDENTIFIER_LENGTHS = new Set([10, 11, 12, 13, 15]);

function byIdentifier(
  digits: string,
): { column: 'snils' | 'inn' | 'ogrn' | 'identityDocument'; by: MatchedBy }[] {
  switch (digits.length) {
    case 11:
      return [{ column: 'snils', by: 'snils' }];
    case 10:
      return [
        { column: 'inn', by: 'inn' },
        { column: 'identityDocument', by: 'identity_document' },
      ];
    case 12:
      return [{ column: 'inn', by: 'inn' }];
    case 13:
      return [{ column: 'ogrn', by: 'ogrn' }];
    case 15:
      return [{ column: 'ogrn', by: 'ogrnip' }];
    default:
      return [];
  }
}

/** Words of a name query long enough to carry trigrams of their own. */
const QUERY_WORD = /[\p{L}\p{N}]{3,}/gu;

/**
 * A name matches when every word of the query is close to some word of it (a typo per word
 * tolerated): each word is a condition the trigram index answers, so a query «Марозов Алексей
 * Игоревич» reads the records near «марозов» that also hold the other two, not every Алексей
 * Игоревич (measured: with the whole query's similarity a large registry's namesakes by first name and
 * patronymic were tens of thousands of candidates). Without words (a query of only short words) the
 * whole-string similarity: also what is asked when the words found nobody (a typo that changed too much
 * of a short word), slower on a large registry but still finding the person.
 */
function nameMatches(name: string, words: readonly string[]) {
  if (words.length === 0) return sql<boolean>`(search_name % ${name} OR ${name} <% search_name)`;
  return sql<boolean>`(${sql.join(
    words.map((word) => sql`${word} <% search_name`),
    sql` AND `,
  )})`;
}

/**
 * Search of the registry: an identifier (СНИЛС, ИНН, ОГРН, ОГРНИП, passport series and number, by
 * their digits) matches exactly; anything else is a name, found by trigram similarity (typos
 * tolerated) and Russian full text, ё read as е.
 */
export async function searchRecords(
  tx: Tx,
  query: { q: string; kind?: ApplicantKind | undefined; limit: number },
): Promise<ApplicantMatch[]> {
  const digits = query.q.replace(/[\s\-()]/g, '');
  if (/^\d+$/.test(digits) && IDENTIFIER_LENGTHS.has(digits.length)) {
    const matches: ApplicantMatch[] = [];
    for (const { column, by } of byIdentifier(digits)) {
      let q = tx.selectFrom('applicantRecords').select(RECORD_COLUMNS).where(column, '=', digits);
      if (query.kind) q = q.where('kind', '=', query.kind);
      for (const row of await q.orderBy('displayName').limit(query.limit).execute()) {
        if (!matches.some((m) => m.record.id === row.id)) {
          matches.push({ record: toRecord(row), matchedBy: by, similarity: 1 });
        }
      }
    }
    return matches.slice(0, query.limit);
  }
  const name = normalizeName(query.q);
  if (name === '') return [];
  await sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true),
                   set_config('pg_trgm.similarity_threshold', ${String(SIMILARITY_THRESHOLD)}, true)`.execute(
    tx,
  );
  const fullText = sql<boolean>`search_vector @@ plainto_tsquery('russian', ${name})`;
  const score = sql<number>`greatest(similarity(search_name, ${name}), word_similarity(${name}, search_name))`;
  const words = [...new Set(name.match(QUERY_WORD) ?? [])];
  const find = (byWords: readonly string[]) => {
    let q = tx
      .selectFrom('applicantRecords')
      .select(RECORD_COLUMNS)
      .select([score.as('score'), fullText.as('fullText')])
      .where(sql<boolean>`(${nameMatches(name, byWords)} OR ${fullText})`);
    if (query.kind) q = q.where('kind', '=', query.kind);
    return q
      .orderBy(sql`${fullText}`, 'desc')
      .orderBy('score', 'desc')
      .orderBy('displayName')
      .limit(query.limit)
      .execute();
  };
  let rows = await find(words);
  if (rows.length === 0 && words.length > 0) rows = await find([]);
  return rows.map((row) => ({
    record: toRecord(row),
    matchedBy: 'name' as const,
    similarity: Math.round(Math.min(1, Math.max(Number(row.score), row.fullText ? 0.5 : 0)) * 100) / 100,
  }));
}

/**
 * Likely duplicates of what is about to be entered: the same СНИЛС, ИНН, ОГРН (ОГРНИП) or identity
 * document; or, for a person, the same birth date and a name as close as `DUPLICATE_NAME_SIMILARITY`;
 * for an organisation, a name that close. `exceptId` leaves out the record being corrected.
 */
export async function findDuplicates(
  tx: Tx,
  input: ApplicantRecordInput,
  exceptId: string | null = null,
): Promise<ApplicantMatch[]> {
  const keys = recordKeys(input);
  const found = new Map<string, ApplicantMatch>();
  const add = (row: RecordRow, matchedBy: MatchedBy, similarity: number) => {
    if (row.id !== exceptId && !found.has(row.id))
      found.set(row.id, { record: toRecord(row), matchedBy, similarity });
  };
  const checks: {
    column: 'snils' | 'inn' | 'ogrn' | 'identityDocument';
    value: string | null;
    by: MatchedBy;
    sameKind: boolean;
  }[] = [
    { column: 'snils', value: keys.snils, by: 'snils', sameKind: true },
    { column: 'inn', value: keys.inn, by: 'inn', sameKind: true },
    {
      column: 'ogrn',
      value: keys.ogrn,
      by: input.kind === 'sole_proprietor' ? 'ogrnip' : 'ogrn',
      sameKind: false,
    },
    { column: 'identityDocument', value: keys.identityDocument, by: 'identity_document', sameKind: true },
  ];
  for (const check of checks) {
    if (!check.value) continue;
    let q = tx.selectFrom('applicantRecords').select(RECORD_COLUMNS).where(check.column, '=', check.value);
    if (check.sameKind) q = q.where('kind', '=', input.kind);
    for (const row of await q.limit(20).execute()) add(row, check.by, 1);
  }
  const similarity = sql<number>`similarity(search_name, ${keys.searchName})`;
  let byName = tx
    .selectFrom('applicantRecords')
    .select(RECORD_COLUMNS)
    .select(similarity.as('score'))
    .where(similarity, '>=', DUPLICATE_NAME_SIMILARITY);
  if (input.kind === 'legal_entity') {
    byName = byName.where('kind', '=', 'legal_entity');
  } else {
    byName = byName.where('kind', '!=', 'legal_entity').where('birthDate', '=', input.birthDate);
  }
  for (const row of await byName.orderBy('score', 'desc').limit(20).execute()) {
    add(row, 'name', Math.round(Number(row.score) * 100) / 100);
  }
  return [...found.values()];
}
