import { Client } from 'pg';
import { commandPath, type CommandRow, type CommandTable } from '../../src/engine/commands';
import type { UserRole } from '../../src/auth/policy';
import type { TestApp } from './app';

/** Where one row's command can be sent: an instance, route parameters and a valid body. */
export interface CommandSetup {
  id: string;
  params?: Record<string, string>;
  body?: object;
}

/** How to exercise one row: a setup where it succeeds and one where the state or a rule refuses it. */
export interface CommandExample {
  /** Brings a fresh instance to where the command succeeds. */
  succeeds(t: TestApp): Promise<CommandSetup>;
  /** An instance where the command is refused (409 or 422). */
  refused(t: TestApp): Promise<CommandSetup>;
  /** Another valid body for the same route (for the "same key, other request" case); bodyless rows use another command. */
  otherBody?: object | ((setup: CommandSetup) => object);
  /** The role that sends it (default: the row's first role). */
  role?: UserRole;
}

/** How to exercise a table's create row: a valid body (after any set-up it needs) and another valid one. */
export interface CreateExample {
  /** A valid body; called once per test, so it must not collide with an earlier one (e.g. a unique reference). */
  body(t: TestApp): object | Promise<object>;
  /** Another valid body, for "the same key with another request". */
  otherBody(body: object): object;
  /** The role that sends it (default: the row's first role). */
  role?: UserRole;
}

/**
 * The contract every command of every table keeps, checked row by row: a repeated Idempotency-Key
 * answers the first answer and writes nothing; the key with another request is 422; a stale If-Match
 * is 412; a refusal writes nothing and lists the next steps. `examples` must name every row: a table
 * row without an example fails the test, so a new command cannot skip the contract.
 */
export function describeCommandContract(table: CommandTable<unknown, unknown>, examples: Partial<Record<string, CommandExample>>, app: () => TestApp, create?: CreateExample): void {
  describe(`command contract of the ${table.workflow} table`, () => {
    it('has an example for every command, and for the create row', () => {
      expect(table.commands.map((r) => r.event).filter((e) => !examples[e])).toEqual([]);
      expect({ createRow: !!table.create, example: !!create }).toEqual({ createRow: !!table.create, example: !!table.create });
    });

    if (table.create && create) {
      const row = table.create;
      describe(`POST /${table.resource} (create)`, () => {
        it('answers a repeated Idempotency-Key with the instance it created and writes nothing; the key with another request is 422', async () => {
          const t = app();
          const body = await create.body(t);
          const role = create.role ?? row.roles[0]!;
          const post = (payload: object, key: string) => t.http.post(`/${table.resource}`).set('Authorization', t.auth(role)).set('Idempotency-Key', key).send(payload);
          const key = `contract-create-${table.workflow}-${Date.now()}`;
          const first = await post(body, key);
          expect([first.status, (first.body as { code?: string }).code]).toEqual([201, undefined]);
          const id = (first.body as { id: string }).id;
          const written = await rowCounts(t);
          const again = await post(body, key);
          expect(again.status).toBe(201);
          expect(again.headers['idempotent-replayed']).toBe('true');
          expect(again.headers.etag).toBe(first.headers.etag);
          expect(again.body).toEqual(first.body);
          expect((again.body as { id: string }).id).toBe(id);
          expect(await rowCounts(t)).toEqual(written);

          const reused = await post(create.otherBody(body), key);
          expect([reused.status, (reused.body as { code?: string }).code]).toEqual([422, 'WORKFLOW.IDEMPOTENCY_KEY_REUSED']);
          expect(reused.headers['content-type']).toMatch(/application\/problem\+json/);
          expect(await rowCounts(t)).toEqual(written);

          // the key is the sender's: another key creates (or refuses) on its own
          const fresh = await post(create.otherBody(body), `${key}-2`);
          expect(fresh.headers['idempotent-replayed']).toBeUndefined();
        });

        it('answers concurrent requests with one key with one instance', async () => {
          const t = app();
          const body = await create.body(t);
          const role = create.role ?? row.roles[0]!;
          const key = `contract-create-race-${table.workflow}-${Date.now()}`;
          const before = await rowCounts(t);
          const answers = await Promise.all([0, 1, 2].map(() => t.http.post(`/${table.resource}`).set('Authorization', t.auth(role)).set('Idempotency-Key', key).send(body)));
          expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
          expect(new Set(answers.map((a) => (a.body as { id: string }).id)).size).toBe(1);
          expect((await rowCounts(t)).instances).toBe(before.instances + 1);
        });
      });
    }

    for (const row of table.commands) {
      const example = examples[row.event];
      if (!example) continue;
      describe(`${row.method} ${commandPath(table, row)} (${row.event})`, () => {
        it('answers a repeated Idempotency-Key with the first answer and writes nothing; the key with another request is 422', async () => {
          const t = app();
          const setup = await example.succeeds(t);
          const key = `contract-${row.event}-${setup.id}`;
          const first = await send(t, table, row, example, setup, { key });
          expect([first.status, first.body.code]).toEqual([row.status ?? 200, undefined]);
          expect(first.body.event.type).toBe(row.event);
          const written = await eventCount(t, setup.id);
          const again = await send(t, table, row, example, setup, { key });
          expect(again.status).toBe(row.status ?? 200);
          expect(again.headers['idempotent-replayed']).toBe('true');
          expect(again.body.event).toEqual(first.body.event);
          expect(await eventCount(t, setup.id)).toBe(written);

          const other = otherRequest(table, row, example, setup);
          const reused = await send(t, table, other.row, example, other.setup, { key });
          expect([reused.status, reused.body.code]).toEqual([422, 'WORKFLOW.IDEMPOTENCY_KEY_REUSED']);
          expect(await eventCount(t, setup.id)).toBe(written);
        });

        it('refuses a stale If-Match with 412 and writes nothing', async () => {
          const t = app();
          const setup = await example.succeeds(t);
          const before = await eventCount(t, setup.id);
          const stale = await send(t, table, row, example, setup, { ifMatch: `"${before + 7}"` });
          expect([stale.status, stale.body.code]).toEqual([412, 'WORKFLOW.STALE_VERSION']);
          expect(await eventCount(t, setup.id)).toBe(before);
        });

        it('refuses where the state or a rule does not allow it, writes nothing, and lists the next steps', async () => {
          const t = app();
          const setup = await example.refused(t);
          const before = await eventCount(t, setup.id);
          const res = await send(t, table, row, example, setup, {});
          expect([409, 422]).toContain(res.status);
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
          expect(Array.isArray(res.body.nextSteps)).toBe(true);
          expect(await eventCount(t, setup.id)).toBe(before);
        });
      });
    }
  });
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: { code?: string; event: { type: string }; nextSteps?: unknown[] };
}

