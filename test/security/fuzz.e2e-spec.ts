import fc from 'fast-check';
import { Client } from 'pg';
import { AuthService } from '../../src/auth/auth.service';
import { DEV_TENANT } from '../../src/auth/dev-users';
import { startTestApp, type TestApp } from '../support/app';

/**
 * Property-based fuzzing of every operation in the OpenAPI document with random and hostile
 * bodies, path and query parameters and headers, as admin and as clerk. Properties: never a 5xx;
 * every error is problem+json with a code; a refused write leaves the row count of every table as
 * it was. Runs are bounded: FUZZ_CASES (default 8000) spread over the operations, 50..200 each.
 */
jest.setTimeout(15 * 60_000);

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}
interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: Parameter[];
  body: Schema | undefined;
}
interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

// ---- hostile material -------------------------------------------------------------------------
const NASTY = [
  "' OR '1'='1' --",
  "'; DROP TABLE workflow_events; --",
  '"; SELECT pg_sleep(10); --',
  '$1',
  '\\',
  '"',
  "'",
  '%',
  '%00',
  '%zz',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '{"$gt":""}',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x1F',
  '',
  ' ',
  '\u202egnp.exe',
  '\ufeffBOM',
  'Zürich Straße ẞ İı',
  '𝕭𝖊𝖘𝖈𝖍𝖑𝖚𝖘𝖘 🏛️👨‍👩‍👧',
  'ﷺ',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-fffffffffffff',
  'not-a-uuid',
  '2020-02-30T25:61:00+02:00',
];

const hostileString = (maxLength = 300): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) }, // includes lone surrogates
    { weight: 1, arbitrary: fc.nat({ max: maxLength }).map((n) => 'A'.repeat(n)) },
    { weight: 1, arbitrary: fc.constant('x'.repeat(Math.min(maxLength, 100_000))) },
  );

const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'at', 'actor', '$where', 'toString', ''), fc.string({ maxLength: 12 }));

const hostileScalar = fc.oneof(
  hostileString(20_000),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, 5e-324),
  fc.boolean(),
  fc.constant(null),
);

const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, hostileScalar, fc.array(tie('value'), { maxLength: 6 }), fc.dictionary(hostileKey, tie('value'), { maxKeys: 6 })),
}));

const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};
const deep = fc.integer({ min: 20, max: 4000 }).map(nested);

// ---- values from the document's schemas -------------------------------------------------------
function schemaValue(doc: OpenApi, words: string[], schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return hostileValue;
  if (schema.$ref) return schemaValue(doc, words, doc.components.schemas[schema.$ref.split('/').pop()!], depth + 1);
  if (schema.allOf) return schemaValue(doc, words, Object.assign({}, ...schema.allOf.map((s) => (s.$ref ? doc.components.schemas[s.$ref.split('/').pop()!] : s))) as Schema, depth + 1);
  const choices: fc.Arbitrary<unknown>[] = [];
  if (schema.enum?.length) choices.push(fc.constantFrom(...schema.enum));
  if (schema.example !== undefined) choices.push(fc.constant(schema.example));
  switch (schema.type) {
    case 'object':
      if (schema.properties) {
        const props = Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, fc.oneof({ weight: 3, arbitrary: schemaValue(doc, words, s, depth + 1) }, { weight: 1, arbitrary: hostileValue })]));
        const record = fc.record(props, { requiredKeys: [] });
        choices.push(fc.tuple(record, fc.option(fc.dictionary(hostileKey, hostileValue, { maxKeys: 3 }), { freq: 4 })).map(([r, extra]) => ({ ...r, ...(extra ?? {}) })));
      } else {
        choices.push(fc.dictionary(fc.oneof(fc.constantFrom(...words), hostileKey), hostileValue, { maxKeys: 5 }));
      }
      break;
    case 'array':
      choices.push(fc.array(schemaValue(doc, words, schema.items, depth + 1), { maxLength: 5 }));
      break;
    case 'string':
      choices.push(fc.constantFrom(...words), hostileString(2_000));
      break;
    case 'number':
    case 'integer':
      choices.push(fc.integer({ min: -5, max: 300 }), fc.double(), fc.constantFrom(2 ** 53 + 2, 1e308, -0));
      break;
    case 'boolean':
      choices.push(fc.boolean());
      break;
    case undefined:
    default:
      break;
  }
  choices.push(hostileScalar);
  return fc.oneof(...choices);
}

