import fc from 'fast-check';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { AuthService } from '../../src/auth/auth.service';
import { DEV_TENANT } from '../../src/auth/dev-users';
import { startTestApp, type TestApp } from '../support/app';

/**
 * Property-based fuzzing of every operation in the OpenAPI document with random and hostile
 * bodies, path and query parameters and headers, as admin and as clerk. Properties: never a 5xx;
 * every error is problem+json with a code; a refused write leaves the row count of every table as
 * it was; a JSON body with a non-finite number (`1e400`) or a prototype key at its top level is
 * never accepted. Runs are bounded: FUZZ_CASES (default 20000) spread evenly over the operations,
 * at least 50 each; FUZZ_CASES=200000 for a long run, FUZZ_SEED to replay a failure.
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

/** Integers just past what PostgreSQL's integer and bigint hold, and numbers past a double. */
const OVERSIZED_NUMBERS = ['2147483648', '-2147483649', '4294967296', '9223372036854775808', '99999999999999999999999', '1e400', '-1e400', '1E+999', '1e309', '0.1e-400', 'Infinity', 'NaN'];
/** JSON number literals that parse to ±Infinity. */
const NON_FINITE_LITERALS = ['1e400', '-1e400', '1E+999', '123e456', '-0.5e999'];

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
  /** A JSON body with a non-finite number or a top-level prototype key: any answer below 400 is a failure. */
  mustRefuse: boolean;
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
  const queryValue = (p?: Parameter) =>
    fc.oneof(
      schemaValue(doc, pools.words, p?.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '').slice(0, 500)),
      hostileString(300),
      fc.constantFrom(...OVERSIZED_NUMBERS),
    );
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
  const valid = schemaValue(doc, pools.words, op.body);
  // a body that must be refused: a number that parses to Infinity somewhere, or a prototype key on top
  const mustRefuse = fc.oneof(
    fc.tuple(valid, fc.constantFrom(...NON_FINITE_LITERALS), fc.nat()).map(([v, literal, pick]) => withNonFiniteNumber(v, literal, pick)),
    fc.tuple(valid, fc.constantFrom('__proto__', 'constructor', 'prototype'), hostileValue).map(([v, key, value]) => withTopLevelKey(v, key, value)),
  );
  const body = fc.oneof(
    { weight: op.body ? 6 : 1, arbitrary: valid.map((v) => ({ text: json(v), refuse: false })) },
    { weight: 2, arbitrary: mustRefuse.map((text) => ({ text, refuse: true })) },
    { weight: 2, arbitrary: hostileValue.map((v) => ({ text: json(v), refuse: false })) },
    { weight: 1, arbitrary: deep.map((v) => ({ text: json(v), refuse: false })) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom('{', '{"type":', '{"type":"EDIT",}', 'null', '[]', '""', '1', 'true', "{'a':1}", '\u0000', '{"a":1}{"b":2}'), fc.string({ maxLength: 100 })).map((text) => ({ text, refuse: false })) },
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
  return fc.record({ role: fc.constantFrom('admin' as const, 'clerk' as const), path, query, body, contentType, headers }).map((c) => {
    const headers = { ...c.headers, ...(c.body === undefined ? {} : { 'Content-Type': c.contentType }) };
    // the body parser reads JSON only under a JSON content type, and Content-Encoding would stop it first
    const parsed = c.contentType === 'application/json' && !Object.keys(c.headers).some((h) => h === 'Content-Encoding');
    return { role: c.role, url: c.path + c.query, headers, body: c.body?.text, mustRefuse: Boolean(c.body?.refuse && parsed) };
  });
}

/** The JSON text of `value` with one number (or, without numbers, one added field) spelled as a literal that parses to ±Infinity. */
function withNonFiniteNumber(value: unknown, literal: string, pick: number): string {
  const placeholder = 'fuzz-non-finite-7f3a';
  const leaves: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const copy = structuredClone(value);
  const walk = (v: unknown, depth: number) => {
    if (v === null || typeof v !== 'object' || depth > 64) return;
    for (const [k, item] of Object.entries(v)) {
      if (typeof item === 'number') leaves.push({ parent: v as Record<string, unknown>, key: Array.isArray(v) ? Number(k) : k });
      else walk(item, depth + 1);
    }
  };
  walk(copy, 0);
  const target = leaves[pick % Math.max(1, leaves.length)];
  if (target) (target.parent as Record<string | number, unknown>)[target.key] = placeholder;
  else if (copy !== null && typeof copy === 'object' && !Array.isArray(copy)) (copy as Record<string, unknown>)['amountCents'] = placeholder;
  else return literal;
  return (JSON.stringify(copy) ?? 'null').split(JSON.stringify(placeholder)).join(literal);
}

