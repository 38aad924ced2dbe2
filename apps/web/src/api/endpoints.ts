import { ApiError, api, setCsrfToken } from './client';
import type {
  ActiveSession,
  CreateJournalExtract,
  JournalExtract,
  JournalExtractList,
  ReferenceDirectory,
  ReferenceDirectoryCode,
  ReferenceEntry,
  ReferenceEntryCreate,
  ReferenceEntryUpdate,
  ReferenceEntryVersion,
  ApplicantProfile,
  ApplicantSession,
  EsiaSignInResult,
  PortalMunicipality,
  PublicDocumentVerification,
  SignOutResult,
  CalendarExportLayer,
  CalendarImportInput,
  CalendarImportPreview,
  CalendarStatus,
  CalendarYear,
  EmployeeCreate,
  OrgUnitCreate,
  DocumentDetails,
  DocumentSignature,
  DocumentUpload,
  Employee,
  JournalObjectTypeOption,
  JournalPage,
  JournalQuery,
  JournalVerification,
  LocalDay,
  LocalDayCreate,
  LocalDayUpdate,
  NotificationList,
  OrgUnit,
  Position,
  Role,
  Session,
  SigningCertificate,
  StaffNotification,
  StoredDocument,
  SystemInfo,
  TermRule,
  TermResult,
  TrustedRoot,
  EmployeeUpdate,
  OrgUnitUpdate,
  VerifyRequest,
  VerifyResult,
  DefinitionProblem,
  FormProblem,
  ImportRequest,
  ImportResultSchema,
  PortalService,
  PortalServiceListSchema,
  ServiceCreate,
  ServiceDefinition,
  ServiceDetail,
  ServiceListSchema,
  ServiceVersion,
  PersonalDataAccessPage,
} from '@uslugi/contracts';
import type { z } from 'zod';

/** The current session, or null when nobody is signed in. Stores the CSRF token for later requests. */
export async function getSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/v1/session', { redirectOnUnauthorized: false });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Ends the staff session; the browser then goes through ESIA's logout (`logoutUrl`). */
export async function signOut(): Promise<SignOutResult> {
  try {
    return await api.post<SignOutResult>('/api/v1/auth/sign-out', undefined, {
      redirectOnUnauthorized: false,
    });
  } finally {
    setCsrfToken(null);
  }
}

/** Sign-in through ESIA is a browser navigation (the redirect to ESIA), not a fetch. */
export function esiaStaffSignInUrl(returnTo?: string): string {
  return `/api/v1/auth/esia${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`;
}

/**
 * The applicant's sign-in. Without a municipality the server finds it after ESIA: the applicant's
 * remembered choice, else the region of their address, else it asks them to choose.
 */
export function esiaPortalSignInUrl(options: { municipalityId?: string; returnTo?: string } = {}): string {
  const query = new URLSearchParams();
  if (options.municipalityId) query.set('municipalityId', options.municipalityId);
  if (options.returnTo) query.set('returnTo', options.returnTo);
  const search = query.toString();
  return `/api/v1/portal/auth/esia${search ? `?${search}` : ''}`;
}

export const getEsiaResult = (state: string) =>
  api.get<EsiaSignInResult>('/api/v1/auth/esia/result', { query: { state }, redirectOnUnauthorized: false });
export const chooseEsiaEmployee = (state: string, employeeId: string) =>
  api.post<{ redirectTo: string }>(
    '/api/v1/auth/esia/choose',
    { state, employeeId },
    { redirectOnUnauthorized: false },
  );

/** The applicant's pick at the end of a sign-in: no session yet, so no CSRF token (bound to the browser). */
export const choosePortalMunicipality = (state: string, municipalityId: string) =>
  api.post<{ redirectTo: string }>(
    '/api/v1/portal/auth/esia/choose',
    { state, municipalityId },
    { redirectOnUnauthorized: false, anonymous: true },
  );

export const listMySessions = () => api.get<ActiveSession[]>('/api/v1/auth/sessions');
export const endMySession = (id: string) =>
  api.post<null>(`/api/v1/auth/sessions/${encodeURIComponent(id)}/end`);

// The applicants' portal: its own session and CSRF token, never the staff one; a 401 stays on the page.
const portal = { redirectOnUnauthorized: false } as const;

export const listPortalMunicipalities = () =>
  api.get<PortalMunicipality[]>('/api/v1/portal/municipalities', portal);

