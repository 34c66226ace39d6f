import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { SettableClock } from '../../src/common/clock';
import { createTestDatabase, type TestDatabase } from '../support/db';

/**
 * The console is plain static files under /console with a single-page fallback, next to the API and
 * never in its way; the sign-in options name the demo users only where they are switched on.
 */
describe('console serving', () => {
  let db: TestDatabase;
  let root: string;
  const apps: INestApplication[] = [];

  const start = async (console: { root?: string; demoUsers?: boolean }) => {
    const app = await createApp({ databaseUrl: db.url, clock: new SettableClock(new Date('2020-08-12T10:00:00Z')), logger: false, console });
    await app.init();
    // Fastify routes only once ready (supertest does not listen, which would make it so)
    await app.getHttpAdapter().getInstance().ready();
    apps.push(app);
    return request(app.getHttpServer());
  };

  beforeAll(async () => {
    process.env.OUTBOX_POLL ??= 'off';
    process.env.TIMERS ??= 'off';
    process.env.CHECKPOINT_INTERVAL_MINUTES ??= '0';
    db = await createTestDatabase();
    root = mkdtempSync(join(tmpdir(), 'console-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><html lang="de"><title>Beschlussweg</title><div id="app"></div></html>');
    writeFileSync(join(root, 'assets', 'main-abc.js'), 'console.log("console")');
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html, the assets and deep links under /console, and leaves the API alone', async () => {
    const http = await start({ root, demoUsers: true });
    const index = await http.get('/console/').expect(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.text).toContain('<div id="app">');

    const asset = await http.get('/console/assets/main-abc.js').expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.text).toBe('console.log("console")');
    // hashed assets are kept for good; index.html and deep links are asked for again every time
    expect([index.headers['cache-control'], asset.headers['cache-control']]).toEqual(['no-cache', 'public, max-age=31536000, immutable']);

    // a deep link of the single-page app (the router resolves it in the browser)
    const deep = await http.get('/console/vorlagen/7b0c1c8e-2f7d-4c55-9d1c-4c1c9c1c9c1c').expect(200);
    expect(deep.text).toContain('<div id="app">');
    expect(deep.headers['cache-control']).toBe('no-cache');

    // the API under the same origin is untouched: no token, a problem+json 401, not the page
    const api = await http.get('/motions').expect(401);
    expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('offers the demo users for one-click sign-in only where they are switched on', async () => {
    const withDemo = await (await start({ root, demoUsers: true })).get('/auth/sign-in-options').expect(200);
    expect(withDemo.body.oidc).toBeNull();
    expect((withDemo.body.demoUsers as { role: string }[]).map((u) => u.role)).toEqual(['clerk', 'office', 'auditor', 'admin']);
    expect(withDemo.body.demoUsers[0]).toEqual({ role: 'clerk', name: 'Sitzungsdienst (demo)', tenantName: 'Kreis Coesfeld', token: 'bw_dev-clerk_coesfeld-demo-clerk-2020' });

    const without = await (await start({})).get('/auth/sign-in-options').expect(200);
    expect(without.body).toEqual({ demoUsers: [], oidc: null });
  });

  it('serves no console without a build, and says so with a problem+json 404', async () => {
    const http = await start({ root: join(root, 'missing') });
    const res = await http.get('/console/').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('names the OIDC client the console signs in with when one is configured', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { OIDC_ISSUER: 'https://login.example.de/realms/kreis', OIDC_AUDIENCE: 'beschlussweg', OIDC_CONSOLE_CLIENT_ID: 'beschlussweg-console' });
    try {
      const res = await (await start({})).get('/auth/sign-in-options').expect(200);
      expect(res.body.oidc).toEqual({ issuer: 'https://login.example.de/realms/kreis', clientId: 'beschlussweg-console', scope: 'openid profile' });
    } finally {
      for (const key of ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_CONSOLE_CLIENT_ID']) if (saved[key] === undefined) delete process.env[key];
    }
  });
});
