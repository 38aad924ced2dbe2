import { isValidInnPerson, normalizePassportRf, type ApplicantRecordInput } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { appendJournal, SYSTEM_ACTOR } from '../../platform/journal/append.js';
import type { CommandScope } from '../../platform/commands.js';
import { notFound } from '../../platform/errors.js';
import { esiaApplicant } from '../applicants/index.js';
import { recordKeys } from './records.js';

export type RegistryJournal = CommandScope['journal'];

type EsiaRow = NonNullable<Awaited<ReturnType<typeof esiaApplicant>>>;

/** A registry entry of an individual from what ESIA said (fields ESIA left out or gave malformed stay empty). */
export function inputFromEsia(a: EsiaRow): ApplicantRecordInput {
  const passport =
    a.passportSeries && a.passportNumber
      ? normalizePassportRf(`${a.passportSeries}${a.passportNumber}`)
      : null;
  return {
    kind: 'individual',
    lastName: a.lastName,
    firstName: a.firstName,
    middleName: a.middleName,
    // ESIA gives the birth date of every confirmed account; an unconfirmed one may lack it.
    birthDate: a.birthDate ?? '',
    snils: a.snils,
    identityDocument: passport
      ? {
          type: 'passport_rf',
          series: passport.series,
          number: passport.number,
          issuedBy: a.passportIssuedBy ?? '',
          issuedOn: a.passportIssueDate ?? '',
          divisionCode:
            a.passportDivisionCode && /^\d{3}-\d{3}$/.test(a.passportDivisionCode)
              ? a.passportDivisionCode
              : '',
        }
      : null,
    registrationAddress: a.registrationAddress,
    residenceAddress: a.residenceAddress,
    phone: a.mobile,
    email: a.email,
    inn: a.inn && isValidInnPerson(a.inn) ? a.inn : null,
  };
}

/**
 * The registry record (an individual) of a person who signed in on the portal through ESIA: the
 * record already linked to them; else the record with the same СНИЛС when ESIA confirmed the account
 * (`esia_trusted`), which is then linked; else a new record from the ESIA profile.
 *
 * Journals `applicant.linked` or `applicant.registered` itself: through `journal` when the caller runs
 * a command (pass the scope's `journal`, so the entry names the caller's actor), otherwise as the
 * system.
 */
export async function recordForEsiaApplicant(
  tx: Tx,
  input: { municipalityId: string; applicantId: string; actorId: string | null },
  journal?: RegistryJournal,
): Promise<string> {
  const write: RegistryJournal =
    journal ??
    ((entry) =>
      appendJournal(tx, { ...entry, municipalityId: input.municipalityId, actor: SYSTEM_ACTOR }).then(
        () => undefined,
      ));
  const linked = await tx
    .selectFrom('applicantRecords')
    .select('id')
    .where('municipalityId', '=', input.municipalityId)
    .where('kind', '=', 'individual')
    .where('applicantId', '=', input.applicantId)
    .executeTakeFirst();
  if (linked) return linked.id;
  const person = await esiaApplicant(tx, input.applicantId);
  if (!person) throw notFound(`applicant ${input.applicantId}`);
  if (person.esiaTrusted && person.snils) {
    const same = await tx
      .updateTable('applicantRecords')
      .set({ applicantId: input.applicantId, updatedAt: new Date() })
      .where('municipalityId', '=', input.municipalityId)
      .where('kind', '=', 'individual')
      .where('snils', '=', person.snils)
      .where('applicantId', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (same) {
      await write({
        action: 'applicant.linked',
        objectType: 'applicant_record',
        objectId: same.id,
        payload: { applicantId: input.applicantId, by: 'snils' },
      });
      return same.id;
    }
  }
  const data = inputFromEsia(person);
  const keys = recordKeys(data);
  // A СНИЛС ESIA did not confirm, already in the registry: the new record goes without it (the unique
  // key stays with the record staff entered).
  const snilsTaken =
    keys.snils !== null &&
    (await tx
      .selectFrom('applicantRecords')
      .select('id')
      .where('municipalityId', '=', input.municipalityId)
      .where('kind', '=', 'individual')
      .where('snils', '=', keys.snils)
      .executeTakeFirst()) !== undefined;
  const innTaken =
    keys.inn !== null &&
    (await tx
      .selectFrom('applicantRecords')
      .select('id')
      .where('municipalityId', '=', input.municipalityId)
      .where('kind', '=', 'individual')
      .where('inn', '=', keys.inn)
      .executeTakeFirst()) !== undefined;
  const row = await tx
    .insertInto('applicantRecords')
    .values({
      municipalityId: input.municipalityId,
      ...keys,
      snils: snilsTaken ? null : keys.snils,
      inn: innTaken ? null : keys.inn,
      birthDate: keys.birthDate || null,
      applicantId: input.applicantId,
      createdBy: input.actorId,
      updatedBy: input.actorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await write({
    action: 'applicant.registered',
    objectType: 'applicant_record',
    objectId: row.id,
    payload: { kind: 'individual', source: 'esia', applicantId: input.applicantId },
  });
  return row.id;
}