/** The JSON text of `value` with `key` as an own property at the top level (JSON.parse keeps `__proto__` as data). */
function withTopLevelKey(value: unknown, key: string, extra: unknown): string {
  const rest = value !== null && typeof value === 'object' && !Array.isArray(value) ? (JSON.stringify(value) ?? '{}').slice(1, -1) : '';
  return `{${JSON.stringify(key)}:${JSON.stringify(extra) ?? 'null'}${rest ? `,${rest}` : ''}}`;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: { code?: unknown; status?: unknown };
}

/** One request over a kept-alive connection; the path goes out exactly as written (no URL normalisation). */
function send(base: { host: string; port: number; agent: Agent }, method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: base.host, port: base.port, agent: base.agent, method: method.toUpperCase(), path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: Reply['body'] = {};
        try {
          parsed = text ? (JSON.parse(text) as Reply['body']) : {};
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---- the test ---------------------------------------------------------------------------------
describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let counter: Client;
  let tables: string[];
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '100000000';
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    counter = new Client({ connectionString: t.db.url });
    await counter.connect();
    const { rows } = await counter.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
    tables = rows.map((r) => r.name);
  });
  afterAll(async () => {
    agent.destroy();
    await counter.end();
    await t.close();
  });

  const countRows = async (): Promise<string> => {
    const { rows } = await counter.query<{ n: string }>(tables.map((name) => `SELECT count(*) AS n FROM "${name}"`).join(' UNION ALL '));
    return tables.map((name, i) => `${name}=${rows[i]!.n}`).join(' ');
  };
  // Counting every table twice per write was two thirds of the run time. A transaction that writes
  // anything takes a transaction id, and reading the next unassigned one takes none: while it has not
  // moved, nothing was written anywhere on the server and the last counts still hold.
  let horizon = '';
  let known = '';
  const counts = async (): Promise<string> => {
    const { rows } = await counter.query<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x');
    if (rows[0]!.x !== horizon) {
      known = await countRows();
      horizon = rows[0]!.x;
    }
    return known;
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

    const budget = Number(process.env.FUZZ_CASES ?? 20_000);
    const numRuns = Math.max(50, Math.ceil(budget / operations.length));
    const base = { host: '127.0.0.1', port: (t.app.getHttpServer().address() as AddressInfo).port, agent };
    const started = Date.now();
    const failures: string[] = [];
    const seen: Record<string, number> = {};
    let cases = 0;
    for (const op of operations) {
      const label = `${op.method.toUpperCase()} ${op.path}`;
      const result = await fc.check(
        fc.asyncProperty(caseFor(doc, op, pools), async (c) => {
          cases++;
          const before = WRITES.has(op.method) ? await counts() : undefined;
          const headers = { Authorization: as(c.role), ...c.headers, ...(c.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(c.body)) }) };
          const res = await send(base, op.method, c.url, headers, c.body);
          seen[res.status] = (seen[res.status] ?? 0) + 1;
          const body = res.body;
          const where = `${c.role} ${label} → ${res.status} ${String(body.code)}: ${c.url.slice(0, 200)} ${JSON.stringify(c.headers).slice(0, 200)} ${(c.body ?? '').slice(0, 200)}`;
          if (res.status >= 500) throw new Error(`5xx: ${where} ${res.text.slice(0, 300)}`);
          if (c.mustRefuse && res.status < 400) throw new Error(`accepted a non-finite number or a prototype key: ${where}`);
          // under /oparl every error is OParl's (spec 2.9), those of the HTTP layer before any route runs included
          if (res.status >= 400 && op.path.startsWith('/oparl/')) {
            // OParl answers errors in its own format (spec 2.9), for every portal, with CORS for everyone
            if (!/^application\/json/.test(String(res.headers['content-type'])) || (body as { type?: unknown }).type !== 'https://schema.oparl.org/1.1/Error' || res.headers['access-control-allow-origin'] !== '*') {
              throw new Error(`not an OParl error: ${where}`);
            }
          } else if (res.status >= 400) {
            if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) throw new Error(`not problem+json: ${where}`);
            if (typeof body.code !== 'string' || body.status !== res.status) throw new Error(`problem without code/status: ${where}`);
            if (before !== undefined && (await counts()) !== before) throw new Error(`refused write changed row counts: ${where}`);
          }
        }),
        { numRuns, endOnFailure: true, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
      );
      if (result.failed) failures.push(`${label} (seed ${result.seed}, path ${result.counterexamplePath}): ${(result.errorInstance as Error | undefined)?.message ?? 'failed'}`);
    }
    console.log(`fuzz: ${operations.length} operations, ${numRuns} runs each, ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(seen)}`);
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(Math.max(budget, operations.length * 50));
  });
});
