import { formatSnils, type ApplicantProfile, type ApplicantSession } from '@uslugi/contracts';
import type { Database } from '../../db/database.js';
import type { ApplicantAuthContext } from '../../platform/auth/context.js';
import { fullNameOf } from '../../platform/names.js';
import { municipalityCard } from '../municipalities/index.js';
import { notFound } from '../../platform/errors.js';
import { homeMunicipality } from './portal-municipality.js';

async function legalEntity(database: Database, id: string | null) {
  if (!id) return null;
  return (
    (await database.system
      .selectFrom('legalEntities')
      .select(['fullName', 'shortName', 'ogrn', 'inn', 'kpp'])
      .where('id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

/** The applicant's full name, for a session that names them; undefined for an unknown id. */
export async function applicantName(
  db: Database['system'],
  applicantId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('applicants')
    .select(['lastName', 'firstName', 'middleName'])
    .where('id', '=', applicantId)
    .executeTakeFirst();
  return row && fullNameOf(row);
}

/** Who opens a portal session: the applicant's name and the organisation they act for, if any. */
export async function applicantForSession(
  database: Database,
  applicantId: string,
  legalEntityId: string | null,
): Promise<{ fullName: string; legalEntityName: string | null } | undefined> {
  const fullName = await applicantName(database.system, applicantId);
  if (fullName === undefined) return undefined;
  return { fullName, legalEntityName: (await legalEntity(database, legalEntityId))?.fullName ?? null };
}

/** «Мой профиль»: the applicant as ESIA last described them, and the organisation they act for. */
export async function getApplicantProfile(
  database: Database,
  auth: ApplicantAuthContext,
): Promise<ApplicantProfile> {
  const a = await database.system
    .selectFrom('applicants')
    .selectAll()
    .where('id', '=', auth.applicantId)
    .executeTakeFirst();
  if (!a) throw notFound('applicant');
  return {
    id: a.id,
    fullName: fullNameOf(a),
    lastName: a.lastName,
    firstName: a.firstName,
    middleName: a.middleName,
    birthDate: a.birthDate,
    gender: a.gender,
    snils: a.snils ? formatSnils(a.snils) : null,
    inn: a.inn,
    passport:
      a.passportSeries && a.passportNumber
        ? {
            series: a.passportSeries,
            number: a.passportNumber,
            issueDate: a.passportIssueDate,
            issuedBy: a.passportIssuedBy,
            divisionCode: a.passportDivisionCode,
          }
        : null,
    registrationAddress: a.registrationAddress,
    residenceAddress: a.residenceAddress,
    email: a.email,
    mobile: a.mobile,
    esiaTrusted: a.esiaTrusted,
    updatedFromEsiaAt: a.esiaUpdatedAt.toISOString(),
    legalEntity: await legalEntity(database, auth.legalEntityId),
  };
}

export async function applicantSessionBody(
  database: Database,
  auth: ApplicantAuthContext,
): Promise<ApplicantSession> {
  const card = await municipalityCard(database.system, auth.municipalityId);
  if (!card) throw notFound(`municipality ${auth.municipalityId}`);
  const municipality = { id: card.id, name: card.name };
  const entity = await legalEntity(database, auth.legalEntityId);
  const addresses = await database.system
    .selectFrom('applicants')
    .select(['registrationAddress', 'residenceAddress'])
    .where('id', '=', auth.applicantId)
    .executeTakeFirst();
  const home = addresses
    ? await homeMunicipality(database.system, [addresses.registrationAddress, addresses.residenceAddress])
    : null;
  return {
    applicant: {
      id: auth.applicantId,
      fullName: auth.fullName,
      legalEntityName: entity ? (entity.shortName ?? entity.fullName) : null,
    },
    municipality,
    homeMunicipality: home,
    csrfToken: auth.csrfToken,
  };
}
