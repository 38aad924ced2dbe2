import { QueryClient } from '@tanstack/react-query';

/**
 * One cache for the whole app. No retries (a refused request shows its Russian message at once) and no
 * refetch on window focus or on a timer: background requests would keep an idle session alive past its
 * inactivity limit. Data is refetched when a page mounts and when a change invalidates it.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}
