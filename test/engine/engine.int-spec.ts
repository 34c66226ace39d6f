import { Client } from 'pg';
import { SettableClock } from '../../src/common/clock';
import { DomainError } from '../../src/common/problem';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase } from '../support/db';
import { sampleWorkflow } from '../../workflows/sample';
import { EngineService, type EventRow } from '../../src/engine/engine.service';
import { eventHash, genesisHash } from '../../src/engine/hash';
import { OutboxDispatcher } from '../../src/engine/outbox.dispatcher';
import { WorkflowRegistry } from '../../src/engine/registry';
import type { RequestContext } from '../../src/engine/types';

const ctx: RequestContext = { tenant: 'kreis-coesfeld', actor: { id: 'tester', role: 'clerk' } };

async function rows(url: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => { throw new Error('expected a refusal'); },
    (error: unknown) => error as DomainError,
  );

describe('engine against PostgreSQL', () => {
  let t: TestApp;
  let engine: EngineService;

  beforeAll(async () => {
    t = await startTestApp();
    engine = t.app.get(EngineService);
  });
  afterAll(() => t.close());

  it('gives 50 concurrent events on one instance the sequence numbers 1..50 with no gap and no lost update', async () => {
    const instance = await engine.create(ctx, 'sample', { title: 'Laptops', amountCents: 1 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => engine.apply(ctx, instance.id, { type: 'EDIT', payload: { amountCents: i + 1 } })));
    const events = await rows(t.db.url, 'SELECT seq FROM workflow_events WHERE instance_id = $1 ORDER BY seq', [instance.id]);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const after = await engine.get(ctx, instance.id);
    expect(after.version).toBe(50);
    const last = await rows(t.db.url, `SELECT payload FROM workflow_events WHERE instance_id = $1 AND seq = 50`, [instance.id]);
    expect((after.context as { amountCents: number }).amountCents).toBe((last[0]!.payload as { amountCents: number }).amountCents);
  });

  it('answers a repeated idempotency key with the first response and writes one event', async () => {
    const instance = await engine.create(ctx, 'sample', { title: 'Laptops', amountCents: 1 });
    const first = await engine.apply(ctx, instance.id, { type: 'SUBMIT', idempotencyKey: 'submit-1' });
    const again = await engine.apply(ctx, instance.id, { type: 'SUBMIT', idempotencyKey: 'submit-1' });
    const concurrent = await Promise.all([1, 2, 3].map(() => engine.apply(ctx, instance.id, { type: 'LEGAL_APPROVE', idempotencyKey: 'legal-1' })));
    expect(again.replayed).toBe(true);
    expect({ ...again, replayed: false }).toEqual(first);
    expect(concurrent.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await rows(t.db.url, 'SELECT seq FROM workflow_events WHERE instance_id = $1', [instance.id])).toHaveLength(2);
    const reused = await refusal(engine.apply(ctx, instance.id, { type: 'TREASURY_APPROVE', idempotencyKey: 'submit-1' }));
    expect(reused.code).toBe('WORKFLOW.IDEMPOTENCY_KEY_REUSED');
  });

  it('recognises a repeated key whatever order the payload keys come back from jsonb in', async () => {
    const instance = await engine.create(ctx, 'sample', { title: 'Laptops', amountCents: 1 });
    const payload = { amountCents: 250, title: 'Laptops und Beamer' }; // jsonb stores "title" first
    const first = await engine.apply(ctx, instance.id, { type: 'EDIT', payload, idempotencyKey: 'edit-1' });
    const again = await engine.apply(ctx, instance.id, { type: 'EDIT', payload: { title: 'Laptops und Beamer', amountCents: 250 }, idempotencyKey: 'edit-1' });
    expect(again.replayed).toBe(true);
    expect(again.instance.version).toBe(first.instance.version);
  });

  it('refuses an event the state does not handle with 409, the allowed events, and no row written', async () => {
    const instance = await engine.create(ctx, 'sample', { title: 'Laptops', amountCents: 1 });
    const before = await rows(t.db.url, 'SELECT (SELECT count(*) FROM workflow_events) AS e, (SELECT count(*) FROM outbox) AS o');
    const error = await refusal(engine.apply(ctx, instance.id, { type: 'LEGAL_APPROVE' }));
    expect(error.status).toBe(409);
    expect(error.code).toBe('WORKFLOW.EVENT_NOT_ALLOWED');
    expect(error.extras.allowedEvents).toEqual(['EDIT', 'SUBMIT', 'WITHDRAW']);
    const guarded = await refusal(engine.apply(ctx, instance.id, { type: 'EDIT', payload: { title: '' } }).then(() => engine.apply(ctx, instance.id, { type: 'SUBMIT' })));
    expect(guarded.status).toBe(422);
    expect(guarded.code).toBe('SAMPLE.TITLE_MISSING');
    const after = await rows(t.db.url, 'SELECT (SELECT count(*) FROM workflow_events) AS e, (SELECT count(*) FROM outbox) AS o');
    expect(Number(after[0]!.e)).toBe(Number(before[0]!.e) + 1); // only the EDIT
    expect(after[0]!.o).toBe(before[0]!.o);
    expect((await engine.get(ctx, instance.id)).version).toBe(1);
  });

  it('refuses a stale expected version with 409 and keeps the instance unchanged', async () => {
    const instance = await engine.create(ctx, 'sample', { title: 'Laptops', amountCents: 1 });
    await engine.apply(ctx, instance.id, { type: 'EDIT', payload: { amountCents: 2 } });
    const stale = await refusal(engine.apply(ctx, instance.id, { type: 'SUBMIT', expectedVersion: 0 }));
    expect(stale.status).toBe(412);
    expect(stale.code).toBe('WORKFLOW.STALE_VERSION');
    expect((await engine.apply(ctx, instance.id, { type: 'SUBMIT', expectedVersion: 1 })).instance.version).toBe(2);
  });

  it('links every event to the one before through the hash chain, starting from the genesis hash', async () => {
    const instance = await engine.create(ctx, 'sample', { title: 'Server', amountCents: 900_000 });
    for (const e of [{ type: 'SUBMIT' }, { type: 'LEGAL_APPROVE', payload: { note: 'ok' } }, { type: 'TREASURY_APPROVE', payload: { budgetLine: '00.02' } }]) {
      t.clock.advance(60_000);
      await engine.apply(ctx, instance.id, e);
    }
    const [inst] = await rows(t.db.url, 'SELECT * FROM workflow_instances WHERE id = $1', [instance.id]);
    const events = (await rows(t.db.url, 'SELECT * FROM workflow_events WHERE instance_id = $1 ORDER BY seq', [instance.id])) as unknown as EventRow[];
    let prev = genesisHash({ instanceId: instance.id, tenant: ctx.tenant, workflowType: 'sample', machineVersion: 1, input: inst!.input, createdBy: 'tester' });
    for (const e of events) {
      expect(e.prev_hash).toBe(prev);
      const recomputed = eventHash(
        { instanceId: e.instance_id, seq: e.seq, type: e.event_type, payload: e.payload, actor: { id: e.actor_id, role: e.actor_role }, at: e.occurred_at.toISOString(), idempotencyKey: e.idempotency_key, stateBefore: e.state_before, stateAfter: e.state_after },
        e.prev_hash,
      );
      expect(e.hash).toBe(recomputed);
      prev = e.hash;
    }
    expect(inst!.head_hash).toBe(prev);
    expect(events.at(-1)!.state_after).toBe('approved');
    expect(inst!.status).toBe('done');
  });

  it('records the time of the injected clock on each event', async () => {
    t.clock.set('2020-08-19T13:00:00Z');
    const instance = await engine.create(ctx, 'sample', { title: 'Laptops', amountCents: 1 });
    const applied = await engine.apply(ctx, instance.id, { type: 'SUBMIT' });
    expect(applied.event.at.toISOString()).toBe('2020-08-19T13:00:00.000Z');
  });

  it('keeps an instance on the machine version it started with when a newer version is registered', async () => {
    const old = await engine.create(ctx, 'sample', { title: 'Laptops', amountCents: 1 });
    t.app.get(WorkflowRegistry).add({ ...sampleWorkflow, version: 2, title: 'Sample v2' });
    const fresh = await engine.create(ctx, 'sample', { title: 'Laptops', amountCents: 1 });
    expect(fresh.machineVersion).toBe(2);
    await engine.apply(ctx, old.id, { type: 'SUBMIT' });
    expect((await engine.get(ctx, old.id)).machineVersion).toBe(1);
  });

  it('treats a stored snapshot that does not restore as an error, never as a silent state', async () => {
    const instance = await engine.create(ctx, 'sample', { title: 'Laptops', amountCents: 1 });
    await rows(t.db.url, `UPDATE workflow_instances SET snapshot = jsonb_set(snapshot, '{value}', '"vanished"') WHERE id = $1`, [instance.id]);
    const error = await refusal(engine.get(ctx, instance.id));
    expect(error.code).toBe('WORKFLOW.SNAPSHOT_UNRESTORABLE');
    const applying = await refusal(engine.apply(ctx, instance.id, { type: 'SUBMIT' }));
    expect(applying.code).toBe('WORKFLOW.SNAPSHOT_UNRESTORABLE');
  });

  it('refuses UPDATE and DELETE on event rows in the database itself', async () => {
    const instance = await engine.create(ctx, 'sample', { title: 'Laptops', amountCents: 1 });
    await engine.apply(ctx, instance.id, { type: 'SUBMIT' });
    await expect(rows(t.db.url, `UPDATE workflow_events SET payload = '{"x":1}' WHERE instance_id = $1`, [instance.id])).rejects.toThrow(/append-only/);
    await expect(rows(t.db.url, `DELETE FROM workflow_events WHERE instance_id = $1`, [instance.id])).rejects.toThrow(/append-only/);
  });

  it('delivers side effects through the outbox only after commit, once', async () => {
    const instance = await engine.create(ctx, 'sample', { title: 'Laptops', amountCents: 1 });
    await engine.apply(ctx, instance.id, { type: 'SUBMIT' });
    await engine.apply(ctx, instance.id, { type: 'REJECT', payload: { reason: 'zu teuer' } });
    const dispatcher = t.app.get(OutboxDispatcher);
    await dispatcher.drain();
    await dispatcher.drain();
    const done = await rows(t.db.url, `SELECT seq, action_type, params, status, attempts FROM outbox WHERE instance_id = $1`, [instance.id]);
    expect(done).toEqual([{ seq: 2, action_type: 'notifyRequester', params: { outcome: 'rejected' }, status: 'done', attempts: 1 }]);
  });
});

describe('engine across a restart', () => {
  it('continues from the stored state after the app is stopped and started again', async () => {
    const db = await createTestDatabase();
    const clock = new SettableClock(new Date('2020-08-01T08:00:00Z'));
    const first = await startTestApp({ db, clock });
    const instance = await first.app.get(EngineService).create(ctx, 'sample', { title: 'Server', amountCents: 900_000 });
    await first.app.get(EngineService).apply(ctx, instance.id, { type: 'SUBMIT' });
    await first.app.get(EngineService).apply(ctx, instance.id, { type: 'LEGAL_APPROVE' });
    await first.close({ keepDatabase: true });

    const second = await startTestApp({ db, clock });
    try {
      const engine = second.app.get(EngineService);
      expect((await engine.get(ctx, instance.id)).state).toEqual({ review: { legal: 'approved', treasury: 'pending' } });
      const done = await engine.apply(ctx, instance.id, { type: 'TREASURY_APPROVE', payload: { budgetLine: '00.02' } });
      expect(done.instance.state).toBe('approved');
      expect(done.instance.version).toBe(3);
    } finally {
      await second.close();
    }
  });
});
