import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';

describe('engine HTTP API', () => {
  let t: TestApp;
  let counts: () => Promise<{ instances: number; events: number; outbox: number }>;

  beforeAll(async () => {
    t = await startTestApp();
    counts = async () => {
      const client = new Client({ connectionString: t.db.url });
      await client.connect();
      const { rows } = await client.query<{ i: string; e: string; o: string }>(
        'SELECT (SELECT count(*) FROM workflow_instances) i, (SELECT count(*) FROM workflow_events) e, (SELECT count(*) FROM outbox) o',
      );
      await client.end();
      return { instances: Number(rows[0]!.i), events: Number(rows[0]!.e), outbox: Number(rows[0]!.o) };
    };
  });
  afterAll(() => t.close());

  const create = async () => {
    const res = await t.http.post('/workflows/sample/instances').set('Authorization', t.auth('clerk')).send({ input: { title: 'Laptops', amountCents: 120000 } });
    expect(res.status).toBe(201);
    return res.body as { id: string; allowedEvents: string[] };
  };

  it('answers GET /health with 200 after checking the database', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: expect.stringMatching(/^PostgreSQL \d+/) as unknown });
  });

  it('serves an OpenAPI 3 document at /docs-json that lists the engine routes with bearer auth', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body as { openapi: string; info: { title: string }; paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Beschlussweg API');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/workflows', '/workflows/{type}/instances', '/instances/{id}', '/instances/{id}/events', '/health']));
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
    expect((await t.http.get('/docs')).status).toBe(200);
  });

  it('lists workflow definitions with states, events and transitions', async () => {
    const res = await t.http.get('/workflows').set('Authorization', t.auth('auditor'));
    expect(res.status).toBe(200);
    const sample = (res.body as { type: string; states: { id: string; type: string }[]; events: string[] }[]).find((d) => d.type === 'sample')!;
    expect(sample.states.map((s) => s.id)).toEqual(expect.arrayContaining(['sample.review', 'sample.review.legal.approved', 'sample.approved']));
    expect(sample.states.find((s) => s.id === 'sample.review')!.type).toBe('parallel');
    expect(sample.events).toEqual(['EDIT', 'LEGAL_APPROVE', 'REJECT', 'SUBMIT', 'TREASURY_APPROVE', 'WITHDRAW']);
  });

  it('walks an instance through its events and pages its history', async () => {
    const { id } = await create();
    for (const body of [{ type: 'SUBMIT' }, { type: 'LEGAL_APPROVE' }, { type: 'TREASURY_APPROVE' }]) {
      const res = await t.http.post(`/instances/${id}/events`).set('Authorization', t.auth('clerk')).send(body);
      expect(res.status).toBe(201);
    }
    const got = await t.http.get(`/instances/${id}`).set('Authorization', t.auth('auditor'));
    expect(got.body).toMatchObject({ state: 'approved', status: 'done', version: 3, allowedEvents: [] });
    const page = await t.http.get(`/instances/${id}/events?page=2&pageSize=2`).set('Authorization', t.auth('auditor'));
    expect(page.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect((page.body as { items: { seq: number; at: string }[] }).items.map((e) => e.seq)).toEqual([3]);
    expect((page.body as { items: { at: string }[] }).items[0]!.at).toMatch(/\+0[12]:00$/);
  });

  it('answers a refused event with 409 problem+json listing the allowed events, and writes nothing', async () => {
    const { id } = await create();
    const before = await counts();
    const res = await t.http.post(`/instances/${id}/events`).set('Authorization', t.auth('clerk')).send({ type: 'LEGAL_APPROVE' });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'WORKFLOW.EVENT_NOT_ALLOWED', status: 409, allowedEvents: ['EDIT', 'SUBMIT', 'WITHDRAW'] });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['not JSON', '{"type": SUBMIT', 'application/json'],
    ['an unknown field', JSON.stringify({ type: 'SUBMIT', bogus: true }), 'application/json'],
    ['a missing type', JSON.stringify({ payload: {} }), 'application/json'],
    ['a type of the wrong kind', JSON.stringify({ type: 42 }), 'application/json'],
    ['a payload that is an array', JSON.stringify({ type: 'SUBMIT', payload: [1] }), 'application/json'],
    ['a reserved payload field', JSON.stringify({ type: 'SUBMIT', payload: { actor: 'me' } }), 'application/json'],
    ['a negative expected version', JSON.stringify({ type: 'SUBMIT', expectedVersion: -1 }), 'application/json'],
  ])('answers %s with 400 problem+json and writes nothing', async (_, body, type) => {
    const { id } = await create();
    const before = await counts();
    const res = await t.http.post(`/instances/${id}/events`).set('Authorization', t.auth('clerk')).set('Content-Type', type).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: expect.stringMatching(/^(VALIDATION|REQUEST|WORKFLOW)\./) as unknown, detail: expect.any(String) as unknown });
    expect(await counts()).toEqual(before);
  });

  it('answers a malformed instance id with 400 and an unknown one with 404', async () => {
    const bad = await t.http.get('/instances/not-a-uuid').set('Authorization', t.auth('clerk'));
    expect(bad.status).toBe(400);
    const missing = await t.http.get('/instances/00000000-0000-4000-8000-000000000000').set('Authorization', t.auth('clerk'));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
  });

  it('refuses requests without a valid key (401) and writes by read-only roles (403)', async () => {
    expect((await t.http.get('/instances')).status).toBe(401);
    expect((await t.http.get('/instances').set('Authorization', 'Bearer bw_nope_xxxxxxxxxxxxxxxxxxxx')).body.code).toBe('AUTH.INVALID_TOKEN');
    const res = await t.http.post('/workflows/sample/instances').set('Authorization', t.auth('auditor')).send({ input: { title: 'x', amountCents: 1 } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('AUTH.FORBIDDEN');
  });

  it('repeats the first response for a repeated idempotency key', async () => {
    const { id } = await create();
    const send = () => t.http.post(`/instances/${id}/events`).set('Authorization', t.auth('clerk')).send({ type: 'SUBMIT', idempotencyKey: 'once' });
    const first = await send();
    const second = await send();
    expect(second.status).toBe(first.status);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect({ ...second.body, replayed: false }).toEqual(first.body);
  });

  it('creates once per Idempotency-Key on the generic API: a replay answers the first instance, another body 422, a race one instance', async () => {
    const start = (key: string, input: object) => t.http.post('/workflows/sample/instances').set('Authorization', t.auth('clerk')).set('Idempotency-Key', key).send({ input });
    const laptops = { title: 'Laptops', amountCents: 120000 };
    const before = await counts();
    const first = await start('create-1', laptops);
    expect(first.status).toBe(201);
    const again = await start('create-1', laptops);
    expect([again.status, again.headers['idempotent-replayed'], again.body.id]).toEqual([201, 'true', first.body.id]);
    const other = await start('create-1', { ...laptops, amountCents: 1 });
    expect([other.status, other.body.code, other.body.instanceId]).toEqual([422, 'WORKFLOW.IDEMPOTENCY_KEY_REUSED', first.body.id]);
    const raced = await Promise.all([1, 2, 3].map(() => start('create-2', laptops)));
    expect(raced.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(raced.map((r) => (r.body as { id: string }).id)).size).toBe(1);
    const bad = await start('k'.repeat(129), laptops);
    expect([bad.status, bad.body.code]).toEqual([400, 'REQUEST.INVALID_IDEMPOTENCY_KEY']);
    expect((await counts()).instances - before.instances).toBe(2);
  });
});
