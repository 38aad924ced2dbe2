import type {
  ApplicantCard,
  ApplicantCreate,
  ApplicantKind,
  ApplicantMatch,
  ApplicantRecord,
  ApplicantRecordInput,
  Authority,
  AuthorityCheckResult,
  AuthorityInput,
} from '@uslugi/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useChange } from '../../api/queries';

/** The applicants registry's calls and query keys (the workplace's «Заявители» and the pickers). */
const base = '/api/v1/arm/applicants';
const authoritiesBase = '/api/v1/arm/authorities';

export const registryKeys = {
  all: ['applicants'] as const,
  search: (q: string, kind: ApplicantKind | undefined) => ['applicants', 'search', q, kind ?? ''] as const,
  card: (id: string) => ['applicants', 'card', id] as const,
  authorities: (id: string) => ['applicants', 'authorities', id] as const,
  check: (id: string, serviceId: string) => ['applicants', 'check', id, serviceId] as const,
};

export const searchApplicants = (q: string, kind?: ApplicantKind, limit = 20) =>
  api.get<{ items: ApplicantMatch[] }>(base, { query: { q, kind, limit } });
export const findApplicantDuplicates = (input: ApplicantRecordInput) =>
  api.post<{ items: ApplicantMatch[] }>(`${base}/duplicates`, input);
export const createApplicant = (body: ApplicantCreate) => api.post<ApplicantRecord>(base, body);
export const updateApplicant = (id: string, input: ApplicantRecordInput) =>
  api.put<ApplicantRecord>(`${base}/${encodeURIComponent(id)}`, input);
export const getApplicantCard = (id: string) => api.get<ApplicantCard>(`${base}/${encodeURIComponent(id)}`);
export const listAuthorities = (applicantId: string) =>
  api.get<{ items: Authority[] }>(authoritiesBase, { query: { applicantId } });
export const grantAuthority = (input: AuthorityInput) => api.post<Authority>(authoritiesBase, input);
export const revokeAuthority = (id: string) =>
  api.post<Authority>(`${authoritiesBase}/${encodeURIComponent(id)}/revoke`);
export const checkAuthority = (id: string, serviceId: string) =>
  api.get<AuthorityCheckResult>(`${authoritiesBase}/${encodeURIComponent(id)}/check`, {
    query: { serviceId },
  });

/** Names and identifiers are searched from two characters on. */
export function useApplicantSearch(q: string, kind?: ApplicantKind) {
  const query = q.trim();
  return useQuery({
    queryKey: registryKeys.search(query, kind),
    queryFn: () => searchApplicants(query, kind),
    enabled: query.length >= 2,
  });
}

export const useApplicantCard = (id: string) =>
  useQuery({ queryKey: registryKeys.card(id), queryFn: () => getApplicantCard(id) });

export const useAuthorities = (applicantId: string | null) =>
  useQuery({
    queryKey: registryKeys.authorities(applicantId ?? ''),
    queryFn: () => listAuthorities(applicantId ?? ''),
    enabled: Boolean(applicantId),
  });

export const useAuthorityCheck = (authorityId: string | null, serviceId: string | null) =>
  useQuery({
    queryKey: registryKeys.check(authorityId ?? '', serviceId ?? ''),
    queryFn: () => checkAuthority(authorityId ?? '', serviceId ?? ''),
    enabled: Boolean(authorityId && serviceId),
  });

export const useCreateApplicant = () => useChange(createApplicant, [registryKeys.all]);
export const useUpdateApplicant = () =>
  useChange(
    ({ id, input }: { id: string; input: ApplicantRecordInput }) => updateApplicant(id, input),
    [registryKeys.all],
  );
export const useGrantAuthority = () => useChange(grantAuthority, [registryKeys.all]);
export const useRevokeAuthority = () => useChange(revokeAuthority, [registryKeys.all]);
