import type {
  ApplicantKind,
  ApplicantProfile,
  FormDefinition,
  PortalHeldDocument,
  PortalPrefill,
  ServiceCard,
} from '@uslugi/contracts';
import type { Database, Tx } from '../../db/database.js';
import type { ApplicantAuthContext } from '../../platform/auth/context.js';
import { runQuery } from '../../platform/commands.js';
import { getApplicantProfile } from '../applicants/index.js';
import { heldDocumentsOf, linkedRecordOf } from '../applicant-registry/index.js';
import { portalVersion } from './drafts.js';
import { parseValues, valuesText } from './queries.js';

/**
 * What the municipality already holds for this applicant that a form's file field asks for (004 item
 * 9; 210-ФЗ ст. 7 ч. 1 п. 2: not asked again): the field whose key is a card document's key, when a
 * valid held document is of that document's type. `recordId` is the applicant's record in the
 * municipality's registry (an individual acting for themselves), when there is one.
 */
export async function heldForRecord(
  tx: Tx,
  recordId: string | undefined,
  card: ServiceCard,
  form: FormDefinition,
  today: string,
): Promise<PortalHeldDocument[]> {
  if (!recordId) return [];
  const held = await heldDocumentsOf(tx, recordId, today);
  if (held.length === 0) return [];
  const found: PortalHeldDocument[] = [];
  for (const field of form.sections.flatMap((s) => s.fields)) {
    if (field.type !== 'file') continue;
    const document = card.applicantDocuments.find((d) => d.key === field.key);
    const doc = document && held.find((h) => h.documentType === document.documentType);
    if (doc) {
      found.push({
        fieldKey: field.key,
        title: doc.title,
        documentTypeName: doc.documentTypeName,
        validUntil: doc.validUntil,
      });
    }
  }
  return found;
}

const dayMonthYear = (iso: string | null) => (iso ? iso.split('-').reverse().join('.') : null);

/** «Паспорт гражданина РФ, серия 4510 № 123456, выдан …, 01.02.2015, код подразделения 770-001». */
function passportText(passport: NonNullable<ApplicantProfile['passport']>): string {
  return [
    `Паспорт гражданина РФ, серия ${passport.series} № ${passport.number}`,
    passport.issuedBy && `выдан ${passport.issuedBy}`,
    dayMonthYear(passport.issueDate),
    passport.divisionCode && `код подразделения ${passport.divisionCode}`,
  ]
    .filter(Boolean)
    .join(', ')
    .slice(0, 500);
}

/** The applicant block as ESIA describes the person (or the organisation they act for). */
function applicantBlock(
  profile: ApplicantProfile,
  kinds: readonly ApplicantKind[],
): Record<string, string> | undefined {
  const contacts = {
    ...(profile.mobile ? { phone: profile.mobile } : {}),
    ...(profile.email ? { email: profile.email } : {}),
  };
  const entity = profile.legalEntity;
  if (entity) {
    if (!kinds.includes('legal_entity')) return undefined;
    return {
      kind: 'legal_entity',
      organizationName: entity.fullName,
      ...(entity.inn ? { inn: entity.inn } : {}),
      ...(entity.ogrn ? { ogrn: entity.ogrn } : {}),
      ...contacts,
    };
  }
  if (!kinds.includes('individual')) return undefined;
  const address = profile.registrationAddress ?? profile.residenceAddress;
  return {
    kind: 'individual',
    lastName: profile.lastName,
    firstName: profile.firstName,
    ...(profile.middleName ? { middleName: profile.middleName } : {}),
    ...(profile.birthDate ? { birthDate: profile.birthDate } : {}),
    ...(profile.snils ? { snils: profile.snils } : {}),
    ...(profile.passport ? { identityDocument: passportText(profile.passport) } : {}),
    ...(address ? { address } : {}),
    ...contacts,
  };
}

/** A value at a dotted path of an object (`passport.series`), if it is a scalar. */
function at(source: unknown, path: string): unknown {
  let value: unknown = source;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value ?? undefined;
}

const scalar = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;

/**
 * The portal form's starting values (000 item 3.3): each field's `prefill` source — `esia`, the
 * applicant's ESIA profile; `previous_application`, the latest submitted application of this applicant
 * for this service — and the applicant block from the ESIA profile; with the documents already held.
 */
export async function portalPrefill(
  database: Database,
  auth: ApplicantAuthContext,
  serviceId: string,
  today: string,
): Promise<PortalPrefill> {
  // Installation-wide, read before the tenant transaction.
  const profile = await getApplicantProfile(database, auth);
  return runQuery({ database, municipalityId: auth.municipalityId }, async (tx) => {
    const version = await portalVersion(tx, serviceId);
    const { card, form } = version.definition;
    const previous = await tx
      .selectFrom('applications')
      .select(valuesText)
      .where('channel', '=', 'portal')
      .where('ownerApplicantId', '=', auth.applicantId)
      .where('serviceId', '=', serviceId)
      .where('status', '<>', 'draft')
      .orderBy('submittedAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    const kinds = card.applicantCategories.map((c) => c.kind);
    const values: Record<string, unknown> = {};
    for (const field of form.sections.flatMap((s) => s.fields)) {
      if (field.type === 'applicant') {
        const block = applicantBlock(profile, kinds);
        if (block) values[field.key] = block;
        continue;
      }
      if (!field.prefill) continue;
      const { source, path } = field.prefill;
      const value =
        source === 'esia'
          ? scalar(at(profile, path))
          : source === 'previous_application'
            ? at(parseValues(previous?.valuesText), path)
            : undefined;
      if (value !== undefined && field.type !== 'file') values[field.key] = value;
    }
    // Read only: the record is linked (or made) when an application is submitted, not on a look.
    const recordId = auth.legalEntityId ? undefined : await linkedRecordOf(tx, auth.applicantId);
    return { values, held: await heldForRecord(tx, recordId, card, form, today) };
  });
}
