import { rm } from 'node:fs/promises';
import { migrate } from '../../src/database/data-source';
import { ensureDatabase, freePort } from '../../src/database/embedded';
import { insertApiKey } from './support/db';
import { startPostgresProcess, type PostgresProcess } from './support/postgres-process';
import { call, sleep, startServer, type Answer, type ServerProcess } from './support/server';

/**
 * The database goes away under a running server and comes back. Uses its own embedded PostgreSQL
 * (fixed port, data under .data/) so the test can stop and start it.
 */
jest.setTimeout(5 * 60_000);

describe('lost database connection', () => {
  const dir = `.data/test-pg-outage-${process.pid}`;
  let port: number;
  let pg: PostgresProcess | undefined;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    port = await freePort();
    pg = await startPostgresProcess(dir, port);
  });
  afterAll(async () => {
    await server?.stop();
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const isUnavailable = (a: Answer) => a.status === 503 && a.contentType.startsWith('application/problem+json') && a.body.code === 'DATABASE.UNAVAILABLE';

  it('answers 503 problem+json DATABASE.UNAVAILABLE while PostgreSQL is down and recovers by itself when it returns', async () => {
    const url = await ensureDatabase(pg!.url, 'bw_outage_test');
    await migrate(url);
    const token = await insertApiKey(url, 'kreis-coesfeld', 'clerk');
    const unusedToken = await insertApiKey(url, 'kreis-coesfeld', 'auditor'); // not in the key cache: checking it needs the database
    server = await startServer(url);
    const created = await call(server.url, 'POST', '/workflows/sample/instances', token, { input: { title: 'Laptops', amountCents: 100 } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call(server.url, 'POST', `/instances/${id}/events`, token, { type: 'EDIT', payload: { amountCents: 1 } })).status).toBe(201);

    await pg!.stop();
    pg = undefined;
    const during = [
      await call(server.url, 'GET', '/health'),
      await call(server.url, 'GET', `/instances/${id}`, token),
      await call(server.url, 'POST', `/instances/${id}/events`, token, { type: 'EDIT', payload: { amountCents: 2 } }),
      await call(server.url, 'POST', '/workflows/sample/instances', token, { input: { title: 'x', amountCents: 1 } }),
      await call(server.url, 'GET', '/instances', token),
      await call(server.url, 'GET', '/instances', unusedToken), // an outage is never mistaken for a bad key (401)
    ];
    expect(during.map((a) => [a.status, a.body.code])).toEqual(during.map(() => [503, 'DATABASE.UNAVAILABLE']));
    expect(during.every(isUnavailable)).toBe(true);

    pg = await startPostgresProcess(dir, port);
    let health: Answer = { status: 0, body: {}, contentType: '' };
    for (let i = 0; i < 120 && health.status !== 200; i++) {
      await sleep(500);
      health = await call(server.url, 'GET', '/health');
      expect([200, 503]).toContain(health.status); // the process never went down
    }
    expect(health.status).toBe(200);
    const after = await call(server.url, 'POST', `/instances/${id}/events`, token, { type: 'EDIT', payload: { amountCents: 3 } });
    expect([after.status, (after.body.event as { seq: number }).seq]).toEqual([201, 2]); // the refused event during the outage wrote nothing
    expect(server.output()).not.toMatch(/Unhandled|uncaught/i);
  });
});
