import { createTestDatabase, type TestDatabase } from '../support/db';
import { insertApiKey, verifyChains, withClient } from './support/db';
import { call, sleep, startServer, type ServerProcess } from './support/server';

/**
 * kill -9 of the server in the middle of concurrent load, then a restart on the same database.
 * The kill is triggered by a count of answered requests, not by a timer.
 */
jest.setTimeout(5 * 60_000);

const CLIENTS = 16;
const MAX_PER_CLIENT = 60;
const KILL_AFTER = 200;
const INSTANCES = 6;

interface Sent {
  instance: string;
  key: string;
  amountCents: number;
  status: number;
  seq?: number;
}

describe('crash and restart', () => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    token = await insertApiKey(db.url, 'kreis-coesfeld', 'clerk');
  });
  afterAll(async () => {
    await server?.stop();
    await db.drop();
  });

  it('keeps every answered transition, writes no half rows, verifies, and delivers pending outbox actions and timers after restart', async () => {
    server = await startServer(db.url);
    const url = server.url;
    const ids: string[] = [];
    for (let i = 0; i < INSTANCES + 1; i++) {
      const created = await call(url, 'POST', '/workflows/sample/instances', token, { input: { title: `Antrag ${i}`, amountCents: 100 } });
      ids.push(created.body.id as string);
    }
    const timerInstance = ids.pop()!; // left alone by the load: its timer's EDIT lands on a quiet instance
    // some outbox traffic before the crash: rejections notify the requester
    const rejected: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await call(url, 'POST', '/workflows/sample/instances', token, { input: { title: `Abgelehnt ${i}`, amountCents: 100 } });
      const id = created.body.id as string;
      expect((await call(url, 'POST', `/instances/${id}/events`, token, { type: 'SUBMIT' })).status).toBe(201);
      expect((await call(url, 'POST', `/instances/${id}/events`, token, { type: 'REJECT', payload: { reason: 'kein Budget' } })).status).toBe(201);
      rejected.push(id);
    }

    // the load; the kill comes once KILL_AFTER requests were answered 2xx
    const sent: Sent[] = [];
    let answered = 0;
    let killed: Promise<void> | undefined;
    let pendingAtKill: { outbox: number } | undefined;
    const crash = async () => {
      // actions that are certainly pending when the process dies: due in 10 s, the kill follows at once
      await withClient(db.url, async (c) => {
        const fireAt = new Date(Date.now() + 12_000).toISOString();
        await c.query(
          `INSERT INTO outbox (instance_id, tenant, seq, action_type, params, available_at) VALUES
             ($1, 'kreis-coesfeld', 2, 'notifyRequester', '{"outcome":"rejected"}', now() + interval '10 seconds'),
             ($2, 'kreis-coesfeld', 0, 'scheduleTimer', $3, now() + interval '10 seconds')`,
          [rejected[0], timerInstance, JSON.stringify({ name: 'crash-test', fireAt, event: { type: 'EDIT', title: 'vom Timer gesetzt' } })],
        );
      });
      await server!.crash();
      pendingAtKill = await withClient(db.url, async (c) => ({ outbox: Number((await c.query(`SELECT count(*) AS n FROM outbox WHERE status = 'pending'`)).rows[0].n) }));
    };
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let r = 0; r < MAX_PER_CLIENT; r++) {
          const s: Sent = { instance: ids[(client * 7 + r) % INSTANCES]!, key: `crash-c${client}-r${r}`, amountCents: client * 1000 + r, status: 0 };
          sent.push(s);
          const res = await call(url, 'POST', `/instances/${s.instance}/events`, token, { type: 'EDIT', payload: { amountCents: s.amountCents }, idempotencyKey: s.key });
          s.status = res.status;
          s.seq = (res.body.event as { seq?: number } | undefined)?.seq;
          if (res.status >= 200 && res.status < 300 && ++answered === KILL_AFTER) killed = crash();
          if (res.status === 0) break; // the server is gone
        }
      }),
    );
    await killed;
    const ok = sent.filter((s) => s.status >= 200 && s.status < 300);
    const unknown = sent.filter((s) => s.status === 0);
    expect(ok.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(sent.filter((s) => s.status !== 0 && (s.status < 200 || s.status >= 300))).toEqual([]);
    expect(pendingAtKill!.outbox).toBeGreaterThanOrEqual(2);

    // restart on the same database
    server = await startServer(db.url);

    // every transition answered 2xx is in the log, at the seq it was given
    await withClient(db.url, async (c) => {
      for (const s of ok) {
        const { rows } = await c.query<{ seq: number }>('SELECT seq FROM workflow_events WHERE instance_id = $1 AND idempotency_key = $2', [s.instance, s.key]);
        expect([s.key, rows.map((r) => r.seq)]).toEqual([s.key, [s.seq]]);
      }
    });
    // a request cut off by the crash is safe to send again with its idempotency key: applied at most once
    for (const s of unknown) {
      const again = await call(server.url, 'POST', `/instances/${s.instance}/events`, token, { type: 'EDIT', payload: { amountCents: s.amountCents }, idempotencyKey: s.key });
      expect([s.key, again.status]).toEqual([s.key, 201]);
    }
    await withClient(db.url, async (c) => {
      const { rows } = await c.query<{ key: string; n: string }>(`SELECT idempotency_key AS key, count(*) AS n FROM workflow_events WHERE idempotency_key LIKE 'crash-%' GROUP BY 1 HAVING count(*) > 1`);
      expect(rows).toEqual([]);
      // no half-written transition: each instance's version is its number of events, and every outbox row belongs to a stored event
      const { rows: torn } = await c.query(
        `SELECT i.id FROM workflow_instances i LEFT JOIN workflow_events e ON e.instance_id = i.id GROUP BY i.id, i.version HAVING i.version <> count(e.id) OR i.version <> coalesce(max(e.seq), 0)`,
      );
      expect(torn).toEqual([]);
      const { rows: orphans } = await c.query(`SELECT o.id FROM outbox o JOIN workflow_instances i ON i.id = o.instance_id WHERE o.seq > i.version`);
      expect(orphans).toEqual([]);
    });
    const chains = await verifyChains(db.url);
    expect(chains.problems).toEqual([]);

    // the pending outbox rows (the dispatcher polls every 2 s) and the timer they schedule are delivered by the new process
    let state = { pending: -1, fired: '' };
    for (let i = 0; i < 120 && !(state.pending === 0 && state.fired === 'fired'); i++) {
      await sleep(500);
      state = await withClient(db.url, async (c) => ({
        pending: Number((await c.query(`SELECT count(*) AS n FROM outbox WHERE status <> 'done'`)).rows[0].n),
        fired: ((await c.query(`SELECT status FROM workflow_timers WHERE instance_id = $1 AND name = 'crash-test'`, [timerInstance])).rows[0] as { status?: string } | undefined)?.status ?? 'none',
      }));
    }
    expect(state).toEqual({ pending: 0, fired: 'fired' });
    const timerEvents = await withClient(db.url, async (c) => (await c.query<{ event_type: string; payload: unknown }>(`SELECT event_type, payload FROM workflow_events WHERE instance_id = $1`, [timerInstance])).rows);
    expect(timerEvents).toEqual([{ event_type: 'EDIT', payload: { title: 'vom Timer gesetzt' } }]); // once
    expect((await verifyChains(db.url)).problems).toEqual([]);
    console.log(`crash: ${CLIENTS} clients, ${sent.length} requests, ${ok.length} answered 2xx before kill -9, ${unknown.length} cut off and resent; ${pendingAtKill!.outbox} outbox rows pending at the kill, all delivered after restart`);
  });
});
