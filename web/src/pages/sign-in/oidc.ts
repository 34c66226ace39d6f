import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { Schemas } from '../../shared/api';

/**
 * OpenID Connect for the console: authorization code flow with PKCE (oidc-client-ts does the PKCE
 * pair and the state check). Loaded only when the server names an issuer, so it costs nothing otherwise.
 */
export function userManager(config: Schemas['OidcClientDto']): UserManager {
  const base = `${window.location.origin}${import.meta.env.BASE_URL}`;
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    scope: config.scope,
    response_type: 'code',
    redirect_uri: `${base}anmelden/rueckkehr`,
    post_logout_redirect_uri: base,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}
