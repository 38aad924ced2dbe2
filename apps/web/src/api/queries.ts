import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import type { JournalQuery, ReferenceDirectoryCode } from '@uslugi/contracts';
import * as endpoints from './endpoints';

/**
 * Every resource the web reads, keyed in one place. A change invalidates the keys it touches: the
 * prefix (`keys.employees.all`) reaches every variant (each search of the list).
 */
export const keys = {
  session: ['session'] as const,
  portalSession: ['portal', 'session'] as const,
  portalMunicipalities: ['portal', 'municipalities'] as const,
  portalProfile: ['portal', 'profile'] as const,
  portalSessions: ['portal', 'sessions'] as const,
  personalDataAccess: ['portal', 'personal-data-access'] as const,
  mySessions: ['sessions'] as const,
  esiaResult: (state: string) => ['esia-result', state] as const,
  orgUnits: ['org-units'] as const,
  positions: ['positions'] as const,
  employees: {
    all: ['employees'] as const,
    list: (q = '') => ['employees', q] as const,
  },
  journal: {
    all: ['journal'] as const,
    objectTypes: ['journal', 'object-types'] as const,
    extracts: ['journal', 'extracts'] as const,
  },
  calendar: {
    all: (municipalityId: string) => ['calendar', municipalityId] as const,
    status: (municipalityId: string) => ['calendar', municipalityId, 'status'] as const,
    year: (municipalityId: string, year: number) => ['calendar', municipalityId, 'year', year] as const,
    localDays: (municipalityId: string, year: number) =>
      ['calendar', municipalityId, 'local-days', year] as const,
  },
  notifications: ['notifications'] as const,
  documents: {
    all: ['documents'] as const,
    one: (id: string) => ['documents', id] as const,
  },
  myCertificate: ['pki', 'certificates', 'mine'] as const,
  certificates: ['pki', 'certificates'] as const,
  trustedRoots: ['pki', 'trusted-roots'] as const,
  systemInfo: ['system-info'] as const,
  reference: {
    all: ['reference'] as const,
    directories: ['reference', 'directories'] as const,
    entries: (directory: ReferenceDirectoryCode, includeRetired: boolean) =>
      ['reference', 'entries', directory, includeRetired] as const,
    versions: (id: string) => ['reference', 'versions', id] as const,
  },
  catalog: {
    all: ['catalog'] as const,
    services: ['catalog', 'services'] as const,
    service: (id: string) => ['catalog', 'services', id] as const,
    version: (id: string) => ['catalog', 'versions', id] as const,
  },
  portalServices: {
    list: (municipalityId: string) => ['portal', 'services', municipalityId] as const,
    one: (municipalityId: string, id: string) => ['portal', 'services', municipalityId, id] as const,
  },
};

// Reads.

export const useSessionQuery = () => useQuery({ queryKey: keys.session, queryFn: endpoints.getSession });
export const usePortalSessionQuery = () =>
  useQuery({ queryKey: keys.portalSession, queryFn: endpoints.getPortalSession });
export const usePortalMunicipalities = () =>
  useQuery({ queryKey: keys.portalMunicipalities, queryFn: endpoints.listPortalMunicipalities });
export const useApplicantProfile = () =>
  useQuery({ queryKey: keys.portalProfile, queryFn: endpoints.getApplicantProfile });
export const usePortalSessions = () =>
  useQuery({ queryKey: keys.portalSessions, queryFn: endpoints.listPortalSessions });
export const useMySessions = (enabled: boolean) =>
  useQuery({ queryKey: keys.mySessions, queryFn: endpoints.listMySessions, enabled });
export const useEsiaResult = (state: string, enabled = true) =>
  useQuery({ queryKey: keys.esiaResult(state), queryFn: () => endpoints.getEsiaResult(state), enabled });

export const useOrgUnits = () => useQuery({ queryKey: keys.orgUnits, queryFn: endpoints.listOrgUnits });
export const usePositions = () => useQuery({ queryKey: keys.positions, queryFn: endpoints.listPositions });
export const useEmployees = (q = '', enabled = true) =>
  useQuery({
    queryKey: keys.employees.list(q),
    queryFn: () => endpoints.listEmployees(q || undefined),
    enabled,
    // While a new search loads, the previous result stays on screen.
    placeholderData: (previous) => previous,
  });