/** The applicant's session, or null when nobody is signed in on the portal. */
export async function getPortalSession(): Promise<ApplicantSession | null> {
  try {
    return await api.get<ApplicantSession>('/api/v1/portal/session', portal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const getApplicantProfile = () => api.get<ApplicantProfile>('/api/v1/portal/profile', portal);
export const listPortalSessions = () => api.get<ActiveSession[]>('/api/v1/portal/sessions', portal);
/** «Кто просматривал мои данные»: staff views of the applicant's personal data, a page `before` a number. */
export const listPersonalDataAccess = (before?: string) =>
  api.get<PersonalDataAccessPage>('/api/v1/portal/personal-data-access', {
    ...portal,
    query: { before },
  });
export const endPortalSession = (id: string, csrfToken: string) =>
  api.post<null>(`/api/v1/portal/sessions/${encodeURIComponent(id)}/end`, undefined, {
    ...portal,
    csrfToken,
  });
/** «Сменить муниципальное образование»: the session moves there, and the server remembers it. */
export const changePortalMunicipality = (municipalityId: string, csrfToken: string) =>
  api.post<ApplicantSession>('/api/v1/portal/municipality', { municipalityId }, { ...portal, csrfToken });
export const portalSignOut = (csrfToken: string) =>
  api.post<SignOutResult>('/api/v1/portal/auth/sign-out', undefined, { ...portal, csrfToken });

export const listOrgUnits = () => api.get<OrgUnit[]>('/api/v1/org-units');
export const createOrgUnit = (input: OrgUnitCreate) => api.post<OrgUnit>('/api/v1/org-units', input);
export const updateOrgUnit = (id: string, input: OrgUnitUpdate) =>
  api.patch<OrgUnit>(`/api/v1/org-units/${encodeURIComponent(id)}`, input);

export const listPositions = () => api.get<Position[]>('/api/v1/positions');
export const createPosition = (name: string) => api.post<Position>('/api/v1/positions', { name });

export const listEmployees = (q?: string) => api.get<Employee[]>('/api/v1/employees', { query: { q } });
export const createEmployee = (input: EmployeeCreate) => api.post<Employee>('/api/v1/employees', input);
export const updateEmployee = (id: string, input: EmployeeUpdate) =>
  api.patch<Employee>(`/api/v1/employees/${encodeURIComponent(id)}`, input);
export const blockEmployee = (id: string, reason: string) =>
  api.post<Employee>(`/api/v1/employees/${encodeURIComponent(id)}/block`, { reason });
export const unblockEmployee = (id: string) =>
  api.post<Employee>(`/api/v1/employees/${encodeURIComponent(id)}/unblock`);
export const setEmployeeRoles = (id: string, roles: Role[]) =>
  api.put<Employee>(`/api/v1/employees/${encodeURIComponent(id)}/roles`, { roles });
/** A pending СНИЛС change: `confirm` by a second person, `reject` by them or withdrawn by the requester. */
export const decideSnilsChange = (id: string, decision: 'confirm' | 'reject') =>
  api.post<Employee>(`/api/v1/employees/${encodeURIComponent(id)}/snils-change/${decision}`);

export const listJournal = (query: JournalQuery) =>
  api.get<JournalPage>('/api/v1/journal', { query: { ...query } });
export const listJournalObjectTypes = () =>
  api.get<JournalObjectTypeOption[]>('/api/v1/journal/object-types');
export const verifyJournalIntegrity = () => api.post<JournalVerification>('/api/v1/journal/verification');
/** Extracts from the journal for courts and control bodies: the municipality's, newest first. */
export const listJournalExtracts = () => api.get<JournalExtractList>('/api/v1/journal/extracts');
/** Seals the journal and signs the bundle: may take a few seconds. */
export const createJournalExtract = (input: CreateJournalExtract) =>
  api.post<JournalExtract>('/api/v1/journal/extracts', input);

const calendarPath = (municipalityId: string) => `/api/v1/calendars/${encodeURIComponent(municipalityId)}`;

export const getCalendarYear = (municipalityId: string, year: number) =>
  api.get<CalendarYear>(`${calendarPath(municipalityId)}/days`, { query: { year } });
export const getCalendarStatus = (municipalityId: string) =>
  api.get<CalendarStatus>(`${calendarPath(municipalityId)}/status`);
/**
 * The term query as the web sends it. The contracts' `TermQuery` is the schema's input type, where the
 * coerced numbers are `unknown` (they arrive as query-string text), so the web names its own.
 */
export interface TermRequest {
  from: string;
  workingDays?: number;
  calendarDays?: number;
  rule?: TermRule;
}

export const calculateTerm = (municipalityId: string, query: TermRequest) =>
  api.get<TermResult>(`${calendarPath(municipalityId)}/terms`, { query: { ...query } });

export const listLocalDays = (municipalityId: string, year?: number) =>
  api.get<LocalDay[]>(`${calendarPath(municipalityId)}/local-days`, { query: { year } });
export const createLocalDay = (municipalityId: string, input: LocalDayCreate) =>
  api.post<LocalDay>(`${calendarPath(municipalityId)}/local-days`, input);
export const updateLocalDay = (municipalityId: string, id: string, input: LocalDayUpdate) =>
  api.patch<LocalDay>(`${calendarPath(municipalityId)}/local-days/${encodeURIComponent(id)}`, input);
export const deleteLocalDay = (municipalityId: string, id: string) =>
  api.delete<null>(`${calendarPath(municipalityId)}/local-days/${encodeURIComponent(id)}`);

/** The xmlcalendar file of a year, downloaded by the browser (GET, the session cookie). */
export const calendarExportUrl = (municipalityId: string, year: number, layer: CalendarExportLayer) =>
  `${calendarPath(municipalityId)}/export?${new URLSearchParams({ year: String(year), layer }).toString()}`;
export const previewCalendarImport = (municipalityId: string, input: CalendarImportInput) =>
  api.post<CalendarImportPreview>(`${calendarPath(municipalityId)}/imports/preview`, input);
export const applyCalendarImport = (municipalityId: string, input: CalendarImportInput) =>
  api.post<CalendarImportPreview>(`${calendarPath(municipalityId)}/imports`, input);

export const listNotifications = () => api.get<NotificationList>('/api/v1/notifications');
export const markNotificationRead = (id: string) =>
  api.post<StaffNotification>(`/api/v1/notifications/${encodeURIComponent(id)}/read`);

export const listDocuments = () => api.get<StoredDocument[]>('/api/v1/documents');
export const uploadDocument = (input: DocumentUpload) => api.post<StoredDocument>('/api/v1/documents', input);
export const getDocument = (id: string) =>
  api.get<DocumentDetails>(`/api/v1/documents/${encodeURIComponent(id)}`);
export const signDocument = (id: string, pin: string) =>
  api.post<DocumentSignature>(`/api/v1/documents/${encodeURIComponent(id)}/signatures`, { pin });
export const documentContentUrl = (id: string) => `/api/v1/documents/${encodeURIComponent(id)}/content`;
export const signatureContentUrl = (id: string, signatureId: string, format: 'der' | 'base64' = 'der') =>
  `/api/v1/documents/${encodeURIComponent(id)}/signatures/${encodeURIComponent(signatureId)}/content${format === 'base64' ? '?format=base64' : ''}`;

/** The public check: no session needed. */
export const verifySignature = (input: VerifyRequest) =>
  api.post<VerifyResult>('/api/v1/verify', input, { redirectOnUnauthorized: false, anonymous: true });
export const CA_PEM_URL = '/api/v1/pki/ca.pem';
export const CRL_URL = '/api/v1/pki/crl';

export const getMyCertificate = () =>
  api.get<{ certificate: SigningCertificate | null }>('/api/v1/pki/certificates/mine');
export const changeMyPin = (currentPin: string, newPin: string) =>
  api.post<{ changed: true }>('/api/v1/pki/certificates/mine/pin', { currentPin, newPin });
export const listCertificates = () => api.get<SigningCertificate[]>('/api/v1/pki/certificates');
export const issueCertificate = (employeeId: string, pin: string) =>
  api.post<SigningCertificate>('/api/v1/pki/certificates', { employeeId, pin });
export const revokeCertificate = (id: string, reason: string) =>
  api.post<SigningCertificate>(`/api/v1/pki/certificates/${encodeURIComponent(id)}/revoke`, { reason });
export const listTrustedRoots = () => api.get<TrustedRoot[]>('/api/v1/pki/trusted-roots');
export const addTrustedRoot = (pem: string) => api.post<TrustedRoot>('/api/v1/pki/trusted-roots', { pem });
export const removeTrustedRoot = (id: string) =>
  api.delete<null>(`/api/v1/pki/trusted-roots/${encodeURIComponent(id)}`);
export const getSystemInfo = () => api.get<SystemInfo>('/api/v1/system/info');

// Reference data (НСИ).
const referenceDirectory = (directory: ReferenceDirectoryCode) =>
  `/api/v1/reference/directories/${encodeURIComponent(directory)}/entries`;
const referenceEntry = (id: string) => `/api/v1/reference/entries/${encodeURIComponent(id)}`;
export const listReferenceDirectories = () => api.get<ReferenceDirectory[]>('/api/v1/reference/directories');
export const listReferenceEntries = (directory: ReferenceDirectoryCode, includeRetired = false) =>
  api.get<ReferenceEntry[]>(referenceDirectory(directory), {
    query: { includeRetired: includeRetired ? 'true' : undefined },
  });
export const createReferenceEntry = (directory: ReferenceDirectoryCode, input: ReferenceEntryCreate) =>
  api.post<ReferenceEntry>(referenceDirectory(directory), input);
export const updateReferenceEntry = (id: string, input: ReferenceEntryUpdate) =>
  api.put<ReferenceEntry>(referenceEntry(id), input);
export const retireReferenceEntry = (id: string, reason: string) =>
  api.post<ReferenceEntry>(`${referenceEntry(id)}/retire`, { reason });
export const restoreReferenceEntry = (id: string) =>
  api.post<ReferenceEntry>(`${referenceEntry(id)}/restore`);
export const listReferenceVersions = (id: string) =>
  api.get<ReferenceEntryVersion[]>(`${referenceEntry(id)}/versions`);
// The catalog of services: staff read it; the portal shows what is offered, to everyone (no session).
export type ServiceList = z.infer<typeof ServiceListSchema>;
export type PortalServiceList = z.infer<typeof PortalServiceListSchema>;
const catalogPath = '/api/v1/catalog';
export const listCatalogServices = () => api.get<ServiceList>(`${catalogPath}/services`);
export const getCatalogService = (id: string) =>
  api.get<ServiceDetail>(`${catalogPath}/services/${encodeURIComponent(id)}`);
export const getCatalogVersion = (id: string) =>
  api.get<ServiceVersion>(`${catalogPath}/versions/${encodeURIComponent(id)}`);

const publicCall = { redirectOnUnauthorized: false, anonymous: true } as const;
export const listPortalServices = (municipalityId: string) =>
  api.get<PortalServiceList>('/api/v1/portal/services', { ...publicCall, query: { municipalityId } });
export const getPortalService = (id: string, municipalityId: string) =>
  api.get<PortalService>(`/api/v1/portal/services/${encodeURIComponent(id)}`, {
    ...publicCall,
    query: { municipalityId },
  });
/** The server's check of a filled form against the published form (the same function the web runs). */
export const checkPortalSubmission = (id: string, municipalityId: string, values: Record<string, unknown>) =>
  api.post<{ problems: FormProblem[] }>(
    `/api/v1/portal/services/${encodeURIComponent(id)}/check`,
    { values },
    { ...publicCall, query: { municipalityId } },
  );

// The catalog's changes (/admin «Услуги»): catalog.manage.
export type CatalogImportResult = z.infer<typeof ImportResultSchema>;
export const createCatalogService = (input: ServiceCreate) =>
  api.post<ServiceDetail>(`${catalogPath}/services`, input);
export const saveCatalogDraft = (id: string, definition: ServiceDefinition) =>
  api.put<ServiceVersion>(`${catalogPath}/services/${encodeURIComponent(id)}/draft`, { definition });
export const deleteCatalogDraft = (id: string) =>
  api.delete<null>(`${catalogPath}/services/${encodeURIComponent(id)}/draft`);
export const publishCatalogDraft = (id: string) =>
  api.post<ServiceVersion>(`${catalogPath}/services/${encodeURIComponent(id)}/draft/publish`);
export const setCatalogOffered = (id: string, offered: boolean) =>
  api.put<unknown>(`${catalogPath}/services/${encodeURIComponent(id)}/offered`, { offered });
export const validateCatalogDefinition = (definition: ServiceDefinition) =>
  api.post<{ problems: DefinitionProblem[] }>(`${catalogPath}/validate`, { definition });
/** The service as a file, downloaded by the browser (GET, the session cookie). */
export const catalogExportUrl = (id: string) => `${catalogPath}/services/${encodeURIComponent(id)}/export`;
export const importCatalogService = (input: ImportRequest) =>
  api.post<CatalogImportResult>(`${catalogPath}/import`, input);

/** The public check of a stored document by the id its QR code carries (no sign-in). */
export const getDocumentVerification = (id: string) =>
  api.get<PublicDocumentVerification>(`/api/v1/verify/documents/${encodeURIComponent(id)}`, {
    redirectOnUnauthorized: false,
    anonymous: true,
  });
