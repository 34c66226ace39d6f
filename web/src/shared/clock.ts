import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from './api';
import { berlinDay } from './dates';

/** How far the server's clock is from the browser's, in ms (0 where /dev/clock does not exist). */
function useClockOffset() {
  return useQuery({
    queryKey: ['dev', 'clock'],
    queryFn: async () => {
      const answer = await api.GET('/dev/clock');
      return answer.data ? new Date(answer.data.now).getTime() - Date.now() : 0;
    },
    // every page that counts down asks again: the development clock may have moved meanwhile
    staleTime: 0,
  });
}

/**
 * "Now" as the server sees it. On the development database the server's clock may travel (the 2020
 * case); deadlines count from the server's now, not the browser's. Elsewhere /dev/clock does not
 * exist and the browser's clock is used. Ticks every 30 s.
 */
export function useServerNow(): Date {
  const clock = useClockOffset();
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return new Date(tick + (clock.data ?? 0));
}

/** The server's calendar day in Berlin (YYYY-MM-DD), once the server has said what time it is. */
export function useServerToday(): string | undefined {
  const clock = useClockOffset();
  return clock.isPending ? undefined : berlinDay(new Date(Date.now() + (clock.data ?? 0)));
}