export const useJournalObjectTypes = () =>
  useQuery({ queryKey: keys.journal.objectTypes, queryFn: endpoints.listJournalObjectTypes });
export const useJournalExtracts = () =>
  useQuery({ queryKey: keys.journal.extracts, queryFn: endpoints.listJournalExtracts });

export const useCalendarStatus = (municipalityId: string) =>
  useQuery({
    queryKey: keys.calendar.status(municipalityId),
    queryFn: () => endpoints.getCalendarStatus(municipalityId),
  });
export const useCalendarYear = (municipalityId: string, year: number) =>
  useQuery({
    queryKey: keys.calendar.year(municipalityId, year),
    queryFn: () => endpoints.getCalendarYear(municipalityId, year),
  });
export const useLocalDays = (municipalityId: string, year: number) =>
  useQuery({
    queryKey: keys.calendar.localDays(municipalityId, year),
    queryFn: () => endpoints.listLocalDays(municipalityId, year),
  });

/**
 * Keyed by the page too: the list is fetched again on each move to another page (and when the bell is
 * opened), never on a timer, which would keep an idle session alive past its inactivity limit.
 */
export const useNotifications = (pathname: string) =>
  useQuery({
    queryKey: [...keys.notifications, pathname],
    queryFn: endpoints.listNotifications,
    placeholderData: (previous) => previous,
  });

export const useDocuments = () =>
  useQuery({ queryKey: keys.documents.all, queryFn: endpoints.listDocuments });
export const useDocument = (id: string | null) =>
  useQuery({
    queryKey: keys.documents.one(id ?? ''),
    queryFn: () => endpoints.getDocument(id ?? ''),
    enabled: id !== null,
  });
export const useMyCertificate = () =>
  useQuery({ queryKey: keys.myCertificate, queryFn: endpoints.getMyCertificate });
export const useCertificates = () =>
  useQuery({ queryKey: keys.certificates, queryFn: endpoints.listCertificates });
export const useTrustedRoots = () =>
  useQuery({ queryKey: keys.trustedRoots, queryFn: endpoints.listTrustedRoots });
export const useSystemInfo = () => useQuery({ queryKey: keys.systemInfo, queryFn: endpoints.getSystemInfo });

export const useCatalogServices = () =>
  useQuery({ queryKey: keys.catalog.services, queryFn: endpoints.listCatalogServices });
export const useCatalogService = (id: string, enabled = true) =>
  useQuery({ queryKey: keys.catalog.service(id), queryFn: () => endpoints.getCatalogService(id), enabled });
export const useCatalogVersion = (id: string | null) =>
  useQuery({
    queryKey: keys.catalog.version(id ?? ''),
    queryFn: () => endpoints.getCatalogVersion(id ?? ''),
    enabled: id !== null,
  });
export const usePortalServices = (municipalityId: string | null) =>
  useQuery({
    queryKey: keys.portalServices.list(municipalityId ?? ''),
    queryFn: () => endpoints.listPortalServices(municipalityId ?? ''),
    enabled: municipalityId !== null,
  });
export const usePortalService = (municipalityId: string | null, id: string) =>
  useQuery({
    queryKey: keys.portalServices.one(municipalityId ?? '', id),
    queryFn: () => endpoints.getPortalService(id, municipalityId ?? ''),
    enabled: municipalityId !== null,
  });

