import { startTestApp, type TestApp } from '../support/app';
import { tableCounts } from './support/db';

/** Starts the app with some environment variables set, restoring them afterwards (config is read at start). */
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

const problem = (res: { status: number; headers: Record<string, string>; body: { code?: string } }, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe(code);
};

describe('HTTP hardening: headers, limits, CORS, rate limit, unstorable input', () => {
  let t: TestApp;
  let strict: TestApp;
  const ratsinfo = 'https://ratsinfo.kreis-coesfeld.de';

  beforeAll(async () => {
    t = await startTestApp();
    strict = await appWith({ CORS_ORIGINS: ratsinfo, RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    await t.close();
    await strict.close();
  });

  it('sends helmet security headers on answers and on errors, and hides the framework', async () => {
    for (const res of [await t.http.get('/health'), await t.http.get('/instances')]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringMatching(/max-age=\d+/) as unknown,
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('refuses a body over the limit with 413 problem+json and writes nothing', async () => {
    const before = await tableCounts(t.db.url);
    const res = await t.http
      .post('/workflows/sample/instances')
      .set('Authorization', t.auth('clerk'))
      .send({ input: { title: 'Laptops', amountCents: 1, notes: 'x'.repeat(300 * 1024) } });
    problem(res, 413, 'REQUEST.TOO_LARGE');
    expect(await tableCounts(t.db.url)).toEqual(before);
  });

  it('answers requests the HTTP parser refuses (headers over 16 KB) with problem+json too', async () => {
    const res = await t.http.get('/health').set('X-Padding', 'p'.repeat(20_000));
    problem(res, 431, 'REQUEST.HEADERS_TOO_LARGE');
  });

  it('refuses malformed JSON with 400 problem+json', async () => {
    const res = await t.http.post('/workflows/sample/instances').set('Authorization', t.auth('clerk')).set('Content-Type', 'application/json').send('{"input": {');
    problem(res, 400, 'REQUEST.INVALID');
  });

  it('refuses JSON nested deeper than 64 levels, NUL characters and unpaired surrogates before any handler, writing nothing', async () => {
    const created = await t.http.post('/workflows/sample/instances').set('Authorization', t.auth('clerk')).send({ input: { title: 'Laptops', amountCents: 1 } });
    const events = `/instances/${created.body.id as string}/events`;
    const before = await tableCounts(t.db.url);
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    for (const body of [`{"type":"EDIT","payload":${deep}}`, '{"type":"EDIT","payload":{"title":"a\\u0000b"}}', '{"type":"EDIT","payload":{"title":"\\ud800"}}']) {
      const res = await t.http.post(events).set('Authorization', t.auth('clerk')).set('Content-Type', 'application/json').send(body);
      problem(res, 400, 'REQUEST.MALFORMED');
    }
    problem(await t.http.get('/instances?type=%00').set('Authorization', t.auth('clerk')), 400, 'REQUEST.MALFORMED');
    expect(await tableCounts(t.db.url)).toEqual(before);
  });

  it('refuses numbers that parse to Infinity (1e400) on instance creation and events with 400, writing nothing', async () => {
    const created = await t.http.post('/workflows/sample/instances').set('Authorization', t.auth('clerk')).send({ input: { title: 'Laptops', amountCents: 1 } });
    const before = await tableCounts(t.db.url);
    const json = (req: ReturnType<typeof t.http.post>, body: string) => req.set('Authorization', t.auth('clerk')).set('Content-Type', 'application/json').send(body);
    const create = await json(t.http.post('/workflows/sample/instances'), '{"input":{"title":"Laptops","amountCents":1e400}}');
    problem(create, 400, 'REQUEST.NUMBER_OUT_OF_RANGE');
    expect((create.body as { field?: string }).field).toBe('input.amountCents');
    const event = await json(t.http.post(`/instances/${created.body.id as string}/events`), '{"type":"EDIT","payload":{"amountCents":-1e400}}');
    problem(event, 400, 'REQUEST.NUMBER_OUT_OF_RANGE');
    problem(await json(t.http.post(`/instances/${created.body.id as string}/events`), '{"type":"EDIT","payload":{"list":[1,2,1E+999]}}'), 400, 'REQUEST.NUMBER_OUT_OF_RANGE');
    expect(await tableCounts(t.db.url)).toEqual(before);
  });

  it('refuses __proto__, constructor and prototype at the top level of a body like any unknown field, writing nothing', async () => {
    const created = await t.http.post('/workflows/sample/instances').set('Authorization', t.auth('clerk')).send({ input: { title: 'Laptops', amountCents: 1 } });
    const before = await tableCounts(t.db.url);
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const res = await t.http
        .post(`/instances/${created.body.id as string}/events`)
        .set('Authorization', t.auth('clerk'))
        .set('Content-Type', 'application/json')
        .send(`{"${key}":{"role":"admin"},"type":"EDIT","payload":{"amountCents":2}}`);
      problem(res, 400, 'VALIDATION.FAILED');
      expect((res.body as { errors: unknown }).errors).toEqual([{ field: key, messages: [`property ${key} should not exist`] }]);
    }
    // an unknown ordinary field answers the same way
    const unknown = await t.http.post(`/instances/${created.body.id as string}/events`).set('Authorization', t.auth('clerk')).send({ role: 'admin', type: 'EDIT', payload: { amountCents: 2 } });
    problem(unknown, 400, 'VALIDATION.FAILED');
    expect(await tableCounts(t.db.url)).toEqual(before);
  });

  it('refuses integer parameters past their documented maximum (seq=2147483648 on the audit endpoints) with 400', async () => {
    const created = await t.http.post('/workflows/sample/instances').set('Authorization', t.auth('clerk')).send({ input: { title: 'Laptops', amountCents: 1 } });
    for (const what of ['state', 'history']) {
      for (const seq of ['2147483648', '9223372036854775808', '1e400']) {
        problem(await t.http.get(`/audit/instances/${created.body.id as string}/${what}?seq=${seq}`).set('Authorization', t.auth('auditor')), 400, 'VALIDATION.FAILED');
      }
      expect((await t.http.get(`/audit/instances/${created.body.id as string}/${what}?seq=2147483647`).set('Authorization', t.auth('auditor'))).status).toBe(200);
    }
  });

  it('documents a maximum for every integer and number parameter and body field in the OpenAPI document', async () => {
    interface Schema { $ref?: string; type?: string; maximum?: number; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[] }
    const doc = (await t.http.get('/docs-json')).body as {
      paths: Record<string, Record<string, { parameters?: { name: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    const missing: string[] = [];
    const seen = new Set<string>();
    const walk = (schema: Schema | undefined, where: string): void => {
      if (!schema) return;
      if (schema.$ref) {
        const name = schema.$ref.split('/').pop()!;
        if (seen.has(name)) return;
        seen.add(name);
        return walk(doc.components.schemas[name], name);
      }
      if ((schema.type === 'integer' || schema.type === 'number') && schema.maximum === undefined) missing.push(where);
      schema.allOf?.forEach((s, i) => walk(s, `${where}.allOf[${i}]`));
      walk(schema.items, `${where}[]`);
      for (const [name, s] of Object.entries(schema.properties ?? {})) walk(s, `${where}.${name}`);
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? []) walk(p.schema, `${method.toUpperCase()} ${path} ${p.name}`);
        walk(op.requestBody?.content?.['application/json']?.schema, `${method.toUpperCase()} ${path} body`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('answers CORS preflights only for the configured origins', async () => {
    const allowed = await strict.http.options('/instances').set('Origin', ratsinfo).set('Access-Control-Request-Method', 'POST');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ratsinfo);
    const foreign = await strict.http.options('/instances').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const unconfigured = await t.http.get('/health').set('Origin', ratsinfo);
    expect(unconfigured.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits each client to RATE_LIMIT_PER_MINUTE requests, counting refused tokens too, with 429 problem+json', async () => {
    const client = (ip: string) => strict.http.get('/instances').set('X-Forwarded-For', ip).set('Authorization', 'Bearer bw_guess_aaaaaaaaaaaaaaaaaaaaaaaa');
    for (let i = 0; i < 5; i++) problem(await client('203.0.113.7'), 401, 'AUTH.INVALID_TOKEN');
    const limited = await client('203.0.113.7');
    problem(limited, 429, 'REQUEST.RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // another client behind the same proxy keeps its own budget
    problem(await client('203.0.113.8'), 401, 'AUTH.INVALID_TOKEN');
  });
});