interface Case {
  role: 'admin' | 'clerk';
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function caseFor(doc: OpenApi, op: Operation, pools: { ids: string[]; words: string[] }): fc.Arbitrary<Case> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const segment = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...pools.ids, ...pools.words).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.uuid().map(encodeURIComponent) },
    { weight: 3, arbitrary: hostileString(300).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '.', '%2e%2e', '%2F', '%00', ';', '~') }, // raw, not encoded
  );
  const path = fc.tuple(...pathParams.map(() => segment)).map((values) => {
    let i = 0;
    return op.path.replace(/\{[^}]+\}/g, () => values[i++] ?? '');
  });
  const queryValue = (p?: Parameter) => fc.oneof(schemaValue(doc, pools.words, p?.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '').slice(0, 500)), hostileString(300));
  const query = fc
    .tuple(
      fc.tuple(...queryParams.map((p) => fc.option(fc.oneof(queryValue(p).map((v) => [v]), fc.array(queryValue(p), { minLength: 2, maxLength: 3 })), { freq: 2 }))),
      fc.dictionary(hostileKey, hostileString(100), { maxKeys: 2 }),
    )
    .map(([declared, extra]) => {
      const pairs: [string, string][] = [];
      declared.forEach((values, i) => values?.forEach((v) => pairs.push([queryParams[i]!.name, v])));
      for (const [k, v] of Object.entries(extra)) pairs.push([k, v]);
      return pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '';
    });
  const json = (v: unknown) => JSON.stringify(v) ?? 'null';
  const body = fc.oneof(
    { weight: op.body ? 6 : 1, arbitrary: schemaValue(doc, pools.words, op.body).map(json) },
    { weight: 2, arbitrary: hostileValue.map(json) },
    { weight: 1, arbitrary: deep.map(json) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom('{', '{"type":', '{"type":"EDIT",}', 'null', '[]', '""', '1', 'true', "{'a':1}", '\u0000', '{"a":1}{"b":2}'), fc.string({ maxLength: 100 })) },
    { weight: op.body ? 1 : 4, arbitrary: fc.constant(undefined) },
  );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    { weight: 2, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/merge-patch+json', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', 'application/xml', '*/*', 'garbage') },
  );
  const headerValue = hostileString(1_000).map((s) => s.replace(/[^\x20-\x7e]/g, '?'));
  const headers = fc.dictionary(
    fc.constantFrom('Accept', 'Accept-Language', 'Accept-Encoding', 'X-Forwarded-For', 'X-Forwarded-Host', 'X-Request-Id', 'Idempotency-Key', 'If-None-Match', 'If-Match', 'Origin', 'Referer', 'Range', 'Cookie', 'X-HTTP-Method-Override', 'Content-Encoding', 'Content-Language', 'Authorization'),
    headerValue,
    { maxKeys: 4 },
  );
  return fc.record({ role: fc.constantFrom('admin' as const, 'clerk' as const), path, query, body, contentType, headers }).map((c) => ({
    role: c.role,
    url: c.path + c.query,
    headers: { ...c.headers, ...(c.body === undefined ? {} : { 'Content-Type': c.contentType }) },
    body: c.body,
  }));
}

