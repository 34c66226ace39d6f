import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { assertTestDatabaseName, databaseUrl } from '../support/names';
import { withClient } from './support/db';
import { call, startServer, type ServerProcess } from './support/server';

/**
 * The deployment docker-compose.yml describes, without Docker: migrations run as the role that
 * owns the schema (scripts/migrate.ts --grant-to), the app and the operator's key command run as a
 * role that owns nothing. That role can do the app's work but cannot switch off the append-only
 * triggers or change tables.
 */
jest.setTimeout(5 * 60_000);

const ROOT = resolve(__dirname, '../..');

/** An operator script as `npm run <script>` runs it; resolves with its exit code and output. */
function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => done({ code, output }));
  });
}

describe('an owner role migrates, a runtime role without ownership runs the app', () => {
  const suffix = randomBytes(3).toString('hex');
  const owner = `bw_owner_test_${suffix}`;
  const runtime = `bw_app_test_${suffix}`;
  const name = `bw_test_roles_${suffix}`;
  const server = process.env.BW_TEST_SERVER_URL!;
  const as = (role: string) => {
    const url = new URL(databaseUrl(server, name));
    url.username = role;
    url.password = `pw-${suffix}`;
    return url.toString();
  };
  let app: ServerProcess | undefined;

  beforeAll(async () => {
    assertTestDatabaseName(name);
    await withClient(server, async (c) => {
      await c.query(`CREATE ROLE ${owner} LOGIN PASSWORD 'pw-${suffix}'`);
      await c.query(`CREATE ROLE ${runtime} LOGIN PASSWORD 'pw-${suffix}'`);
      await c.query(`CREATE DATABASE ${name} OWNER ${owner}`);
    });
  });
  afterAll(async () => {
    await app?.stop();
    await withClient(server, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`DROP ROLE IF EXISTS ${runtime}`);
      await c.query(`DROP ROLE IF EXISTS ${owner}`);
    });
  });

  it('migrates as the owner, then the runtime role issues the first admin key and serves the API', async () => {
    const migrated = await runScript('scripts/migrate.ts', ['--grant-to', runtime], { DATABASE_URL: as(owner) });
    expect([migrated.code, migrated.output]).toEqual([0, expect.stringMatching(/migrations applied: .*\n.*granted/) as unknown]);

    // the first-admin step of docs/operations.md, as the runtime role
    const issued = await runScript('scripts/keys.ts', ['issue', '--tenant', 'kreis-coesfeld', '--tenant-name', 'Kreis Coesfeld', '--user', 'it-admin', '--role', 'admin'], { DATABASE_URL: as(runtime) });
    expect(issued.code).toBe(0);
    const admin = /token \(shown once\): (\S+)/.exec(issued.output)![1]!;

    app = await startServer(as(runtime), { NODE_ENV: 'production', OIDC_ISSUER: '' });
    expect((await call(app.url, 'GET', '/auth/me', admin)).status).toBe(200);
    const clerkKey = await call(app.url, 'POST', '/auth/keys', admin, { userId: 'sitzungsdienst', role: 'clerk', name: 'clerk' });
    expect(clerkKey.status).toBe(201);
    const clerk = clerkKey.body.token as string;
    const created = await call(app.url, 'POST', '/workflows/sample/instances', clerk, { input: { title: 'Laptops', amountCents: 100 } });
    expect(created.status).toBe(201);
    expect((await call(app.url, 'POST', `/instances/${created.body.id as string}/events`, clerk, { type: 'SUBMIT' })).status).toBe(201);
  });

  it('the runtime role cannot switch off the append-only triggers, change tables or rewrite history', async () => {
    const client = new Client({ connectionString: as(runtime) });
    await client.connect();
    try {
      const refused = async (sql: string) => client.query(sql).then(() => 'ran', (e: { code?: string; message: string }) => `${e.code}`);
      expect(await refused('ALTER TABLE workflow_events DISABLE TRIGGER ALL')).toBe('42501'); // must be owner
      expect(await refused('ALTER TABLE workflow_events ADD COLUMN x int')).toBe('42501');
      expect(await refused('DROP TABLE workflow_events')).toBe('42501');
      expect(await refused('TRUNCATE workflow_events')).toBe('42501');
      expect(await refused(`SET session_replication_role = replica`)).toBe('42501'); // would skip triggers
      expect(await refused('CREATE TABLE scratch (id int)')).toBe('42501');
      expect(await refused(`UPDATE workflow_events SET event_type = 'X'`)).not.toBe('ran'); // the append-only trigger
      expect(await refused('DELETE FROM workflow_events')).not.toBe('ran');
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM workflow_events');
      expect(rows[0]!.n).toBe(1);
    } finally {
      await client.end();
    }
  });
});
