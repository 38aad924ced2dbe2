import type { Database, Tx } from '../../db/database.js';
import type { EsiaOrganization, EsiaPerson } from '../../platform/esia/person.js';

const matching = (value: string | null, pattern: RegExp) =>
  value !== null && pattern.test(value) ? value : null;

/**
 * Creates or refreshes the applicant of an ESIA account (by oid) with what ESIA gave, and the
 * organisation they signed in for. ESIA is the source: every sign-in overwrites the profile with
 * its current data, so the portal never shows what ESIA no longer says.
 */
export async function recordApplicant(
  database: Database,
  person: EsiaPerson,
): Promise<{ applicantId: string; legalEntityId: string | null; chosenMunicipalityId: string | null }> {
  return database.system.transaction().execute(async (tx) => {
    const now = new Date();
    const values = {
      lastName: person.lastName,
      firstName: person.firstName,
      middleName: person.middleName,
      birthDate: person.birthDate,
      gender: person.gender,
      snils: matching(person.snils, /^\d{11}$/),
      inn: matching(person.inn, /^\d{12}$/),
      passportSeries: person.passport?.series ?? null,
      passportNumber: person.passport?.number ?? null,
      passportIssueDate: person.passport?.issueDate ?? null,
      passportIssuedBy: person.passport?.issuedBy ?? null,
      passportDivisionCode: person.passport?.divisionCode ?? null,
      registrationAddress: person.registrationAddress,
      residenceAddress: person.residenceAddress,
      email: person.email,
      mobile: person.mobile,
      esiaTrusted: person.trusted,
      esiaUpdatedAt: now,
      updatedAt: now,
    };
    const applicant = await tx
      .insertInto('applicants')
      .values({ esiaOid: person.oid, ...values })
      .onConflict((oc) => oc.column('esiaOid').doUpdateSet(values))
      .returning(['id', 'chosenMunicipalityId'])
      .executeTakeFirstOrThrow();
    const legalEntityId = person.actingFor ? await recordLegalEntity(tx, person.actingFor, now) : null;
    return { applicantId: applicant.id, legalEntityId, chosenMunicipalityId: applicant.chosenMunicipalityId };
  });
}

async function recordLegalEntity(tx: Tx, org: EsiaOrganization, now: Date): Promise<string> {
  const values = {
    fullName: org.fullName,
    shortName: org.shortName,
    ogrn: matching(org.ogrn, /^\d{13}$/),
    inn: matching(org.inn, /^\d{10}$/),
    kpp: matching(org.kpp, /^\d{4}[\dA-Z]{2}\d{3}$/),
    updatedAt: now,
  };
  const row = await tx
    .insertInto('legalEntities')
    .values({ esiaOid: org.oid, ...values })
    .onConflict((oc) => oc.column('esiaOid').doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
