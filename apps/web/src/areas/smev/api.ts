import type { SmevMessageView, SmevMonitoringRow } from '@uslugi/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

const base = '/api/v1/smev';

export const smevKeys = {
  monitoring: ['smev', 'monitoring'] as const,
  messages: (query: { messageId: string; caseNumber: string }) => ['smev', 'messages', query] as const,
};

export const useSmevMonitoring = () =>
  useQuery({
    queryKey: smevKeys.monitoring,
    queryFn: () => api.get<{ rows: SmevMonitoringRow[] }>(`${base}/monitoring`),
  });

export function useSmevMessages(query: { messageId: string; caseNumber: string }) {
  const params = new URLSearchParams();
  if (query.messageId) params.set('messageId', query.messageId);
  if (query.caseNumber) params.set('caseNumber', query.caseNumber);
  return useQuery({
    queryKey: smevKeys.messages(query),
    queryFn: () => api.get<{ items: SmevMessageView[] }>(`${base}/messages?${params.toString()}`),
  });
}

export const envelopeUrl = (id: string) => `${base}/messages/${id}/envelope`;