/** The journal under a filter, page by page (`before` the last entry shown): «Показать ещё». */
export const useJournal = (filters: JournalQuery, pageSize: number) =>
  useInfiniteQuery({
    queryKey: [...keys.journal.all, 'list', filters] as const,
    queryFn: ({ pageParam }) => endpoints.listJournal({ ...filters, before: pageParam, limit: pageSize }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });

/** Who looked at the applicant's data, page by page (`before` the last entry shown): «Показать ещё». */
export const usePersonalDataAccess = () =>
  useInfiniteQuery({
    queryKey: keys.personalDataAccess,
    queryFn: ({ pageParam }) => endpoints.listPersonalDataAccess(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });

// Changes: each invalidates what it changes.

/** A mutation that refreshes `invalidates` once it succeeds. */
export function useChange<TArgs, TResult>(
  mutationFn: (args: TArgs) => Promise<TResult>,
  invalidates: readonly QueryKey[],
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all(invalidates.map((queryKey) => client.invalidateQueries({ queryKey }))).then(
        () => undefined,
      ),
  });
}

const employeeChange = [keys.employees.all, keys.orgUnits, keys.certificates] as const;

export const useCreateEmployee = () => useChange(endpoints.createEmployee, employeeChange);
export const useUpdateEmployee = () =>
  useChange(
    ({ id, input }: { id: string; input: Parameters<typeof endpoints.updateEmployee>[1] }) =>
      endpoints.updateEmployee(id, input),
    employeeChange,
  );
export const useSetEmployeeRoles = () =>
  useChange(
    ({ id, roles }: { id: string; roles: Parameters<typeof endpoints.setEmployeeRoles>[1] }) =>
      endpoints.setEmployeeRoles(id, roles),
    employeeChange,
  );
export const useBlockEmployee = () =>
  useChange(
    ({ id, reason }: { id: string; reason: string }) => endpoints.blockEmployee(id, reason),
    employeeChange,
  );
export const useUnblockEmployee = () => useChange(endpoints.unblockEmployee, employeeChange);
export const useDecideSnilsChange = () =>
  useChange(
    ({ id, decision }: { id: string; decision: 'confirm' | 'reject' }) =>
      endpoints.decideSnilsChange(id, decision),
    employeeChange,
  );
export const useCreatePosition = () => useChange(endpoints.createPosition, [keys.positions]);

const orgUnitChange = [keys.orgUnits, keys.employees.all] as const;
export const useCreateOrgUnit = () => useChange(endpoints.createOrgUnit, orgUnitChange);
export const useUpdateOrgUnit = () =>
  useChange(
    ({ id, input }: { id: string; input: Parameters<typeof endpoints.updateOrgUnit>[1] }) =>
      endpoints.updateOrgUnit(id, input),
    orgUnitChange,
  );

export const useVerifyJournal = () => useChange(endpoints.verifyJournalIntegrity, [keys.journal.all]);
/** An extract is journaled and seals the journal: the list of extracts and the journal both change. */
export const useCreateJournalExtract = () => useChange(endpoints.createJournalExtract, [keys.journal.all]);

/** Calendar changes reach the grid, the local days, the status and the open terms: the whole calendar. */
export const useCreateLocalDay = (municipalityId: string) =>
  useChange(
    (input: Parameters<typeof endpoints.createLocalDay>[1]) =>
      endpoints.createLocalDay(municipalityId, input),
    [keys.calendar.all(municipalityId)],
  );
export const useDeleteLocalDay = (municipalityId: string) =>
  useChange(
    (id: string) => endpoints.deleteLocalDay(municipalityId, id),
    [keys.calendar.all(municipalityId)],
  );
export const useApplyCalendarImport = (municipalityId: string) =>
  useChange(
    (input: Parameters<typeof endpoints.applyCalendarImport>[1]) =>
      endpoints.applyCalendarImport(municipalityId, input),
    [keys.calendar.all(municipalityId), keys.notifications],
  );

export const useMarkNotificationRead = () => useChange(endpoints.markNotificationRead, [keys.notifications]);

export const useUploadDocument = () => useChange(endpoints.uploadDocument, [keys.documents.all]);
export const useSignDocument = () =>
  useChange(
    ({ id, pin }: { id: string; pin: string }) => endpoints.signDocument(id, pin),
    [keys.documents.all],
  );
export const useChangeMyPin = () =>
  useChange(
    ({ currentPin, newPin }: { currentPin: string; newPin: string }) =>
      endpoints.changeMyPin(currentPin, newPin),
    [keys.myCertificate],
  );
