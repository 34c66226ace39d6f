import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from './api';

/**
 * "Now" as the server sees it. On the development database the server's clock may travel (the 2020
 * case); deadlines count from the server's now, not the browser's. Elsewhere /dev/clock does not
 * exist and the browser's clock is used. Ticks every 30 s.
 */
export function useServerNow(): Date {
  const clock = useQuery({
    queryKey: ['dev', 'clock'],
    queryFn: async () => {
      const answer = await api.GET('/dev/clock');
      return answer.data ? new Date(answer.data.now).getTime() - Date.now() : 0;
    },
    // every page that counts down asks again: the development clock may have moved meanwhile
    staleTime: 0,
  });
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return new Date(tick + (clock.data ?? 0));
}
