import * as asn1js from 'asn1js';
import { AttributeTypeAndValue, RelativeDistinguishedNames } from 'pkijs';
import { OID } from './oids.js';

/** The subject of a qualified certificate as 63-ФЗ and the FSB order No. 795 describe it. */
export interface SubjectFields {
  /** CN: ФИО of a person, or the name of an organisation. */
  commonName: string;
  /** SN: фамилия. */
  surname?: string | undefined;
  /** G: имя и отчество. */
  givenName?: string | undefined;
  /** T: должность. */
  title?: string | undefined;
  /** O: организация. */
  organization?: string | undefined;
  organizationalUnit?: string | undefined;
  /** C: two letters; "RU". */
  country?: string | undefined;
  locality?: string | undefined;
  stateOrProvince?: string | undefined;
  street?: string | undefined;
  email?: string | undefined;
  /** СНИЛС, 11 digits. */
  snils?: string | undefined;
  /** ИНН of a person, 12 digits. */
  inn?: string | undefined;
  /** ИНН of a legal entity, 10 digits. */
  innLegalEntity?: string | undefined;
  /** ОГРН, 13 digits. */
  ogrn?: string | undefined;
  /** ОГРНИП, 15 digits. */
  ogrnip?: string | undefined;
}

type Kind = 'utf8' | 'printable' | 'numeric' | 'ia5';

// FSB order No. 795, item 4: the identifiers are NumericString, country PrintableString, the rest
// UTF8String (DirectoryString).
const FIELDS: ReadonlyArray<readonly [keyof SubjectFields, string, Kind]> = [
  ['country', OID.country, 'printable'],
  ['stateOrProvince', OID.stateOrProvince, 'utf8'],
  ['locality', OID.locality, 'utf8'],
  ['street', OID.street, 'utf8'],
  ['organization', OID.organization, 'utf8'],
  ['organizationalUnit', OID.organizationalUnit, 'utf8'],
  ['title', OID.title, 'utf8'],
  ['surname', OID.surname, 'utf8'],
  ['givenName', OID.givenName, 'utf8'],
  ['commonName', OID.commonName, 'utf8'],
  ['email', OID.email, 'ia5'],
  ['snils', OID.snils, 'numeric'],
  ['inn', OID.inn, 'numeric'],
  ['innLegalEntity', OID.innLegalEntity, 'numeric'],
  ['ogrn', OID.ogrn, 'numeric'],
  ['ogrnip', OID.ogrnip, 'numeric'],
];

function encodeValue(
  kind: Kind,
  value: string,
): asn1js.Utf8String | asn1js.PrintableString | asn1js.NumericString | asn1js.IA5String {
  switch (kind) {
    case 'utf8':
      return new asn1js.Utf8String({ value });
    case 'printable':
      return new asn1js.PrintableString({ value });
    case 'numeric':
      return new asn1js.NumericString({ value });
    case 'ia5':
      return new asn1js.IA5String({ value });
  }
}

/**
 * One attribute per RDN. pkijs would put them all into one multi-valued RDN ("C=RU + O=… + CN=…"),
 * so the SEQUENCE OF SET is built here and handed to pkijs already encoded.
 */
export function buildName(fields: SubjectFields): RelativeDistinguishedNames {
  const rdns: asn1js.Set[] = [];
  for (const [key, type, kind] of FIELDS) {
    const value = fields[key];
    if (value) {
      const attribute = new AttributeTypeAndValue({ type, value: encodeValue(kind, value) });
      rdns.push(new asn1js.Set({ value: [attribute.toSchema()] }));
    }
  }
  return RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER());
}

export function readName(name: RelativeDistinguishedNames): SubjectFields {
  const out: Partial<Record<keyof SubjectFields, string>> = {};
  for (const { type, value } of name.typesAndValues) {
    const field = FIELDS.find(([, oid]) => oid === type);
    const text: unknown = (value.valueBlock as { value?: unknown }).value;
    if (field && typeof text === 'string') out[field[0]] ??= text;
  }
  return { ...out, commonName: out.commonName ?? '' };
}

/** ФИО: SN + G when both are present (the 795 form), otherwise CN. */
export function fullName(fields: SubjectFields): string {
  return fields.surname && fields.givenName ? `${fields.surname} ${fields.givenName}` : fields.commonName;
}
