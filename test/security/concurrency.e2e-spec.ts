import { createTestDatabase, type TestDatabase } from '../support/db';
import { insertApiKey, verifyChains, withClient } from './support/db';
import { call, startServer, type ServerProcess } from './support/server';

/**
 * Two real server processes on one PostgreSQL; 16 clients race EDIT events (always accepted in
 * draft) onto the same four instances, alternating between the processes.
 */
jest.setTimeout(5 * 60_000);

const CLIENTS = 16;
const PER_CLIENT = 25;
const INSTANCES = 4;

describe('two app processes against one PostgreSQL', () => {
  let db: TestDatabase;
  let servers: ServerProcess[] = [];
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    token = await insertApiKey(db.url, 'kreis-coesfeld', 'clerk');
    servers = await Promise.all([startServer(db.url), startServer(db.url)]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop();
  });

  it('loses no update and gives every instance the sequence 1..n, version n and a verifying chain', async () => {
    const ids: string[] = [];
    for (let i = 0; i < INSTANCES; i++) {
      const created = await call(servers[i % 2]!.url, 'POST', '/workflows/sample/instances', token, { input: { title: `Antrag ${i}`, amountCents: 100 } });
      expect(created.status).toBe(201);
      ids.push(created.body.id as string);
    }

    const answers: { instance: string; key: string; status: number; seq: number | undefined; server: number }[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let r = 0; r < PER_CLIENT; r++) {
          const instance = ids[(client + r) % INSTANCES]!;
          const server = (client + r) % 2;
          const key = `c${client}-r${r}`;
          const res = await call(servers[server]!.url, 'POST', `/instances/${instance}/events`, token, { type: 'EDIT', payload: { amountCents: client * 1000 + r }, idempotencyKey: key });
          answers.push({ instance, key, status: res.status, seq: (res.body.event as { seq?: number } | undefined)?.seq, server });
        }
      }),
    );

    expect(answers).toHaveLength(CLIENTS * PER_CLIENT);
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
    expect(new Set(answers.map((a) => a.server))).toEqual(new Set([0, 1]));

    await withClient(db.url, async (c) => {
      for (const id of ids) {
        const mine = answers.filter((a) => a.instance === id);
        const { rows } = await c.query<{ seq: number; idempotency_key: string; payload: { amountCents: number } }>('SELECT seq, idempotency_key, payload FROM workflow_events WHERE instance_id = $1 ORDER BY seq', [id]);
        // every accepted answer is one row, at the seq it was told, and nothing else was written
        expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: mine.length }, (_, i) => i + 1));
        expect(Object.fromEntries(rows.map((r) => [r.idempotency_key, r.seq]))).toEqual(Object.fromEntries(mine.map((a) => [a.key, a.seq])));
        // no lost update: the snapshot holds what the last event in the log set
        const instance = await call(servers[0]!.url, 'GET', `/instances/${id}`, token);
        expect(instance.body.version).toBe(mine.length);
        expect((instance.body.context as { amountCents: number }).amountCents).toBe(rows.at(-1)!.payload.amountCents);
      }
    });
    const chains = await verifyChains(db.url);
    expect(chains.problems).toEqual([]);
    expect([chains.instances, chains.events]).toEqual([INSTANCES, CLIENTS * PER_CLIENT]);
    console.log(`concurrency: 2 processes, ${CLIENTS} clients, ${answers.length} events on ${INSTANCES} instances, all 201, chains verify`);
  });
});
