import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, Page, Request } from 'playwright-core';
import { seedDatabase } from '../../seeds/seed';
import { ensureConsoleBuilt, WEB_DIST } from '../../scripts/console';
import { createApp } from '../../src/app.factory';
import { freePort } from '../../src/database/embedded';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { describeInBrowser, launchChromium, screenshot, SCREENSHOTS, wcagViolations } from './support/browser';


const CLIENT_ID = 'beschlussweg-console';
const AUDIENCE = 'beschlussweg';

interface Issuer {
  url: string;
  process: ChildProcessByStdio<Writable, Readable, Readable>;
}

/** test/support/oidc-issuer.mjs in a child process (oidc-provider is ESM-only); resolves with its issuer URL. */
function startIssuer(consoleUrl: string): Promise<Issuer> {
  const child = spawn(process.execPath, [resolve(__dirname, '..', 'support', 'oidc-issuer.mjs')], {
    env: {
      ...process.env,
      ISSUER_CLIENT_ID: CLIENT_ID,
      ISSUER_REDIRECT_URI: `${consoleUrl}anmelden/rueckkehr`,
      ISSUER_POST_LOGOUT_REDIRECT_URI: consoleUrl,
      ISSUER_AUDIENCE: AUDIENCE,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((ok, fail) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n', 2);
      if (line.length === 2) ok({ url: line[0]!, process: child });
    });
    child.on('exit', (code) => fail(new Error(`the test issuer exited (${code}) before it served:\n${stderr}`)));
  });
}

/**
 * Sign-in with an organisation's identity provider, end to end: a real OpenID provider (panva's
 * oidc-provider, shaped like a Keycloak realm), the app configured with OIDC_* and no
 * demo users (as in production), and the console in Chromium going through the authorization code
 * flow with PKCE, calling the API with the issuer's access token, and signing out.
 */
