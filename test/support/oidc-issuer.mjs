// A real OpenID provider (panva's oidc-provider) for the console's browser test of the authorization
// code flow with PKCE (test/console/oidc.browser-spec.ts). A plain Node child process: oidc-provider
// is ESM-only, and Jest on Node 20 cannot require() ESM.
//
//   ISSUER_CLIENT_ID=beschlussweg-console ISSUER_REDIRECT_URI=http://127.0.0.1:3000/console/anmelden/rueckkehr \
//   ISSUER_POST_LOGOUT_REDIRECT_URI=http://127.0.0.1:3000/console/ ISSUER_AUDIENCE=beschlussweg \
//   node test/support/oidc-issuer.mjs
//
// Prints its issuer URL (http://127.0.0.1:<free port>) as the first line and serves until it is killed
// or its standard input closes (so a crashed test leaves no provider behind).
//
// Shaped like a Keycloak realm (README "Configuration", OIDC_*): the console is a public client
// (no secret, PKCE required); access tokens are JWTs for the API's audience carrying
// `realm_access.roles`, `preferred_username` and `tenant`; the ID token carries the name. Sign-in is
// oidc-provider's built-in development login (any password) and consent pages.
// oidc-provider 9 warns "Unsupported runtime" below Node 22 (its own LTS check, not its engines field);
// this test is what shows it works on our Node 20.19+.
import { createServer } from 'node:http';
import { generateKeyPair, exportJWK } from 'jose';
import Provider, { errors } from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** The people who can sign in: login name → profile and realm roles. */
const ACCOUNTS = {
  'm.mustermann': { name: 'Maria Mustermann', tenant: 'kreis-coesfeld', roles: ['offline_access', 'uma_authorization', 'bw-sitzungsdienst'] },
};
/** The API as a resource server; its token audience is ISSUER_AUDIENCE (the API's OIDC_AUDIENCE). */
const RESOURCE = 'urn:beschlussweg:api';

const { privateKey } = await generateKeyPair('RS256', { extractable: true });

const configuration = {
  clients: [
    {
      client_id: env('ISSUER_CLIENT_ID'),
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [env('ISSUER_REDIRECT_URI')],
      post_logout_redirect_uris: [env('ISSUER_POST_LOGOUT_REDIRECT_URI')],
    },
  ],
  // oidc-provider's default already requires PKCE for every public client; said here because the test depends on it
  pkce: { required: () => true },
  jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-issuer', alg: 'RS256', use: 'sig' }] },
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
  async findAccount(_ctx, sub) {
    const account = ACCOUNTS[sub];
    return account && { accountId: sub, claims: () => ({ sub, name: account.name, preferred_username: sub }) };
  },
  async extraTokenClaims(_ctx, token) {
    const account = ACCOUNTS[token.accountId];
    return account && { preferred_username: token.accountId, tenant: account.tenant, realm_access: { roles: account.roles } };
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // the console asks for no resource: every token is for the API, as with Keycloak's audience mapper
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        if (resource !== RESOURCE) throw new errors.InvalidTarget();
        return { scope: '', audience: env('ISSUER_AUDIENCE'), accessTokenFormat: 'jwt', accessTokenTTL: 600 };
      },
    },
  },
};

// the port first: the issuer URL (in every token) must name it
const server = createServer();
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const issuer = `http://127.0.0.1:${server.address().port}`;
const provider = new Provider(issuer, configuration);
server.on('request', provider.callback());

process.stdout.write(`${issuer}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
