import { Client } from 'pg';
import { MODULE_VI } from '../../workflows/selection/fixtures';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase } from '../support/db';
import { SettableClock } from '../../src/common/clock';
import { EngineService } from '../../src/engine/engine.service';
import { OutboxDispatcher } from '../../src/engine/outbox.dispatcher';
import type { RequestContext } from '../../src/engine/types';

const ctx: RequestContext = { tenant: 'kreis-coesfeld', actor: { id: 'office-1', role: 'office' } };

async function query<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, attempts = 120): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('durable timers', () => {
  jest.setTimeout(90_000);

  it('fire a deadline one second ahead exactly once, across a restart and with two app instances, and put its event in the log', async () => {
    const db = await createTestDatabase();
    const deadline = new Date(Date.now() + 1_000);
    const clock = new SettableClock(new Date(deadline.getTime() - 60_000));

    // Instance A schedules the deadline and stops before it passes (its worker is off).
    process.env.TIMERS = 'off';
    const a = await startTestApp({ db, clock });
    const engine = a.app.get(EngineService);
    const procedure = await engine.create(ctx, 'selection', { ...MODULE_VI, deadline: deadline.toISOString() });
    await engine.apply(ctx, procedure.id, { type: 'PUBLISH' });
    await a.app.get(OutboxDispatcher).drain();
    const [timer] = await query<{ name: string; status: string; fire_at: Date }>(db.url, 'SELECT name, status, fire_at FROM workflow_timers WHERE instance_id = $1', [procedure.id]);
    expect(timer).toMatchObject({ name: 'callDeadline', status: 'pending' });
    expect(timer!.fire_at.getTime()).toBe(deadline.getTime());
    await a.close({ keepDatabase: true });

    // Two fresh instances, both with workers, race for the job after the restart.
    clock.set(new Date(deadline.getTime() + 5_000));
    process.env.TIMERS = 'on';
    process.env.TIMER_POLL_MS = '200';
    const b = await startTestApp({ db, clock });
    const c = await startTestApp({ db, clock });
    let b2: TestApp | undefined;
    try {
      const fired = await until('the timer to fire', async () => {
        const rows = await query<{ status: string }>(db.url, 'SELECT status FROM workflow_timers WHERE instance_id = $1', [procedure.id]);
        return rows[0]?.status === 'pending' ? undefined : rows[0]!.status;
      });
      expect(fired).toBe('fired');
      // A restart after firing must not fire it again.
      await b.close({ keepDatabase: true });
      b2 = await startTestApp({ db, clock });
      await new Promise((r) => setTimeout(r, 1_500));

      const events = await query<{ seq: number; event_type: string; payload: unknown; actor_id: string; idempotency_key: string }>(
        db.url,
        `SELECT seq, event_type, payload, actor_id, idempotency_key FROM workflow_events WHERE instance_id = $1 AND event_type = 'DEADLINE_REACHED'`,
        [procedure.id],
      );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ seq: 2, payload: { deadline: 'callDeadline' }, actor_id: 'system:timer' });
      expect((await c.app.get(EngineService).get(ctx, procedure.id)).state).toBe('closed');
    } finally {
      await c.close({ keepDatabase: true });
      await b2?.close({ keepDatabase: true });
      process.env.TIMERS = 'off';
      await db.drop();
    }
  });

  it('waits for the app clock: a deadline due in real time but ahead of the clock is put off, not fired', async () => {
    process.env.TIMERS = 'on';
    process.env.TIMER_POLL_MS = '200';
    const clock = new SettableClock(new Date('2020-03-01T08:00:00Z'));
    const t = await startTestApp({ clock });
    try {
      const engine = t.app.get(EngineService);
      const procedure = await engine.create(ctx, 'selection', MODULE_VI); // deadline 31.03.2020: long past in real time
      await engine.apply(ctx, procedure.id, { type: 'PUBLISH' });
      await t.app.get(OutboxDispatcher).drain();
      const job = await until('the job to be put off', async () => {
        const rows = await query<{ run_at: Date }>(t.db.url, `SELECT run_at FROM graphile_worker.jobs WHERE key = (SELECT 'timer:' || id FROM workflow_timers WHERE instance_id = $1)`, [procedure.id]);
        return rows[0] && rows[0].run_at.getTime() > Date.now() + 86_400_000 ? rows[0] : undefined;
      });
      expect(job.run_at.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000); // a month of app time still to go
      const [timer] = await query<{ status: string }>(t.db.url, 'SELECT status FROM workflow_timers WHERE instance_id = $1', [procedure.id]);
      expect(timer!.status).toBe('pending');
      expect((await engine.get(ctx, procedure.id)).state).toBe('receiving');
    } finally {
      await t.close();
      process.env.TIMERS = 'off';
    }
  });

  it('cancels a pending timer when the machine says so, and lists timers per instance', async () => {
    process.env.TIMERS = 'off';
    const t = await startTestApp();
    try {
      const engine = t.app.get(EngineService);
      t.clock.set('2020-03-01T08:00:00Z');
      const procedure = await engine.create(ctx, 'selection', MODULE_VI);
      await engine.apply(ctx, procedure.id, { type: 'PUBLISH' });
      await engine.apply(ctx, procedure.id, { type: 'CANCEL', payload: { reason: 'Programm gestrichen' } });
      await t.app.get(OutboxDispatcher).drain();
      const res = await t.http.get(`/instances/${procedure.id}/timers`).set('Authorization', t.auth('auditor'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual([expect.objectContaining({ name: 'callDeadline', status: 'cancelled', fireAt: '2020-03-31T23:59:59.000+02:00' })]);
    } finally {
      await t.close();
    }
  });
});
