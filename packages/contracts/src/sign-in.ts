import { z } from 'zod';
import { line } from './text.js';

/** Sign-in through ESIA (Госуслуги), one's own sessions, and the applicant's portal profile. */

const returnTo = line().max(500).optional().describe('Куда вернуться после входа');

export const EsiaStaffStartQuerySchema = z.object({ returnTo });

/**
 * An applicant's sign-in. Without a municipality the server decides it once ESIA has described the
 * person: their remembered choice, else the region of their address, else they are asked to choose.
 */
export const EsiaPortalStartQuerySchema = z.object({
  municipalityId: z.uuid().optional().describe('Муниципальное образование'),
  returnTo,
});

/** What ESIA sends back to the redirect URI (docs/protocols/esia.md §1.3): a code, or an error, and the state. */
export const EsiaCallbackQuerySchema = z.object({
  code: line().max(4000).optional(),
  state: line().max(100).optional(),
  error: line().max(200).optional(),
  error_description: line().max(2000).optional(),
});

export const EsiaResultQuerySchema = z.object({ state: line().max(100).default('').describe('Вход') });

export const EsiaChoiceSchema = z.object({
  employeeId: z.string(),
  fullName: z.string(),
  municipalityId: z.string(),
  municipalityName: z.string(),
  orgUnitName: z.string().nullable(),
  positionName: z.string().nullable(),
});
export type EsiaChoice = z.infer<typeof EsiaChoiceSchema>;

export const PortalMunicipalitySchema = z.object({ id: z.string(), name: z.string() });
export type PortalMunicipality = z.infer<typeof PortalMunicipalitySchema>;

/**
 * A sign-in that did not end in a session: refused, or waiting for a choice — an employee of several
 * municipalities picks one of theirs (`choose`), an applicant whose municipality could not be told
 * from ESIA picks one of the installation's (`choose_municipality`).
 */
export const EsiaSignInResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('failed'), code: z.string(), message: z.string() }),
  z.object({ outcome: z.literal('choose'), choices: z.array(EsiaChoiceSchema) }),
  z.object({ outcome: z.literal('choose_municipality'), municipalities: z.array(PortalMunicipalitySchema) }),
]);
export type EsiaSignInResult = z.infer<typeof EsiaSignInResultSchema>;

export const EsiaChooseSchema = z.strictObject({
  state: z.uuid().describe('Вход'),
  employeeId: z.uuid().describe('Сотрудник'),
});

/** The applicant's pick at the end of a sign-in: remembered for their next sign-ins. */
export const EsiaPortalChooseSchema = z.strictObject({
  state: z.uuid().describe('Вход'),
  municipalityId: z.uuid().describe('Муниципальное образование'),
});

/** «Сменить муниципальное образование» on the profile: the session moves there, and it is remembered. */
export const PortalMunicipalityChangeSchema = z.strictObject({
  municipalityId: z.uuid().describe('Муниципальное образование'),
});
export type PortalMunicipalityChange = z.infer<typeof PortalMunicipalityChangeSchema>;

/** After sign-out the browser goes through ESIA's logout, which brings it back. */
export const SignOutResultSchema = z.object({ logoutUrl: z.string().nullable() });
export type SignOutResult = z.infer<typeof SignOutResultSchema>;

export const ActiveSessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type ActiveSession = z.infer<typeof ActiveSessionSchema>;

export const LegalEntitySchema = z.object({
  fullName: z.string(),
  shortName: z.string().nullable(),
  ogrn: z.string().nullable(),
  inn: z.string().nullable(),
  kpp: z.string().nullable(),
});

export const ApplicantSessionSchema = z.object({
  applicant: z.object({ id: z.string(), fullName: z.string(), legalEntityName: z.string().nullable() }),
  municipality: z.object({ id: z.string(), name: z.string() }),
  /**
   * The municipality of the region named in the applicant's ESIA address (Казань for «Республика
   * Татарстан, …»), null when none matches: the profile offers it when the applicant is elsewhere.
   */
  homeMunicipality: z.object({ id: z.string(), name: z.string() }).nullable(),
  csrfToken: z.string(),
});
export type ApplicantSession = z.infer<typeof ApplicantSessionSchema>;

export const ApplicantProfileSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  birthDate: z.string().nullable(),
  gender: z.enum(['M', 'F']).nullable(),
  /** XXX-XXX-XXX YY. */
  snils: z.string().nullable(),
  inn: z.string().nullable(),
  passport: z
    .object({
      series: z.string(),
      number: z.string(),
      issueDate: z.string().nullable(),
      issuedBy: z.string().nullable(),
      divisionCode: z.string().nullable(),
    })
    .nullable(),
  registrationAddress: z.string().nullable(),
  residenceAddress: z.string().nullable(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  esiaTrusted: z.boolean(),
  updatedFromEsiaAt: z.string(),
  legalEntity: LegalEntitySchema.nullable(),
});
export type ApplicantProfile = z.infer<typeof ApplicantProfileSchema>;
