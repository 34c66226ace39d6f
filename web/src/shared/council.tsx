import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api';

/** The Körperschaft's bodies (Gremien), for filters and the calendar. */
export function useBodies() {
  return useQuery({ queryKey: ['bodies'], queryFn: () => unwrap(api.GET('/bodies')), staleTime: 5 * 60_000 });
}

/** One `<option>` per body, for a body select (the caller adds an "all" option where it filters). */
export function BodyOptions({ bodies }: { bodies: ReturnType<typeof useBodies> }) {
  return (
    <>
      {(bodies.data ?? []).map((b) => (
        <option key={b.id} value={b.id}>
          {b.name}
        </option>
      ))}
    </>
  );
}
