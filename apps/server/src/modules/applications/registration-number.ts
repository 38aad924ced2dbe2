import { sql } from 'kysely';
import { DEFAULT_NUMBER_FORMAT, formatRegistrationNumber } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { todayOf } from '../../platform/clock.js';

export interface RegistrationNumber {
  number: string;
  year: number;
  seq: number;
}

/** The municipality's format of registration numbers (`{seq:5}/{yyyy}` unless it set its own). */
export async function numberFormatOf(tx: Tx): Promise<string> {
  const row = await tx.selectFrom('intakeSettings').select('numberFormat').executeTakeFirst();
  return row?.numberFormat ?? DEFAULT_NUMBER_FORMAT;
}

/**
 * The next registration number of the municipality in the year of `at` (Moscow time), taken in the
 * accepting transaction: the counter's row stays locked until that transaction ends, so parallel
 * acceptances queue on it and get consecutive numbers, and a rolled-back acceptance gives its number
 * back (no gap). 000 item 3.2: the application is registered with a number and the date and time.
 */
export async function takeRegistrationNumber(
  tx: Tx,
  input: { municipalityId: string; at: Date; serviceCode: string },
): Promise<RegistrationNumber> {
  const date = todayOf(() => input.at);
  const year = Number(date.slice(0, 4));
  const { lastNumber } = await tx
    .insertInto('registrationCounters')
    .values({ municipalityId: input.municipalityId, year, lastNumber: 1 })
    .onConflict((oc) =>
      oc.columns(['municipalityId', 'year']).doUpdateSet({
        lastNumber: sql<number>`registration_counters.last_number + 1`,
      }),
    )
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  const format = await numberFormatOf(tx);
  return {
    number: formatRegistrationNumber(format, { seq: lastNumber, date, serviceCode: input.serviceCode }),
    year,
    seq: lastNumber,
  };
}
