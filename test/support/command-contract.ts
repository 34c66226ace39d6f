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

/**
 * The contract every command of every table keeps, checked row by row: a repeated Idempotency-Key
 * answers the first answer and writes nothing; the key with another request is 422; a stale If-Match
 * is 412; a refusal writes nothing and lists the next steps. `examples` must name every row: a table
 * row without an example fails the test, so a new command cannot skip the contract.
 */
export function describeCommandContract(table: CommandTable<unknown, unknown>, examples: Partial<Record<string, CommandExample>>, app: () => TestApp): void {
  describe(`command contract of the ${table.workflow} table`, () => {
    it('has an example for every command', () => {
      expect(table.commands.map((r) => r.event).filter((e) => !examples[e])).toEqual([]);
    });

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
