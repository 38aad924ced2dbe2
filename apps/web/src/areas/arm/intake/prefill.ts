import type { ApplicantRecord, Authority, FormDefinition, IdentityDocument } from '@uslugi/contracts';
import { formatDate } from '../../../lib/format';

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** «Паспорт гражданина РФ, серия 9200 № 123456, выдан …, 01.02.2015, код подразделения 160-001». */
export function identityDocumentText(doc: IdentityDocument | null | undefined): string | null {
  if (!doc) return null;
  const kind = doc.type === 'passport_rf' ? 'Паспорт гражданина РФ' : 'Документ';
  return [
    `${kind}${doc.series ? `, серия ${doc.series}` : ''} № ${doc.number}`,
    doc.issuedBy && `выдан ${doc.issuedBy}`,
    doc.issuedOn && formatDate(doc.issuedOn),
    doc.divisionCode && `код подразделения ${doc.divisionCode}`,
  ]
    .filter(Boolean)
    .join(', ')
    .slice(0, 500);
}

/** The applicant block as the registry record has it (000 п. 3.2: «указать необходимые данные заявителя»). */
export function applicantBlock(record: ApplicantRecord): Record<string, string> {
  const data = record.data;
  const block: Record<string, string | null> = {
    kind: record.kind,
    lastName: str(data.lastName),
    firstName: str(data.firstName),
    middleName: str(data.middleName),
    birthDate: str(data.birthDate),
    snils: str(data.snils),
    identityDocument: identityDocumentText(data.identityDocument as IdentityDocument | null | undefined),
    organizationName: str(data.organizationName),
    inn: str(data.inn),
    ogrn: str(data.ogrn) ?? str(data.ogrnip),
    address: str(data.registrationAddress) ?? str(data.residenceAddress) ?? str(data.legalAddress),
    phone: str(data.phone),
    email: str(data.email),
  };
  return Object.fromEntries(Object.entries(block).filter((e): e is [string, string] => e[1] !== null));
}

/** The representative block from their record and the grounds chosen (a power of attorney or the law). */
export function representativeBlock(record: ApplicantRecord, authority: Authority): Record<string, string> {
  const data = record.data;
  const document = [
    authority.kind === 'power_of_attorney' ? 'Доверенность' : 'Документ',
    authority.documentNumber && `№ ${authority.documentNumber}`,
    authority.documentDate && `от ${formatDate(authority.documentDate)}`,
  ]
    .filter(Boolean)
    .join(' ');
  const block: Record<string, string | null> = {
    lastName: str(data.lastName),
    firstName: str(data.firstName),
    middleName: str(data.middleName),
    identityDocument: identityDocumentText(data.identityDocument as IdentityDocument | null | undefined),
    authorityKind: authority.kind === 'organization_head' ? null : authority.kind,
    authorityDocument: document,
    authorityValidUntil: authority.kind === 'power_of_attorney' ? authority.validUntil : null,
  };
  return Object.fromEntries(Object.entries(block).filter((e): e is [string, string] => e[1] !== null));
}

/**
 * The form's starting values at the desk: the applicant's and the representative's blocks from the
 * registry, the «представитель» checkbox shown by the representative block's condition ticked.
 */
export function deskInitialValues(
  form: FormDefinition,
  applicant: ApplicantRecord | null,
  representation: { representative: ApplicantRecord; authority: Authority } | null,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of form.sections.flatMap((s) => s.fields)) {
    if (field.type === 'applicant' && applicant) values[field.key] = applicantBlock(applicant);
    if (field.type === 'representative' && representation) {
      values[field.key] = representativeBlock(representation.representative, representation.authority);
      const condition = field.showIf;
      if (condition && condition.equals === true) values[condition.field] = true;
    }
  }
  return values;
}
