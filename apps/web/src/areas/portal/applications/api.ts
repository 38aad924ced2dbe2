import type {
  NotificationList,
  PortalApplication,
  PortalApplicationList,
  PortalPrefill,
  StaffNotification,
} from '@uslugi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useIntent } from '../../../lib/intent';

// The applicant's own applications and notifications on the portal: the portal's session and CSRF
// token (never the staff one); a 401 stays on the page.
const portal = { redirectOnUnauthorized: false } as const;
const BASE = '/api/v1/portal/applications';
const id = (value: string) => encodeURIComponent(value);

export const portalApplicationsApi = {
  list: () => api.get<PortalApplicationList>(BASE, portal),
  one: (applicationId: string) => api.get<PortalApplication>(`${BASE}/${id(applicationId)}`, portal),
  prefill: (serviceId: string) =>
    api.get<PortalPrefill>(`/api/v1/portal/services/${id(serviceId)}/prefill`, portal),
  create: (serviceId: string, values: Record<string, unknown>, csrfToken: string) =>
    api.post<PortalApplication>(BASE, { serviceId, values }, { ...portal, csrfToken }),
  save: (applicationId: string, values: Record<string, unknown>, csrfToken: string) =>
    api.put<PortalApplication>(`${BASE}/${id(applicationId)}`, { values }, { ...portal, csrfToken }),
  remove: (applicationId: string, csrfToken: string) =>
    api.delete<null>(`${BASE}/${id(applicationId)}`, { ...portal, csrfToken }),
  submit: (applicationId: string, csrfToken: string) =>
    api.post<PortalApplication>(`${BASE}/${id(applicationId)}/submit`, undefined, { ...portal, csrfToken }),
  receiptUrl: (applicationId: string) => `${BASE}/${id(applicationId)}/receipt`,
  /** «Отозвать заявление» before the decision is signed; one press, one `Idempotency-Key`. */
  withdraw: (applicationId: string, csrfToken: string, idempotencyKey: string) =>
    api.post<PortalApplication>(
      `${BASE}/${id(applicationId)}/withdraw`,
      {},
      { ...portal, csrfToken, headers: { 'Idempotency-Key': idempotencyKey } },
    ),
  notifications: () => api.get<NotificationList>('/api/v1/portal/notifications', portal),
  markRead: (notificationId: string, csrfToken: string) =>
    api.post<StaffNotification>(`/api/v1/portal/notifications/${id(notificationId)}/read`, undefined, {
      ...portal,
      csrfToken,
    }),
};

export const portalKeys = {
  applications: ['portal', 'applications'] as const,
  application: (applicationId: string) => ['portal', 'applications', applicationId] as const,
  prefill: (serviceId: string) => ['portal', 'prefill', serviceId] as const,
  notifications: ['portal', 'notifications'] as const,
};

export const useMyApplications = () =>
  useQuery({ queryKey: portalKeys.applications, queryFn: portalApplicationsApi.list });

export const useMyApplication = (applicationId: string) =>
  useQuery({
    queryKey: portalKeys.application(applicationId),
    queryFn: () => portalApplicationsApi.one(applicationId),
  });

export const usePrefill = (serviceId: string, enabled: boolean) =>
  useQuery({
    queryKey: portalKeys.prefill(serviceId),
    queryFn: () => portalApplicationsApi.prefill(serviceId),
    enabled,
    // The form starts from it once: a refetch must not reset what the applicant typed.
    staleTime: Infinity,
  });

export const useApplicantNotifications = (enabled = true) =>
  useQuery({
    queryKey: portalKeys.notifications,
    queryFn: portalApplicationsApi.notifications,
    enabled,
    refetchInterval: 60_000,
  });

/** Withdraws the application; its page, the list and the notifications are read again. */
export function useWithdrawApplication(applicationId: string, csrfToken: string) {
  const client = useQueryClient();
  const intent = useIntent();
  const mutation = useMutation({
    mutationFn: () => portalApplicationsApi.withdraw(applicationId, csrfToken, intent.keyFor(applicationId)),
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.applications }),
  });
  return async () => {
    try {
      const result = await mutation.mutateAsync();
      intent.settle();
      return result;
    } catch (error) {
      intent.settle(error);
      throw error;
    }
  };
}

export function useMarkApplicantNotificationRead(csrfToken: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) => portalApplicationsApi.markRead(notificationId, csrfToken),
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.notifications }),
  });
}
