import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service';
import { TenantEntity } from '../../src/auth/entities';
import { ROLES, type UserRole } from '../../src/auth/policy';
import { startTestApp, type TestApp } from '../support/app';
import { tableCounts } from './support/db';
import { openApiPath, routeTable, servedRoutes, type Route } from './support/routes';

/** Codes with which the guard, not the handler, refuses a request. */
const GUARD_CODES = new Set(['AUTH.UNAUTHENTICATED', 'AUTH.INVALID_TOKEN', 'AUTH.FORBIDDEN', 'AUTH.NO_POLICY']);

type Caller = UserRole | 'anonymous' | 'forged';

/** What the declared policy says must happen to this caller. */
function expected(route: Route, caller: Caller): 'allowed' | 401 | 403 {
  if (route.policy && 'public' in route.policy) return 'allowed';
  if (caller === 'anonymous' || caller === 'forged') return 401;
  return route.policy?.roles.includes(caller) ? 'allowed' : 403;
}

describe('access policy on every route', () => {
  let t: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '1000000';
    t = await startTestApp();
    routes = routeTable(t.app);
  });
  afterAll(() => t.close());

  it('reads the same routes from the controllers as Fastify serves, and all of them are in the OpenAPI document', async () => {
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(servedRoutes(t.app));
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/health', '/workflows', '/instances/:id/events', '/auth/keys']));
    const doc = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const undocumented = routes.filter((r) => !doc.paths[openApiPath(r.path)]?.[r.method]).map((r) => `${r.method} ${r.path}`);
    expect(undocumented).toEqual([]);
  });

  it('finds a policy declared on every route', () => {
    const without = routes.filter((r) => !r.policy).map((r) => `${r.method.toUpperCase()} ${r.path} (${r.handler})`);
    expect(without).toEqual([]);
  });

  it('answers every route × every role, no token and a forged token exactly as its policy says', async () => {
    const callers: Caller[] = [...ROLES, 'anonymous', 'forged'];
    const mismatches: string[] = [];
    let calls = 0;
    for (const route of routes) {
      // random UUIDs for every path parameter: an allowed call gets past the guard and ends in 400/404/422
      const url = route.path.replace(/:[A-Za-z0-9_]+/g, () => randomUUID());
      for (const caller of callers) {
        let req = t.http[route.method as 'get'](url);
        if (caller === 'forged') req = req.set('Authorization', 'Bearer bw_dev-admin_not-the-real-secret-at-all');
        else if (caller !== 'anonymous') req = req.set('Authorization', t.auth(caller));
        const res = await (['post', 'put', 'patch'].includes(route.method) ? req.send({}) : req);
        calls++;
        const code = (res.body as { code?: string }).code;
        const want = expected(route, caller);
        const ok =
          want === 'allowed'
            ? res.status !== 401 && !(code !== undefined && GUARD_CODES.has(code))
            : res.status === want && code === (want === 401 ? (caller === 'forged' ? 'AUTH.INVALID_TOKEN' : 'AUTH.UNAUTHENTICATED') : 'AUTH.FORBIDDEN');
        if (!ok) mismatches.push(`${route.method.toUpperCase()} ${route.path} as ${caller}: expected ${want}, got ${res.status} ${code ?? ''}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(calls).toBe(routes.length * callers.length);
  });

  it('lets nobody write anonymously: every non-GET route needs a token', () => {
    const open = routes.filter((r) => r.method !== 'get' && r.policy && 'public' in r.policy).map((r) => `${r.method} ${r.path}`);
    expect(open).toEqual([]);
  });
});

describe('tenant isolation', () => {
  let t: TestApp;
  let nottuln: { clerk: string; auditor: string };

  beforeAll(async () => {
    t = await startTestApp();
    const auth = t.app.get(AuthService);
    await t.app.get(DataSource).getRepository(TenantEntity).insert({ id: 'gemeinde-nottuln', name: 'Gemeinde Nottuln' });
    const key = async (role: UserRole) => `Bearer ${(await auth.issue('gemeinde-nottuln', `nottuln-${role}`, role, `Nottuln ${role}`, null)).token}`;
    nottuln = { clerk: await key('clerk'), auditor: await key('auditor') };
  });
  afterAll(() => t.close());

  it("keeps one Körperschaft's instance invisible and untouchable for another: 404, nothing written", async () => {
    const created = await t.http.post('/workflows/sample/instances').set('Authorization', t.auth('clerk')).send({ input: { title: 'Laptops', amountCents: 120000 } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const before = await tableCounts(t.db.url);

    for (const who of [nottuln.clerk, nottuln.auditor]) {
      const read = await t.http.get(`/instances/${id}`).set('Authorization', who);
      expect([read.status, read.body.code]).toEqual([404, 'NOT_FOUND']);
      const history = await t.http.get(`/instances/${id}/events`).set('Authorization', who);
      expect(history.status).toBe(404);
      const list = await t.http.get('/instances').set('Authorization', who);
      expect((list.body as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(id);
    }
    for (const type of ['EDIT', 'SUBMIT', 'WITHDRAW']) {
      const sent = await t.http.post(`/instances/${id}/events`).set('Authorization', nottuln.clerk).send({ type, payload: {} });
      expect([sent.status, sent.body.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect(await tableCounts(t.db.url)).toEqual(before);

    const own = await t.http.get(`/instances/${id}`).set('Authorization', t.auth('auditor'));
    expect([own.status, own.body.version]).toEqual([200, 0]);
  });
});