describeInBrowser('console: sign-in at the organisation’s OpenID provider (authorization code + PKCE)', (chromiumPath) => {
  jest.setTimeout(120_000);
  let db: TestDatabase;
  let issuer: Issuer;
  let app: NestFastifyApplication;
  let browser: Browser;
  let page: Page;
  let base: string;
  const savedEnv = { ...process.env };
  const pageErrors: string[] = [];

  const expectAccessible = async (what: string) => {
    expect({ page: what, violations: await wcagViolations(page) }).toEqual({ page: what, violations: [] });
  };
  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  /** The issuer's own (development) login page: any password; then its consent page. */
  const logInAtIssuer = async (login: string) => {
    await page.getByPlaceholder('Enter any login').fill(login);
    await page.getByPlaceholder('and password').fill('beliebig');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  };

  beforeAll(async () => {
    ensureConsoleBuilt({ log: () => undefined });
    db = await createTestDatabase();
    await seedDatabase(db.url);
    // the issuer registers the console's redirect URI, so the app's port is chosen first
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    issuer = await startIssuer(`${base}/console/`);
    Object.assign(process.env, {
      TIMERS: 'off',
      OUTBOX_POLL: 'off',
      CHECKPOINT_INTERVAL_MINUTES: '0',
      OIDC_ISSUER: issuer.url,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_ROLE_CLAIM: 'realm_access.roles',
      OIDC_USER_CLAIM: 'preferred_username',
      OIDC_ROLE_MAP: 'bw-sitzungsdienst=clerk,bw-geschaeftsstelle=office,bw-rpa=auditor,bw-admin=admin',
      OIDC_CONSOLE_CLIENT_ID: CLIENT_ID,
    });
    app = await createApp({ databaseUrl: db.url, logger: false, console: { root: WEB_DIST, demoUsers: false } });
    await app.listen(port, '127.0.0.1');
    browser = await launchChromium(chromiumPath);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(30_000);
    // the issuer's development pages import a Google web font; the machines have no internet
    await page.route('https://fonts.googleapis.com/**', (route) => route.abort());
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    issuer?.process.stdin.end(); // the issuer exits when its input closes
    await db?.drop();
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  });
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'last-step.png'), fullPage: true });
  });

  it('offers only the sign-in at the issuer, and signs the clerk in there with PKCE', async () => {
    await page.goto(`${base}/console/`);
    await heading('Anmeldung').waitFor();
    await page.getByText(`Sie werden zur Anmeldeseite Ihrer Verwaltung weitergeleitet (${issuer.url}).`).waitFor();
    await expect(page.getByRole('heading', { name: 'Demo-Zugänge' }).count()).resolves.toBe(0);
    await expectAccessible('Anmeldung (OIDC)');
    await screenshot(page, 'oidc-01-anmeldung');

    const authorize = page.waitForRequest((r) => r.url().startsWith(`${issuer.url}/auth?`));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const asked = new URL((await authorize).url()).searchParams;
    expect(Object.fromEntries(['client_id', 'response_type', 'redirect_uri', 'scope', 'code_challenge_method'].map((k) => [k, asked.get(k)]))).toEqual({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${base}/console/anmelden/rueckkehr`,
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    expect(asked.get('code_challenge')).toMatch(/^[\w-]{43}$/);

    const exchange = page.waitForRequest((r) => r.url() === `${issuer.url}/token` && r.method() === 'POST');
    await logInAtIssuer('m.mustermann');
    const sent = new URLSearchParams((await exchange).postData() ?? '');
    expect([sent.get('grant_type'), sent.get('client_id'), sent.get('client_secret')]).toEqual(['authorization_code', CLIENT_ID, null]);
    expect(sent.get('code_verifier')).toMatch(/^[\w.~-]{43,128}$/);

    const signedInAs = page.getByTestId('signed-in-as');
    await signedInAs.waitFor();
    await expect(signedInAs.innerText()).resolves.toBe('Maria Mustermann · Sitzungsdienst · Kreis Coesfeld');
    expect(page.url()).toBe(`${base}/console/`);
    await expectAccessible('Übersicht (OIDC)');
    await screenshot(page, 'oidc-02-angemeldet');
  });

  it('calls the API with the issuer’s access token: the motions list loads', async () => {
    const apiCall = page.waitForRequest((r: Request) => new URL(r.url()).pathname.startsWith('/motions'));
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Vorlagen' }).click();
    await heading('Vorlagen').waitFor();
    await page.getByRole('link', { name: 'SV-9-1600/1' }).waitFor();
    const bearer = (await (await apiCall).allHeaders()).authorization ?? '';
    const [, payload] = bearer.replace(/^Bearer /, '').split('.');
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toMatchObject({
      iss: issuer.url,
      aud: AUDIENCE,
      client_id: CLIENT_ID,
      preferred_username: 'm.mustermann',
      realm_access: { roles: expect.arrayContaining(['bw-sitzungsdienst']) },
    });
    await expectAccessible('Vorlagen (OIDC)');
  });

  it('signs out at the issuer too: back on the sign-in page, the next sign-in asks for the password again', async () => {
    const tokensInTab = () => page.evaluate<string[]>(`Object.keys(sessionStorage).filter((k) => k === 'beschlussweg.session' || k.startsWith('oidc.'))`);
    await expect(tokensInTab()).resolves.toEqual(expect.arrayContaining(['beschlussweg.session', `oidc.user:${issuer.url}:${CLIENT_ID}`]));
    const endSession = page.waitForRequest((r) => r.url().startsWith(`${issuer.url}/session/end?`));
    await page.getByRole('button', { name: 'Abmelden' }).click();
    const asked = new URL((await endSession).url()).searchParams;
    // the ID token names the client and the session to end
    expect([asked.get('post_logout_redirect_uri'), asked.get('id_token_hint')?.split('.').length]).toEqual([`${base}/console/`, 3]);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click(); // the issuer's confirmation
    await heading('Anmeldung').waitFor();
    expect(page.url()).toBe(`${base}/console/`);
    await expect(page.getByTestId('signed-in-as').count()).resolves.toBe(0);
    await expect(tokensInTab()).resolves.toEqual([]);

    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByPlaceholder('Enter any login').waitFor();
  });
});
