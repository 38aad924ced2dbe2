import { z } from 'zod';
import { normalizeSnils } from '@uslugi/contracts';

/**
 * ESIA's REST answers (§3) read into what the product keeps. Unknown fields are ignored; a field of
 * the wrong type makes the whole answer invalid rather than half-read.
 */

const PersonSchema = z.looseObject({
  oid: z.union([z.number(), z.string()]).optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  middleName: z.string().optional(),
  birthDate: z.string().optional(),
  gender: z.string().optional(),
  snils: z.string().optional(),
  inn: z.string().optional(),
  trusted: z.boolean().optional(),
});

const ContactSchema = z.looseObject({ type: z.string(), value: z.string(), vrfStu: z.string().optional() });
const AddressSchema = z.looseObject({
  type: z.string(),
  addressStr: z.string().optional(),
  zipCode: z.string().optional(),
});
const DocumentSchema = z.looseObject({
  type: z.string(),
  series: z.string().optional(),
  number: z.string().optional(),
  issueDate: z.string().optional(),
  issueId: z.string().optional(),
  issuedBy: z.string().optional(),
});
const OrganizationSchema = z.looseObject({
  oid: z.union([z.number(), z.string()]),
  fullName: z.string(),
  shortName: z.string().optional(),
  ogrn: z.string().optional(),
  inn: z.string().optional(),
  kpp: z.string().optional(),
});

export const collectionOf = <T extends z.ZodType>(element: T) =>
  z.looseObject({ elements: z.array(element) });

export const ESIA_SCHEMAS = {
  person: PersonSchema,
  contacts: collectionOf(ContactSchema),
  addresses: collectionOf(AddressSchema),
  documents: collectionOf(DocumentSchema),
  roles: collectionOf(OrganizationSchema),
  organization: OrganizationSchema,
};

export interface EsiaOrganization {
  oid: string;
  fullName: string;
  shortName: string | null;
  ogrn: string | null;
  inn: string | null;
  kpp: string | null;
}

export interface EsiaPassport {
  series: string;
  number: string;
  issueDate: string | null;
  issuedBy: string | null;
  divisionCode: string | null;
}

export interface EsiaPerson {
  oid: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** YYYY-MM-DD. */
  birthDate: string | null;
  gender: 'M' | 'F' | null;
  /** 11 digits. */
  snils: string | null;
  inn: string | null;
  /** A confirmed account (§3 `trusted`). */
  trusted: boolean;
  passport: EsiaPassport | null;
  registrationAddress: string | null;
  residenceAddress: string | null;
  email: string | null;
  mobile: string | null;
  /** Organisations the person belongs to (`/roles`). */
  organizations: EsiaOrganization[];
  /** The organisation the person signed in for, when ESIA granted organisation scopes. */
  actingFor: EsiaOrganization | null;
}

/** `DD.MM.YYYY` → `YYYY-MM-DD`; null for anything else. */
export function isoDate(esiaDate: string | undefined): string | null {
  const m = esiaDate ? /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(esiaDate) : null;
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

export function readOrganization(o: z.infer<typeof OrganizationSchema>): EsiaOrganization {
  return {
    oid: String(o.oid),
    fullName: o.fullName,
    shortName: blank(o.shortName),
    ogrn: blank(o.ogrn),
    inn: blank(o.inn),
    kpp: blank(o.kpp),
  };
}

export function readPerson(input: {
  oid: string;
  person: z.infer<typeof PersonSchema>;
  contacts: z.infer<typeof ESIA_SCHEMAS.contacts> | null;
  addresses: z.infer<typeof ESIA_SCHEMAS.addresses> | null;
  documents: z.infer<typeof ESIA_SCHEMAS.documents> | null;
  roles: z.infer<typeof ESIA_SCHEMAS.roles> | null;
  actingFor: EsiaOrganization | null;
}): EsiaPerson {
  const { person } = input;
  const contact = (type: string) =>
    input.contacts?.elements.find((c) => c.type === type && c.vrfStu !== 'NOT_VERIFIED')?.value ?? null;
  const address = (type: string) => blank(input.addresses?.elements.find((a) => a.type === type)?.addressStr);
  const passport = input.documents?.elements.find((d) => d.type === 'RF_PASSPORT');
  return {
    oid: input.oid,
    lastName: person.lastName ?? '',
    firstName: person.firstName ?? '',
    middleName: blank(person.middleName),
    birthDate: isoDate(person.birthDate),
    gender: person.gender === 'M' || person.gender === 'F' ? person.gender : null,
    snils: person.snils ? normalizeSnils(person.snils) : null,
    inn: blank(person.inn),
    trusted: person.trusted ?? false,
    passport:
      passport?.series && passport.number
        ? {
            series: passport.series,
            number: passport.number,
            issueDate: isoDate(passport.issueDate),
            issuedBy: blank(passport.issuedBy),
            divisionCode: blank(passport.issueId),
          }
        : null,
    registrationAddress: address('PRG'),
    residenceAddress: address('PLV'),
    email: contact('EML'),
    mobile: contact('MBT'),
    organizations: (input.roles?.elements ?? []).map(readOrganization),
    actingFor: input.actingFor,
  };
}
