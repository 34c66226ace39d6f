import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { migrate, poolOptions } from '../../src/database/data-source';
import { ensureDatabase, freePort } from '../../src/database/embedded';
import { insertApiKey, withClient } from './support/db';
import { freezePostgres } from './support/freeze';
import { startPostgresProcess, type PostgresProcess } from './support/postgres-process';
import { call, sleep, startServer, type ServerProcess } from './support/server';

/**
 * A frozen database (every PostgreSQL process stopped with SIGSTOP: sockets open, no answer) under
 * a running server. With the timeouts set, requests answer 503 problem+json while it is frozen
 * instead of hanging, and the server recovers by itself when it thaws.
 */
jest.setTimeout(5 * 60_000);

const TIMEOUTS = { DB_STATEMENT_TIMEOUT_MS: '1000', DB_QUERY_TIMEOUT_MS: '1500', DB_CONNECT_TIMEOUT_MS: '1500', DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2000' };
const FROZEN_FOR_MS = 8_000; // longer than every timeout above, several times over

describe('frozen database', () => {
  const dir = resolve(`.data/test-pg-freeze-${process.pid}`);
  let pg: PostgresProcess | undefined;
  let server: ServerProcess | undefined;
  let thaw: (() => void) | undefined;
  let url: string;
  let token: string;

  beforeAll(async () => {
    pg = await startPostgresProcess(dir, await freePort());
    url = await ensureDatabase(pg.url, 'bw_freeze_test');
    await migrate(url);
    token = await insertApiKey(url, 'kreis-coesfeld', 'clerk');
  });
  afterAll(async () => {
    thaw?.();
    await server?.stop();
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('sets the configured timeouts on every pooled session', async () => {
    const pool = new Pool({ connectionString: url, ...poolOptions(1, { statementMs: 1000, idleInTransactionMs: 2000, connectMs: 1500, queryMs: 1500 }) });
    try {
      const { rows } = await pool.query<{ s: string; i: string }>(`SELECT current_setting('statement_timeout') AS s, current_setting('idle_in_transaction_session_timeout') AS i`);
      expect(rows).toEqual([{ s: '1s', i: '2s' }]);
    } finally {
      await pool.end();
    }
  });

  it('answers 503 DATABASE.TIMEOUT when a statement waits longer than statement_timeout (a row lock held elsewhere), writing nothing', async () => {
    server = await startServer(url, TIMEOUTS);
    const created = await call(server.url, 'POST', '/workflows/sample/instances', token, { input: { title: 'Laptops', amountCents: 100 } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await withClient(url, async (c) => {
      await c.query('BEGIN');
      await c.query('SELECT id FROM workflow_instances WHERE id = $1 FOR UPDATE', [id]);
      const blocked = await call(server!.url, 'POST', `/instances/${id}/events`, token, { type: 'EDIT', payload: { amountCents: 1 } });
      expect([blocked.status, blocked.contentType.split(';')[0], blocked.body.code]).toEqual([503, 'application/problem+json', 'DATABASE.TIMEOUT']);
      await c.query('COMMIT');
    });
    const after = await call(server.url, 'POST', `/instances/${id}/events`, token, { type: 'EDIT', payload: { amountCents: 2 } });
    expect([after.status, (after.body.event as { seq?: number } | undefined)?.seq]).toEqual([201, 1]);
  });

  it('answers 503 problem+json while PostgreSQL is frozen by SIGSTOP, for longer than every timeout, and recovers when it thaws', async () => {
    const created = await call(server!.url, 'POST', '/workflows/sample/instances', token, { input: { title: 'Beamer', amountCents: 100 } });
    const id = created.body.id as string;
    expect((await call(server!.url, 'POST', `/instances/${id}/events`, token, { type: 'EDIT', payload: { amountCents: 1 } })).status).toBe(201);

    thaw = freezePostgres(dir);
    const frozenAt = Date.now();
    const answered: number[] = [];
    const timed = async (p: ReturnType<typeof call>) => {
      const a = await p;
      answered.push(Date.now());
      return a;
    };
    const during = await Promise.all([
      timed(call(server!.url, 'GET', '/health')),
      timed(call(server!.url, 'GET', `/instances/${id}`, token)),
      timed(call(server!.url, 'POST', `/instances/${id}/events`, token, { type: 'EDIT', payload: { amountCents: 2 } })),
      timed(call(server!.url, 'POST', '/workflows/sample/instances', token, { input: { title: 'x', amountCents: 1 } })),
      timed(call(server!.url, 'GET', '/instances', token)),
    ]);
    const stillFrozen = Date.now() - frozenAt < FROZEN_FOR_MS;
    await sleep(Math.max(0, FROZEN_FOR_MS - (Date.now() - frozenAt)));
    thaw();
    thaw = undefined;

    // every request was answered while the database was still frozen: none waited for it to come back
    expect(stillFrozen).toBe(true);
    expect(answered.every((t) => t - frozenAt < FROZEN_FOR_MS)).toBe(true);
    for (const a of during) {
      expect([a.status, a.contentType.split(';')[0]]).toEqual([503, 'application/problem+json']);
      expect(['DATABASE.TIMEOUT', 'DATABASE.UNAVAILABLE']).toContain(a.body.code);
    }

    let health = 0;
    for (let i = 0; i < 60 && health !== 200; i++) {
      health = (await call(server!.url, 'GET', '/health')).status;
      if (health !== 200) await sleep(500);
    }
    expect(health).toBe(200);
    const after = await call(server!.url, 'POST', `/instances/${id}/events`, token, { type: 'EDIT', payload: { amountCents: 3 } });
    expect([after.status, (after.body.event as { seq?: number } | undefined)?.seq]).toEqual([201, 2]); // the refused event wrote nothing
    // no session is left holding a transaction opened while the server was frozen
    await sleep(2_500);
    const open = await withClient(url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`)).rows[0] as { n: number });
    expect(open.n).toBe(0);
    expect(server!.output()).not.toMatch(/Unhandled|uncaught/i);
  });
});
