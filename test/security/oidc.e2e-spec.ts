import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { freePort } from '../../src/database/embedded';
import { startTestApp, type TestApp } from '../support/app';

/** A stand-in for Keycloak: discovery document and JWKS served from 127.0.0.1, counting requests. */
async function fakeIssuer(publicJwk: object): Promise<{ server: Server; issuer: string; hits: { discovery: number; jwks: number } }> {
  const hits = { discovery: 0, jwks: 0 };
  let issuer = '';
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/realms/rat/.well-known/openid-configuration') {
      hits.discovery++;
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs` }));
    } else if (req.url === '/realms/rat/protocol/openid-connect/certs') {
      hits.jwks++;
      res.end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/rat`;
  return { server, issuer, hits };
}

async function appWith(env: Record<string, string>): Promise<TestApp> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await startTestApp();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('OpenID Connect bearer tokens', () => {
  let t: TestApp;
  let idp: Awaited<ReturnType<typeof fakeIssuer>>;
  let key: CryptoKey;
  let stranger: CryptoKey;
  const audience = 'beschlussweg';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    stranger = (await generateKeyPair('RS256')).privateKey;
    idp = await fakeIssuer({ ...(await exportJWK(pair.publicKey)), kid: 'rat-2020', alg: 'RS256', use: 'sig' });
    t = await appWith({
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: audience,
      OIDC_ROLE_CLAIM: 'realm_access.roles',
      OIDC_USER_CLAIM: 'preferred_username',
      OIDC_ROLE_MAP: 'bw-sitzungsdienst=clerk,bw-geschaeftsstelle=office,bw-rpa=auditor,bw-admin=admin',
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((ok) => idp.server.close(ok));
  });

  /** A token as Keycloak issues it; times follow the app's (settable) clock. */
  const token = (claims: JWTPayload & { roles?: string[] } = {}, options: { key?: CryptoKey; kid?: string; lifetime?: number } = {}) => {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const { roles = ['bw-sitzungsdienst'], iss = idp.issuer, aud = audience, ...rest } = claims;
    return new SignJWT({ tenant: 'kreis-coesfeld', preferred_username: 'm.mustermann', realm_access: { roles }, ...rest })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'rat-2020' })
      .setIssuer(iss)
      .setAudience(aud)
      .setSubject('5b7c2f1e-0d9a-4c1b-9f3e-2a6d8e4b1c07')
      .setIssuedAt(now)
      .setExpirationTime(now + (options.lifetime ?? 300))
      .sign(options.key ?? key);
  };
  const me = async (bearer: string) => t.http.get('/auth/me').set('Authorization', `Bearer ${bearer}`);

  it('accepts a valid token, maps its role claim and takes tenant and user from their claims', async () => {
    const res = await me(await token());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ tenant: 'kreis-coesfeld', tenantName: 'Kreis Coesfeld', userId: 'm.mustermann', role: 'clerk' });
    expect(idp.hits.discovery).toBe(1);
  });

  it('records the OIDC user and the role used as the actor of the events it sends', async () => {
    const bearer = `Bearer ${await token()}`;
    const created = await t.http.post('/workflows/sample/instances').set('Authorization', bearer).send({ input: { title: 'Beamer', amountCents: 80000 } });
    expect(created.status).toBe(201);
    const sent = await t.http.post(`/instances/${created.body.id as string}/events`).set('Authorization', bearer).send({ type: 'SUBMIT' });
    expect(sent.status).toBe(201);
    expect(sent.body.event.actor).toEqual({ id: 'm.mustermann', role: 'clerk' });
  });

  it('lets a person with several roles use each where it is allowed', async () => {
    const both = await token({ roles: ['bw-sitzungsdienst', 'bw-admin'] });
    expect((await t.http.get('/auth/keys').set('Authorization', `Bearer ${both}`)).status).toBe(200);
    expect((await me(both)).body.role).toBe('clerk');
  });

  it('refuses a token of another issuer, for another audience, expired, or signed with another key with 401', async () => {
    const cases = {
      issuer: await token({ iss: 'https://evil.example/realms/rat' }),
      audience: await token({ aud: 'another-client' }),
      expired: await token({}, { lifetime: -120 }),
      key: await token({}, { key: stranger }),
      kid: await token({}, { key: stranger, kid: 'unknown-kid' }),
      garbage: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
    };
    for (const [what, bearer] of Object.entries(cases)) {
      const res = await me(bearer);
      expect([what, res.status, res.body.code]).toEqual([what, 401, 'AUTH.INVALID_TOKEN']);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('refuses an unsigned token and one "signed" with HS256 over the public key', async () => {
    const payload = Buffer.from(JSON.stringify({ iss: idp.issuer, aud: audience, sub: 'x', tenant: 'kreis-coesfeld', realm_access: { roles: ['bw-admin'] }, exp: 4102444800 })).toString('base64url');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    const hs = await new SignJWT({ tenant: 'kreis-coesfeld', realm_access: { roles: ['bw-admin'] } })
      .setProtectedHeader({ alg: 'HS256', kid: 'rat-2020' })
      .setIssuer(idp.issuer)
      .setAudience(audience)
      .setSubject('x')
      .setExpirationTime(4102444800)
      .sign(new TextEncoder().encode(JSON.stringify(await exportJWK(key))));
    for (const bearer of [none, hs]) expect((await me(bearer)).status).toBe(401);
  });

  it('refuses a token with no role of ours, a role the route does not allow, or no tenant with 403', async () => {
    const unknown = await me(await token({ roles: ['offline_access', 'uma_authorization'] }));
    expect([unknown.status, unknown.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const auditor = `Bearer ${await token({ roles: ['bw-rpa'] })}`;
    expect((await t.http.get('/instances').set('Authorization', auditor)).status).toBe(200);
    const write = await t.http.post('/workflows/sample/instances').set('Authorization', auditor).send({ input: { title: 'x', amountCents: 1 } });
    expect([write.status, write.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const homeless = await me(await token({ tenant: undefined }));
    expect([homeless.status, homeless.body.code]).toEqual([403, 'AUTH.NO_TENANT']);
  });

  it('keeps API keys working next to OIDC, and caches the signing keys instead of fetching them per request', async () => {
    expect((await t.http.get('/auth/me').set('Authorization', t.auth('office'))).body.role).toBe('office');
    expect(idp.hits.jwks).toBeGreaterThanOrEqual(1);
    expect(idp.hits.jwks).toBeLessThanOrEqual(2); // one fetch, plus at most one refetch for the unknown key id
  });

  it('answers 503 problem+json while the issuer cannot be reached', async () => {
    const down = await appWith({ OIDC_ISSUER: `http://127.0.0.1:${await freePort()}/realms/rat`, OIDC_AUDIENCE: audience });
    try {
      const res = await down.http.get('/auth/me').set('Authorization', `Bearer ${await token()}`);
      expect([res.status, res.body.code]).toEqual([503, 'AUTH.ISSUER_UNAVAILABLE']);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await down.close();
    }
  });
});