// ---- the test ---------------------------------------------------------------------------------
describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let counter: Client;
  let tables: string[];

  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '100000000';
    t = await startTestApp();
    counter = new Client({ connectionString: t.db.url });
    await counter.connect();
    const { rows } = await counter.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
    tables = rows.map((r) => r.name);
  });
  afterAll(async () => {
    await counter.end();
    await t.close();
  });

  const counts = async (): Promise<string> => {
    const { rows } = await counter.query<{ n: string }>(tables.map((name) => `SELECT count(*) AS n FROM "${name}"`).join(' UNION ALL '));
    return tables.map((name, i) => `${name}=${rows[i]!.n}`).join(' ');
  };

  it('never answers 5xx, always answers errors as problem+json, and writes nothing when it refuses', async () => {
    // own keys, so that harvested ids never include the keys the fuzzer itself uses
    const auth = t.app.get(AuthService);
    const tokens = {
      admin: (await auth.issue(DEV_TENANT.id, 'fuzz-admin', 'admin', 'fuzzer', null)).token,
      clerk: (await auth.issue(DEV_TENANT.id, 'fuzz-clerk', 'clerk', 'fuzzer', null)).token,
    };
    const as = (role: 'admin' | 'clerk') => `Bearer ${tokens[role]}`;

    // material: real instances in several states, and every id and word the read endpoints show
    const make = async (events: string[]) => {
      const created = await t.http.post('/workflows/sample/instances').set('Authorization', as('clerk')).send({ input: { title: 'Fuzz', amountCents: 900_000 } });
      for (const type of events) await t.http.post(`/instances/${created.body.id as string}/events`).set('Authorization', as('clerk')).send({ type, payload: { reason: 'r', budgetLine: '1' } });
    };
    await make([]);
    await make(['SUBMIT']);
    await make(['SUBMIT', 'REJECT']);
    const doc = (await t.http.get('/docs-json')).body as OpenApi;
    const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({ method: method as Operation['method'], path, parameters: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema })),
    );
    const harvested = new Set<string>();
    const words = new Set<string>(['sample', 'EDIT', 'SUBMIT', 'REJECT', 'clerk', 'admin', 'auditor', 'office']);
    for (const op of operations.filter((o) => o.method === 'get' && !o.path.includes('{'))) {
      const res = await t.http.get(op.path).set('Authorization', as('admin'));
      for (const id of res.text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []) harvested.add(id);
    }
    const workflows = (await t.http.get('/workflows').set('Authorization', as('admin'))).body as { type: string; events: string[] }[];
    for (const w of workflows) [w.type, ...w.events].forEach((x) => words.add(x));
    const { rows: keyIds } = await counter.query<{ id: string }>('SELECT id FROM api_keys');
    for (const { id } of keyIds) harvested.delete(id); // the fuzzer must not revoke its own keys
    const pools = { ids: [...harvested], words: [...words] };
    expect(pools.ids.length).toBeGreaterThanOrEqual(3);

    const budget = Number(process.env.FUZZ_CASES ?? 8000);
    const numRuns = Math.max(50, Math.min(200, Math.floor(budget / operations.length)));
    const failures: string[] = [];
    const seen: Record<string, number> = {};
    let cases = 0;
    for (const op of operations) {
      const label = `${op.method.toUpperCase()} ${op.path}`;
      const result = await fc.check(
        fc.asyncProperty(caseFor(doc, op, pools), async (c) => {
          cases++;
          const before = WRITES.has(op.method) ? await counts() : undefined;
          let req = t.http[op.method](c.url).set('Authorization', as(c.role));
          for (const [name, value] of Object.entries(c.headers)) req = req.set(name, value);
          const res = await (c.body === undefined ? req : req.send(c.body));
          seen[res.status] = (seen[res.status] ?? 0) + 1;
          const body = res.body as { code?: unknown; status?: unknown };
          const where = `${c.role} ${label} → ${res.status} ${String(body.code)}: ${c.url.slice(0, 200)} ${JSON.stringify(c.headers).slice(0, 200)} ${(c.body ?? '').slice(0, 200)}`;
          if (res.status >= 500) throw new Error(`5xx: ${where} ${res.text.slice(0, 300)}`);
          if (res.status >= 400) {
            if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) throw new Error(`not problem+json: ${where}`);
            if (typeof body.code !== 'string' || body.status !== res.status) throw new Error(`problem without code/status: ${where}`);
            if (before !== undefined && (await counts()) !== before) throw new Error(`refused write changed row counts: ${where}`);
          }
        }),
        { numRuns, endOnFailure: true, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
      );
      if (result.failed) failures.push(`${label} (seed ${result.seed}, path ${result.counterexamplePath}): ${(result.errorInstance as Error | undefined)?.message ?? 'failed'}`);
    }
    console.log(`fuzz: ${operations.length} operations, ${numRuns} runs each, ${cases} cases; statuses ${JSON.stringify(seen)}`);
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(operations.length * 50);
  });
});