export const useIssueCertificate = () =>
  useChange(
    ({ employeeId, pin }: { employeeId: string; pin: string }) => endpoints.issueCertificate(employeeId, pin),
    [keys.certificates],
  );
export const useRevokeCertificate = () =>
  useChange(
    ({ id, reason }: { id: string; reason: string }) => endpoints.revokeCertificate(id, reason),
    [keys.certificates, keys.systemInfo],
  );
export const useAddTrustedRoot = () => useChange(endpoints.addTrustedRoot, [keys.trustedRoots]);
export const useRemoveTrustedRoot = () => useChange(endpoints.removeTrustedRoot, [keys.trustedRoots]);

export const useEndMySession = () => useChange(endpoints.endMySession, [keys.mySessions]);
export const useChangePortalMunicipality = () =>
  useChange(
    ({ municipalityId, csrfToken }: { municipalityId: string; csrfToken: string }) =>
      endpoints.changePortalMunicipality(municipalityId, csrfToken),
    [keys.portalSession, keys.portalSessions],
  );
export const useEndPortalSession = () =>
  useChange(
    ({ id, csrfToken }: { id: string; csrfToken: string }) => endpoints.endPortalSession(id, csrfToken),
    [keys.portalSessions],
  );

// Reference data (НСИ): a change refreshes the directories' counts and every list of values.
export const useReferenceDirectories = () =>
  useQuery({ queryKey: keys.reference.directories, queryFn: endpoints.listReferenceDirectories });
export const useReferenceEntries = (directory: ReferenceDirectoryCode | null, includeRetired = false) =>
  useQuery({
    queryKey: keys.reference.entries(directory ?? 'document_types', includeRetired),
    queryFn: () => endpoints.listReferenceEntries(directory ?? 'document_types', includeRetired),
    enabled: directory !== null,
  });
export const useReferenceVersions = (id: string) =>
  useQuery({ queryKey: keys.reference.versions(id), queryFn: () => endpoints.listReferenceVersions(id) });
export const useCreateReferenceEntry = () =>
  useChange(
    ({
      directory,
      input,
    }: {
      directory: ReferenceDirectoryCode;
      input: Parameters<typeof endpoints.createReferenceEntry>[1];
    }) => endpoints.createReferenceEntry(directory, input),
    [keys.reference.all],
  );
export const useUpdateReferenceEntry = () =>
  useChange(
    ({ id, input }: { id: string; input: Parameters<typeof endpoints.updateReferenceEntry>[1] }) =>
      endpoints.updateReferenceEntry(id, input),
    [keys.reference.all],
  );
export const useRetireReferenceEntry = () =>
  useChange(
    ({ id, reason }: { id: string; reason: string }) => endpoints.retireReferenceEntry(id, reason),
    [keys.reference.all],
  );
export const useRestoreReferenceEntry = () =>
  useChange(endpoints.restoreReferenceEntry, [keys.reference.all]);

// The catalog: a change to a service reaches its list row, its page and its versions.
export const useCreateCatalogService = () => useChange(endpoints.createCatalogService, [keys.catalog.all]);
export const useImportCatalogService = () => useChange(endpoints.importCatalogService, [keys.catalog.all]);
export const useSaveCatalogDraft = () =>
  useChange(
    ({ id, definition }: { id: string; definition: Parameters<typeof endpoints.saveCatalogDraft>[1] }) =>
      endpoints.saveCatalogDraft(id, definition),
    [keys.catalog.all],
  );
export const useDeleteCatalogDraft = () => useChange(endpoints.deleteCatalogDraft, [keys.catalog.all]);
/** What the portal shows follows the published version and the «на портале» switch. */
const portalCatalog = ['portal', 'services'] as const;
export const usePublishCatalogDraft = () =>
  useChange(endpoints.publishCatalogDraft, [keys.catalog.all, portalCatalog]);
export const useSetCatalogOffered = () =>
  useChange(
    ({ id, offered }: { id: string; offered: boolean }) => endpoints.setCatalogOffered(id, offered),
    [keys.catalog.all, portalCatalog],
  );
