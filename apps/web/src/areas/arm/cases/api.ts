import type {
  AssignCase,
  CaseAction,
  CaseCard,
  CaseCommandResult,
  CaseDecision,
  CaseDocuments,
  CaseList,
  CaseListQuery,
  AssignableEmployeesSchema,
  HeadDashboard,
  IntraRequestList,
  Supervision,
} from '@uslugi/contracts';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../api/client';
import { useChange } from '../../../api/queries';
import { useIntent } from '../../../lib/intent';
import type { z } from 'zod';

/** Staff's case routes (000 items 3.4, 3.5; 004 items 6–8, 10–11). */
const base = '/api/v1/arm';
const id = (value: string) => encodeURIComponent(value);

export type AssignableEmployees = z.infer<typeof AssignableEmployeesSchema>;
/** The list's filters as the page keeps them (the cursor and the page size are added per page). */
export type CaseFilters = Partial<Omit<CaseListQuery, 'after' | 'limit'>>;

export const PAGE_SIZE = 50;

export const listCases = (query: CaseFilters & { after?: string | undefined; limit?: number }) =>
  api.get<CaseList>(`${base}/cases`, { query: { ...query } });
export const getCase = (caseId: string) => api.get<CaseCard>(`${base}/cases/${id(caseId)}`);
export const listAssignable = (caseId: string) =>
  api.get<AssignableEmployees>(`${base}/cases/${id(caseId)}/assignable`);
export const listIntraRequests = () => api.get<IntraRequestList>(`${base}/intra-requests`);
export const getDashboard = () => api.get<HeadDashboard>(`${base}/dashboard`);
export const getSupervision = () => api.get<Supervision>(`${base}/supervision`);

/** A case document's bytes and a signature's `.sig`, served by the cases module's own routes. */
export const caseDocumentUrl = (caseId: string, documentId: string) =>
  `${base}/cases/${id(caseId)}/documents/${id(documentId)}`;
export const caseSignatureUrl = (caseId: string, documentId: string, signatureId: string) =>
  `${caseDocumentUrl(caseId, documentId)}/signatures/${id(signatureId)}`;

export const getCaseDocuments = (caseId: string) =>
  api.get<CaseDocuments>(`${base}/cases/${id(caseId)}/documents`);
/** «Загрузить новую редакцию (DOCX)»: multipart, field `file` (the result draft's current DOCX or PDF). */
export const caseDocumentVersionUrl = (caseId: string, documentId: string) =>
  `${caseDocumentUrl(caseId, documentId)}/versions`;

/** The commands of a case and their bodies; each is sent with its own `Idempotency-Key`. */
export interface CaseCommands {
  'assign-to-me': undefined;
  assign: AssignCase;
  actions: CaseAction;
  decision: CaseDecision;
  approve: { pin: string };
  return: { reason: string };
}
export type CaseCommand = keyof CaseCommands;

export const sendCaseCommand = <C extends CaseCommand>(
  caseId: string,
  command: C,
  body: CaseCommands[C],
  idempotencyKey: string,
) =>
  api.post<CaseCommandResult>(`${base}/cases/${id(caseId)}/${command}`, body ?? {}, {
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const answerCaseRequest = (
  caseId: string,
  requestId: string,
  answer: string,
  idempotencyKey: string,
) =>
  api.post<CaseCommandResult>(
    `${base}/cases/${id(caseId)}/requests/${id(requestId)}/answer`,
    { answer },
    { headers: { 'Idempotency-Key': idempotencyKey } },
  );

export const caseKeys = {
  all: ['cases'] as const,
  lists: ['cases', 'list'] as const,
  list: (filters: CaseFilters) => ['cases', 'list', filters] as const,
  one: (caseId: string) => ['cases', 'one', caseId] as const,
  documents: (caseId: string) => ['cases', 'documents', caseId] as const,
  assignable: (caseId: string) => ['cases', 'assignable', caseId] as const,
  dashboard: ['cases', 'dashboard'] as const,
  intraRequests: ['cases', 'intra-requests'] as const,
  supervision: ['cases', 'supervision'] as const,
};

/** A worklist page by page (keyset: the previous page's `next`): «Показать ещё». */
export const useCaseList = (filters: CaseFilters) =>
  useInfiniteQuery({
    queryKey: caseKeys.list(filters),
    queryFn: ({ pageParam }) => listCases({ ...filters, after: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
    placeholderData: keepPreviousData,
  });
export const useCase = (caseId: string) =>
  useQuery({ queryKey: caseKeys.one(caseId), queryFn: () => getCase(caseId) });
/** While any document is «Формируется», asked again every few seconds (the job makes it shortly). */
export const DOCUMENTS_POLL_MS = 3000;
export const useCaseDocuments = (caseId: string) =>
  useQuery({
    queryKey: caseKeys.documents(caseId),
    queryFn: () => getCaseDocuments(caseId),
    refetchInterval: (query) => (query.state.data?.pending ? DOCUMENTS_POLL_MS : false),
  });
export const useAssignable = (caseId: string) =>
  useQuery({ queryKey: caseKeys.assignable(caseId), queryFn: () => listAssignable(caseId) });
export const useIntraRequests = () =>
  useQuery({ queryKey: caseKeys.intraRequests, queryFn: listIntraRequests });
export const useDashboard = () => useQuery({ queryKey: caseKeys.dashboard, queryFn: getDashboard });
export const useSupervision = () => useQuery({ queryKey: caseKeys.supervision, queryFn: getSupervision });

/**
 * A command of the case under one intent: the same request sent again (after a lost answer) carries
 * the same `Idempotency-Key`. The lists, the card and the dashboards are refreshed after it.
 */
export function useCaseCommand<C extends CaseCommand>(caseId: string, command: C) {
  const intent = useIntent();
  const client = useQueryClient();
  const change = useChange(
    (body: CaseCommands[C]) => sendCaseCommand(caseId, command, body, intent.keyFor(body)),
    [caseKeys.all, ['applications']],
  );
  return {
    pending: change.isPending,
    run: async (body: CaseCommands[C]) => {
      try {
        const result = await change.mutateAsync(body);
        intent.settle();
        return result;
      } catch (error) {
        intent.settle(error);
        // Someone else moved the case (taken, changed, closed): the card shows where it is now.
        if (error instanceof ApiError && error.status === 409)
          void client.invalidateQueries({ queryKey: caseKeys.all });
        throw error;
      }
    },
  };
}

/** «Внести ответ» to a request of the case, under its own intent. */
export function useAnswerRequest(caseId: string, requestId: string) {
  const intent = useIntent();
  const change = useChange(
    (answer: string) => answerCaseRequest(caseId, requestId, answer, intent.keyFor(answer)),
    [caseKeys.all],
  );
  return async (answer: string) => {
    try {
      const result = await change.mutateAsync(answer);
      intent.settle();
      return result;
    } catch (error) {
      intent.settle(error);
      throw error;
    }
  };
}
