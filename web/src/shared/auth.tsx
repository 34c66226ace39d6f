import { queryOptions, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api, unwrap } from './api';
import { currentSession, subscribeSession, type Session } from './session';

/** The signed-in user of this tab, or null; re-renders on sign-in and sign-out. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, currentSession);
}

/** Who the token belongs to, as the API says (Körperschaft, user, role). */
export const meQuery = (token: string | undefined) => queryOptions({ queryKey: ['auth', 'me', token], queryFn: () => unwrap(api.GET('/auth/me')), enabled: Boolean(token), staleTime: Infinity });

export function useMe() {
  return useQuery(meQuery(useSession()?.token));
}

export function useSignInOptions() {
  return useQuery({ queryKey: ['auth', 'sign-in-options'], queryFn: () => unwrap(api.GET('/auth/sign-in-options')), staleTime: Infinity });
}