async function send(t: TestApp, table: CommandTable<unknown, unknown>, row: CommandRow<unknown>, example: CommandExample, setup: CommandSetup, headers: { key?: string; ifMatch?: string }): Promise<Answer> {
  let path = commandPath(table, row, setup.id);
  for (const [name, value] of Object.entries(setup.params ?? {})) path = path.replace(`{${name}}`, encodeURIComponent(value));
  const method = row.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
  let req = t.http[method](path).set('Authorization', t.auth(example.role ?? row.roles[0]!));
  if (headers.key) req = req.set('Idempotency-Key', headers.key);
  if (headers.ifMatch) req = req.set('If-Match', headers.ifMatch);
  const res = await (setup.body ? req.send(setup.body) : req);
  return { status: res.status, headers: res.headers, body: res.body as Answer['body'] };
}

/** The same route with another body, or (bodyless rows) another command of the table on the same instance. */
function otherRequest(table: CommandTable<unknown, unknown>, row: CommandRow<unknown>, example: CommandExample, setup: CommandSetup): { row: CommandRow<unknown>; setup: CommandSetup } {
  if (row.body) {
    if (!example.otherBody) throw new Error(`${row.event}: give otherBody, another valid body for the same route`);
    return { row, setup: { ...setup, body: typeof example.otherBody === 'function' ? example.otherBody(setup) : example.otherBody } };
  }
  const other = table.commands.find((r) => r !== row && !r.body && !r.path.includes(':'));
  if (!other) throw new Error(`${table.workflow}: no other bodyless command to reuse the key with`);
  return { row: other, setup: { id: setup.id } };
}

/** Instances and events of every workflow: a replayed creation adds neither. */
async function rowCounts(t: TestApp): Promise<{ instances: number; events: number; outbox: number }> {
  const client = new Client({ connectionString: t.db.url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, string>>(
      'SELECT (SELECT count(*) FROM workflow_instances) AS instances, (SELECT count(*) FROM workflow_events) AS events, (SELECT count(*) FROM outbox) AS outbox',
    );
    return { instances: Number(rows[0]!.instances), events: Number(rows[0]!.events), outbox: Number(rows[0]!.outbox) };
  } finally {
    await client.end();
  }
}

async function eventCount(t: TestApp, id: string): Promise<number> {
  const client = new Client({ connectionString: t.db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM workflow_events WHERE instance_id = $1', [id]);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}
