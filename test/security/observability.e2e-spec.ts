import { createTestDatabase, type TestDatabase } from '../support/db';
import { freePort } from '../../src/database/embedded';
import { insertApiKey, withClient } from './support/db';
import { call, startServer, type ServerProcess } from './support/server';

/**
 * The real server in production mode: JSON logs from the first line, one request line with the
 * correlation id and the problem code, no stack for expected refusals, no tokens in the log; and
 * Prometheus metrics on their own port behind a token.
 */
jest.setTimeout(5 * 60_000);

const METRICS_TOKEN = 'metrics-test-token-5f2a';

/** The value of one sample line, e.g. `bw_outbox_lag_seconds` or `bw_db_pool_connections{state="total"}`. */
const sample = (text: string, name: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

const parseLine = (line: string): Record<string, unknown> => {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new Error(`not a JSON log line: ${line}`);
  }
};

describe('logs and metrics', () => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;
  let token: string;
  let metricsUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    token = await insertApiKey(db.url, 'kreis-coesfeld', 'clerk');
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    server = await startServer(db.url, { NODE_ENV: 'production', OIDC_ISSUER: '', LOG_FORMAT: '', OUTBOX_POLL: 'off', TIMERS: 'off', METRICS_PORT: String(metricsPort), METRICS_TOKEN });
  });
  afterAll(async () => {
    await server?.stop();
    await db.drop();
  });

  const scrape = async (auth = `Bearer ${METRICS_TOKEN}`) => {
    const res = await fetch(metricsUrl, { headers: { authorization: auth } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  it('logs JSON from the first line, a request line with the correlation id and problem code, no stack for refusals, no token', async () => {
    const refused = await fetch(`${server!.url}/workflows/sample/instances`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': 'trace-4711' },
      body: JSON.stringify({ input: { title: 'x', amountCents: 1 }, surplus: true }),
    });
    expect([refused.status, refused.headers.get('x-request-id')]).toEqual([400, 'trace-4711']);
    const generated = await fetch(`${server!.url}/instances`, { headers: { authorization: `Bearer ${token}` } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    let lines: Record<string, unknown>[] = [];
    for (let i = 0; i < 50 && !lines.some((l) => (l.req as { id?: string } | undefined)?.id === 'trace-4711'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      lines = server!.output().split('\n').filter(Boolean).map(parseLine); // every line is JSON, the first included
    }
    expect(lines[0]).toMatchObject({ level: expect.any(String) as unknown, msg: expect.any(String) as unknown });
    const line = lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'trace-4711')!;
    expect(line).toMatchObject({ level: 'info', code: 'VALIDATION.FAILED', req: { method: 'POST', url: '/workflows/sample/instances' }, res: { statusCode: 400 } });
    expect(JSON.stringify(line)).not.toMatch(/stack|\bat .*\.(js|ts):\d+/);
    expect(server!.output()).not.toContain(token.slice(10));
  });

  it('counts applied and refused transitions per workflow and code, and times them', async () => {
    const created = await call(server!.url, 'POST', '/workflows/sample/instances', token, { input: { title: 'Beamer', amountCents: 100 } });
    const id = created.body.id as string;
    const before = await scrape();
    const count = (text: string, name: string) => sample(text, name) ?? 0;
    for (let i = 0; i < 3; i++) expect((await call(server!.url, 'POST', `/instances/${id}/events`, token, { type: 'EDIT', payload: { amountCents: i } })).status).toBe(201);
    expect((await call(server!.url, 'POST', `/instances/${id}/events`, token, { type: 'SUBMIT' })).status).toBe(201);
    expect((await call(server!.url, 'POST', `/instances/${id}/events`, token, { type: 'SUBMIT' })).status).toBe(409); // not allowed now
    const after = await scrape();
    expect(count(after.text, 'bw_transitions_applied_total{workflow="sample"}') - count(before.text, 'bw_transitions_applied_total{workflow="sample"}')).toBe(4);
    const refused = 'bw_transitions_refused_total{workflow="sample",code="WORKFLOW.EVENT_NOT_ALLOWED"}';
    expect(count(after.text, refused) - count(before.text, refused)).toBe(1);
    expect(count(after.text, 'bw_transition_apply_seconds_count{workflow="sample"}') - count(before.text, 'bw_transition_apply_seconds_count{workflow="sample"}')).toBe(4);
    expect(count(after.text, 'bw_transition_apply_seconds_sum{workflow="sample"}')).toBeGreaterThan(0);
  });

  it('serves Prometheus metrics on their own port, only with the token: pool usage, outbox lag, timer lag', async () => {
    expect((await scrape('')).status).toBe(401);
    expect((await scrape('Bearer wrong')).status).toBe(401);
    expect((await call(server!.url, 'GET', '/metrics')).status).toBe(404); // not on the API port

    const created = await call(server!.url, 'POST', '/workflows/sample/instances', token, { input: { title: 'Laptops', amountCents: 100 } });
    const id = created.body.id as string;
    await withClient(db.url, async (c) => {
      await c.query(`INSERT INTO outbox (instance_id, tenant, seq, action_type, params, available_at) VALUES ($1, 'kreis-coesfeld', 0, 'notifyRequester', '{}', now() - interval '90 seconds')`, [id]);
      await c.query(`INSERT INTO workflow_timers (tenant, instance_id, name, fire_at, event) VALUES ('kreis-coesfeld', $1, 'metrics-test', now() - interval '120 seconds', '{"type":"EDIT"}')`, [id]);
    });
    const m = await scrape();
    expect(m.status).toBe(200);
    expect(m.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(m.text, 'bw_outbox_pending')).toBe(1);
    expect(sample(m.text, 'bw_outbox_lag_seconds')).toBeGreaterThanOrEqual(90);
    expect(sample(m.text, 'bw_timers_overdue')).toBe(1);
    expect(sample(m.text, 'bw_timer_lag_seconds')).toBeGreaterThanOrEqual(120);
    expect(sample(m.text, 'bw_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(sample(m.text, 'bw_db_pool_max')).toBe(10);
    expect(m.text).toMatch(/^# TYPE bw_transition_apply_seconds histogram$/m);
    expect(m.text).toMatch(/^# TYPE bw_transitions_refused_total counter$/m);
    expect(m.text).toMatch(/^process_cpu_seconds_total /m);
  });
});
