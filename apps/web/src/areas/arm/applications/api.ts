import type {
  Acceptance,
  Application,
  ApplicationListItem,
  ApplicationStatus,
  ChecklistItem,
} from '@uslugi/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useChange } from '../../../api/queries';

/** Staff's intake routes (000 items 3.2, 3.3): the unit's applications, «Принять», «Отказать». */
const base = '/api/v1/arm';
const id = (value: string) => encodeURIComponent(value);

export interface ApplicationListQuery {
  status?: ApplicationStatus | undefined;
  channel?: 'paper' | 'portal' | undefined;
  serviceId?: string | undefined;
  before?: string | undefined;
  limit?: number | undefined;
}

export interface ApplicationList {
  items: ApplicationListItem[];
  next: string | null;
}

export interface Refusal {
  grounds: string[];
  comment: string;
}

/** «Принять» at paper intake: what the employee entered after «Принять документы». */
export interface PaperAccept {
  serviceId: string;
  applicantId: string;
  representativeId: string | null;
  authorityId: string | null;
  values: Record<string, unknown>;
  checklist: ChecklistItem[];
  receivedAt: string | null;
}

export type PaperRefusal = Refusal & {
  serviceId: string;
  applicantId: string;
  representativeId: string | null;
  authorityId: string | null;
  receivedAt: string | null;
};

export const listApplications = (query: ApplicationListQuery) =>
  api.get<ApplicationList>(`${base}/applications`, { query: { ...query } });
export const getApplication = (applicationId: string) =>
  api.get<Application>(`${base}/applications/${id(applicationId)}`);
export const acceptApplication = (applicationId: string) =>
  api.post<Acceptance>(`${base}/applications/${id(applicationId)}/accept`);
export const refuseApplication = (applicationId: string, refusal: Refusal) =>
  api.post<Application>(`${base}/applications/${id(applicationId)}/refuse`, refusal);
export const acceptPaper = (input: PaperAccept) => api.post<Acceptance>(`${base}/intake/paper/accept`, input);
export const refusePaper = (input: PaperRefusal) =>
  api.post<Application>(`${base}/intake/paper/refuse`, input);

/** An attached file's bytes (opened or saved by the browser). */
export const applicationFileUrl = (applicationId: string, fileId: string) =>
  `${base}/applications/${id(applicationId)}/files/${id(fileId)}`;
/** The receipt (расписка) and other documents of the documents store. */
export const documentUrl = (documentId: string) => `/api/v1/documents/${id(documentId)}/content`;

export const applicationKeys = {
  all: ['applications'] as const,
  list: (query: ApplicationListQuery) => ['applications', 'list', query] as const,
  one: (applicationId: string) => ['applications', 'one', applicationId] as const,
};

export const useApplications = (query: ApplicationListQuery) =>
  useQuery({
    queryKey: applicationKeys.list(query),
    queryFn: () => listApplications(query),
    placeholderData: keepPreviousData,
  });
export const useApplication = (applicationId: string) =>
  useQuery({ queryKey: applicationKeys.one(applicationId), queryFn: () => getApplication(applicationId) });
/**
 * The receipt of an acceptance: made just after «Принять» commits, so asked for again every second
 * until the application names it (then never again).
 */
export const useReceiptOf = (applicationId: string, ready: string | null) =>
  useQuery({
    queryKey: [...applicationKeys.one(applicationId), 'receipt'],
    queryFn: async () => (await getApplication(applicationId)).receiptDocumentId,
    enabled: ready === null,
    refetchInterval: (query) => (query.state.data ? false : 1000),
  });

export const useAcceptApplication = () => useChange(acceptApplication, [applicationKeys.all]);
export const useRefuseApplication = () =>
  useChange(
    ({ applicationId, refusal }: { applicationId: string; refusal: Refusal }) =>
      refuseApplication(applicationId, refusal),
    [applicationKeys.all],
  );
export const useAcceptPaper = () => useChange(acceptPaper, [applicationKeys.all]);
export const useRefusePaper = () => useChange(refusePaper, [applicationKeys.all]);
