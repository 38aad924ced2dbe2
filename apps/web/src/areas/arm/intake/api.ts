import type { ApplicantMatch, ApplicantRecord, Authority, HeldDocument } from '@uslugi/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';

/** What paper intake reads of the applicants registry (the pickers find and register). */
export interface ApplicantDetail {
  record: ApplicantRecord;
  authorities: Authority[];
  heldDocuments: HeldDocument[];
}

const id = (value: string) => encodeURIComponent(value);

export const getApplicantDetail = (applicantId: string) =>
  api.get<ApplicantDetail>(`/api/v1/arm/applicants/${id(applicantId)}`);
export const searchApplicants = (q: string) =>
  api.get<{ items: ApplicantMatch[] }>('/api/v1/arm/applicants', { query: { q, limit: 10 } });
/** 000 п. 3.2: the representative's grounds for this service today. */
export const checkAuthority = (authorityId: string, serviceId: string) =>
  api.get<{ ok: boolean; problem: string | null }>(`/api/v1/arm/authorities/${id(authorityId)}/check`, {
    query: { serviceId },
  });

export const useApplicantDetail = (applicantId: string | null) =>
  useQuery({
    queryKey: ['applicants', 'one', applicantId ?? ''],
    queryFn: () => getApplicantDetail(applicantId ?? ''),
    enabled: applicantId !== null,
  });

export const useAuthorityCheck = (authorityId: string | null, serviceId: string | null) =>
  useQuery({
    queryKey: ['authorities', 'check', authorityId ?? '', serviceId ?? ''],
    queryFn: () => checkAuthority(authorityId ?? '', serviceId ?? ''),
    enabled: authorityId !== null && serviceId !== null,
  });
