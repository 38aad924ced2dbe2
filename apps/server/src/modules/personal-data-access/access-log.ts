import {
  PERSONAL_DATA_ACCESS_PAGE_SIZE,
  VIEWED_KIND_TITLES,
  ViewedKindSchema,
  type PersonalDataAccess,
  type PersonalDataAccessPage,
} from '@uslugi/contracts';
import type { Database } from '../../db/database.js';
import { runQuery } from '../../platform/commands.js';
import { readJournal } from '../../platform/journal/read.js';
import { PERSONAL_DATA_OBJECT, PERSONAL_DATA_VIEWED } from '../../platform/journal/personal-data-views.js';
import { linkedRecordOf } from '../applicant-registry/index.js';
import { registrationNumbersOf } from '../applications/index.js';
import { employeePlaces } from '../org/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who looked at the applicant's personal data (152-ФЗ ст. 14, 20), newest first: in every municipality
 * where the applicant has a registry record linked to their ESIA account (the portal's «my» record,
 * `linkedRecordOf`), the entries of that record's access stream. One page of
 * `PERSONAL_DATA_ACCESS_PAGE_SIZE`, keyed by the journal number (one sequence for the whole installation,
 * so the municipalities' entries merge into one order). The employee's position and unit are their
 * current ones (the journal keeps the actor's id and ФИО as of the view).
 */
export async function accessLogOf(
  database: Database,
  municipalities: ReadonlyArray<{ id: string; name: string }>,
  applicantId: string,
  before: number | undefined,
): Promise<PersonalDataAccessPage> {
  const limit = PERSONAL_DATA_ACCESS_PAGE_SIZE;
  const found: Array<PersonalDataAccess & { number: number }> = [];
  for (const m of municipalities) {
    const items = await runQuery({ database, municipalityId: m.id }, async (tx) => {
      const recordId = await linkedRecordOf(tx, applicantId);
      if (!recordId) return [];
      const entries = (
        await readJournal(tx, { limit, objectType: PERSONAL_DATA_OBJECT, objectId: recordId, before })
      ).filter((e) => e.action === PERSONAL_DATA_VIEWED && e.actorType === 'employee');
      const parsed = entries.map((e) => ({ entry: e, payload: payloadOf(e.payload) }));
      const places = await employeePlaces(
        tx,
        entries.map((e) => e.actorId).filter((id): id is string => id !== null),
      );
      const numbers = await registrationNumbersOf(
        tx,
        parsed
          .filter((p) => p.payload.viewed === 'application' && UUID.test(p.payload.objectId))
          .map((p) => p.payload.objectId),
      );
      return parsed.map(({ entry, payload }) => {
        const place = entry.actorId ? places.get(entry.actorId) : undefined;
        return {
          number: entry.id,
          id: String(entry.id),
          at: entry.recordedAt.toISOString(),
          employeeName: entry.actorName,
          positionName: place?.positionName ?? null,
          orgUnitName: place?.orgUnitName ?? null,
          municipalityName: m.name,
          viewed: payload.viewed,
          viewedTitle: VIEWED_KIND_TITLES[payload.viewed],
          applicationNumber:
            payload.viewed === 'application' ? (numbers.get(payload.objectId) ?? null) : null,
        };
      });
    });
    found.push(...items);
  }
  found.sort((a, b) => b.number - a.number);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ number: _number, ...item }) => item),
    nextBefore: found.length > limit && last ? last.id : null,
  };
}

function payloadOf(payload: unknown) {
  const p = (payload ?? {}) as Record<string, unknown>;
  const viewed = ViewedKindSchema.safeParse(p.viewed);
  return {
    viewed: viewed.success ? viewed.data : ('applicant' as const),
    objectId: typeof p.objectId === 'string' ? p.objectId : '',
  };
}
