import { Client } from 'pg';
import { sampleCommands } from '../../src/sample/sample.commands';
import { startTestApp, type TestApp } from '../support/app';
import { describeCommandContract } from '../support/command-contract';

/** The command pipeline through the smallest table (the sample): the same contract every table gets. */
describe('command pipeline (sample table)', () => {
  let t: TestApp;
  let events: (id: string) => Promise<number>;

  beforeAll(async () => {
    t = await startTestApp();
    events = async (id) => {
      const client = new Client({ connectionString: t.db.url });
      await client.connect();
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM workflow_events WHERE instance_id = $1', [id]);
      await client.end();
      return Number(rows[0]!.n);
    };
  });
  afterAll(() => t.close());

  const create = async () => {
    const res = await t.http.post('/samples').set('Authorization', t.auth('clerk')).send({ title: 'Laptops', amountCents: 120000 });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"0"');
    return res.body as { id: string };
  };

  it('answers a command with the resource, the event written and the next steps, and an ETag', async () => {
    const { id } = await create();
    const res = await t.http.post(`/samples/${id}/submit`).set('Authorization', t.auth('clerk'));
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body.sample).toMatchObject({ id, version: 1, state: { review: { legal: 'pending', treasury: 'pending' } } });
    expect(res.body.event).toMatchObject({ seq: 1, type: 'SUBMIT' });
    expect((res.body.nextSteps as { command: string }[]).map((s) => s.command).sort()).toEqual(['LEGAL_APPROVE', 'REJECT', 'TREASURY_APPROVE']);
    expect((res.body.nextSteps as { command: string }[]).find((s) => s.command === 'REJECT')).toMatchObject({ method: 'POST', path: `/samples/${id}/rejection` });
  });

  it('answers a repeated Idempotency-Key with the first answer and writes nothing; another body with the key is 422', async () => {
    const { id } = await create();
    const send = (body: object) => t.http.patch(`/samples/${id}`).set('Authorization', t.auth('clerk')).set('Idempotency-Key', 'edit-1').send(body);
    const first = await send({ amountCents: 250 });
    const again = await send({ amountCents: 250 });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await events(id)).toBe(1);
    const other = await send({ amountCents: 300 });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('WORKFLOW.IDEMPOTENCY_KEY_REUSED');
    expect(await events(id)).toBe(1);
  });

  it('refuses a stale If-Match with 412 and writes nothing; the current ETag goes through', async () => {
    const { id } = await create();
    const stale = await t.http.post(`/samples/${id}/submit`).set('Authorization', t.auth('clerk')).set('If-Match', '"3"');
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(stale.body).toMatchObject({ code: 'WORKFLOW.STALE_VERSION', currentVersion: 0 });
    expect(await events(id)).toBe(0);
    const fresh = await t.http.post(`/samples/${id}/submit`).set('Authorization', t.auth('clerk')).set('If-Match', '"0"');
    expect(fresh.status).toBe(200);
    const malformed = await t.http.post(`/samples/${id}/legal-approval`).set('Authorization', t.auth('clerk')).set('If-Match', 'yesterday').send({});
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('REQUEST.INVALID_IF_MATCH');
  });

  it('refuses a step the state does not allow with 409, writes nothing, and lists the next steps', async () => {
    const { id } = await create();
    const res = await t.http.post(`/samples/${id}/legal-approval`).set('Authorization', t.auth('clerk')).send({});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('WORKFLOW.EVENT_NOT_ALLOWED');
    expect((res.body.nextSteps as { command: string }[]).map((s) => s.command).sort()).toEqual(['EDIT', 'SUBMIT', 'WITHDRAW']);
    expect(await events(id)).toBe(0);
  });

  it('refuses by rule with 422 and the rule code, writing nothing', async () => {
    const { id } = await t.http.post('/samples').set('Authorization', t.auth('clerk')).send({ title: 'Beamer', amountCents: 900000 }).then((r) => r.body as { id: string });
    await t.http.post(`/samples/${id}/submit`).set('Authorization', t.auth('clerk')).expect(200);
    const res = await t.http.post(`/samples/${id}/treasury-approval`).set('Authorization', t.auth('clerk')).send({});
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'SAMPLE.BUDGET_LINE_REQUIRED', violations: [{ code: 'SAMPLE.BUDGET_LINE_REQUIRED' }] });
    expect(await events(id)).toBe(1);
  });

  it('is 404 for an unknown instance, and 400 for a malformed id', async () => {
    expect((await t.http.post('/samples/not-a-uuid/submit').set('Authorization', t.auth('clerk'))).status).toBe(400);
    const missing = await t.http.post('/samples/00000000-0000-4000-8000-000000000000/submit').set('Authorization', t.auth('clerk'));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', resource: 'Sample request' });
  });
});

describe('sample table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const fresh = async (app: TestApp) => (await app.http.post('/samples').set('Authorization', app.auth('clerk')).send({ title: 'Laptops', amountCents: 120000 }).expect(201)).body as { id: string };
  const submitted = async (app: TestApp) => {
    const { id } = await fresh(app);
    await app.http.post(`/samples/${id}/submit`).set('Authorization', app.auth('clerk')).expect(200);
    return { id };
  };

  describeCommandContract(
    sampleCommands,
    {
      EDIT: { succeeds: async (app) => ({ ...(await fresh(app)), body: { amountCents: 10 } }), otherBody: { amountCents: 20 }, refused: async (app) => ({ ...(await submitted(app)), body: { amountCents: 10 } }) },
      SUBMIT: { succeeds: fresh, refused: submitted },
      LEGAL_APPROVE: { succeeds: async (app) => ({ ...(await submitted(app)), body: { note: 'geprüft' } }), otherBody: { note: 'anders geprüft' }, refused: async (app) => ({ ...(await fresh(app)), body: { note: 'geprüft' } }) },
      TREASURY_APPROVE: { succeeds: async (app) => ({ ...(await submitted(app)), body: { budgetLine: '00.01' } }), otherBody: { budgetLine: '00.02' }, refused: async (app) => ({ ...(await fresh(app)), body: { budgetLine: '00.01' } }) },
      REJECT: { succeeds: async (app) => ({ ...(await submitted(app)), body: { reason: 'zu teuer' } }), otherBody: { reason: 'nicht nötig' }, refused: async (app) => ({ ...(await fresh(app)), body: { reason: 'zu teuer' } }) },
      WITHDRAW: { succeeds: fresh, refused: submitted },
    },
    () => t,
    { body: () => ({ title: 'Laptops', amountCents: 120000 }), otherBody: (body) => ({ ...body, amountCents: 130000 }), role: 'clerk' },
  );
});
