import { useQuery } from '@tanstack/react-query';
import type {
  Consultation,
  ConsultationDetail,
  ConsultationFinish,
  ConsultationList,
  ConsultationStart,
} from '@uslugi/contracts';
import { api } from '../../../api/client';
import { useChange } from '../../../api/queries';

const BASE = '/api/v1/arm/consultations';

/** The filters of the list, as the query string sends them (empty ones left out). */
export interface ConsultationFilters {
  employeeId?: string | undefined;
  serviceId?: string | undefined;
  state?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  lateOnly?: 'true' | undefined;
}

export const consultationKeys = {
  all: ['consultations'] as const,
  unfinished: ['consultations', 'unfinished'] as const,
  list: (filters: ConsultationFilters, before: string | null) =>
    ['consultations', 'list', filters, before] as const,
  one: (id: string) => ['consultations', 'one', id] as const,
};

export const listUnfinished = () => api.get<ConsultationList>(`${BASE}/unfinished`);
export const listConsultations = (filters: ConsultationFilters, before: string | null) =>
  api.get<ConsultationList>(BASE, { query: { ...filters, before: before ?? undefined } });
export const getConsultation = (id: string) =>
  api.get<ConsultationDetail>(`${BASE}/${encodeURIComponent(id)}`);
export const registerConsultation = (input: ConsultationStart) => api.post<Consultation>(BASE, input);
export const finishConsultation = ({ id, input }: { id: string; input: ConsultationFinish }) =>
  api.post<Consultation>(`${BASE}/${encodeURIComponent(id)}/finish`, input);
export const discardConsultation = ({ id, reason }: { id: string; reason: string | null }) =>
  api.post<Consultation>(`${BASE}/${encodeURIComponent(id)}/discard`, { reason });

export const useUnfinishedConsultations = (enabled = true) =>
  useQuery({ queryKey: consultationKeys.unfinished, queryFn: listUnfinished, enabled });
export const useConsultations = (filters: ConsultationFilters, before: string | null) =>
  useQuery({
    queryKey: consultationKeys.list(filters, before),
    queryFn: () => listConsultations(filters, before),
  });
export const useConsultation = (id: string) =>
  useQuery({ queryKey: consultationKeys.one(id), queryFn: () => getConsultation(id) });

// Every change refreshes every list of consultations and the consultation itself.
export const useRegisterConsultation = () => useChange(registerConsultation, [consultationKeys.all]);
export const useFinishConsultation = () => useChange(finishConsultation, [consultationKeys.all]);
export const useDiscardConsultation = () => useChange(discardConsultation, [consultationKeys.all]);
