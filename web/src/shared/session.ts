/**
 * The signed-in user of this browser tab (sessionStorage: gone when the tab closes). A demo user
 * signs in with their API key; an OIDC user with the issuer's access token.
 */
export interface Session {
  token: string;
  via: 'demo' | 'oidc';
  /** Shown in the header; from the demo user list or the OIDC profile */
  name: string;
  tenantName?: string;
}

const KEY = 'beschlussweg.session';
const listeners = new Set<() => void>();

let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function currentSession(): Session | null {
  return current;
}

export function currentToken(): string | null {
  return current?.token ?? null;
}

export function setSession(session: Session | null): void {
  current = session;
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

/** An expired or revoked token: back to the sign-in page. */
export function signOutOnUnauthorized(): void {
  if (current) setSession(null);
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
