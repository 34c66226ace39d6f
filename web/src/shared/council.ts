import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api';

/** The Körperschaft's bodies (Gremien), for filters and the calendar. */
export function useBodies() {
  return useQuery({ queryKey: ['bodies'], queryFn: () => unwrap(api.GET('/bodies')), staleTime: 5 * 60_000 });
}
