import { QueryClient } from '@tanstack/react-query';
import { ProblemError } from './shared/api';

/** Server state: refetched when stale; refusals (4xx) are answers, never retried. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (failures, error) => !(error instanceof ProblemError && error.problem.status >= 400 && error.problem.status < 500) && failures < 2,
    },
  },
});
