import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';

const run = promisify(execFile);

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['-r', '@swc-node/register', 'scripts/audit.ts', ...args], { env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('audit over HTTP and on the command line', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  let id: string;
  const dir = mkdtempSync(join(tmpdir(), 'bw-audit-'));

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2020-08-19T08:00:00Z');
    const created = await t.http.post('/workflows/sample/instances').set('Authorization', t.auth('clerk')).send({ input: { title: 'Beamer', amountCents: 90000 } });
    id = (created.body as { id: string }).id;
    for (const type of ['SUBMIT', 'LEGAL_APPROVE', 'TREASURY_APPROVE']) {
      t.clock.advance(3_600_000);
      await t.http.post(`/instances/${id}/events`).set('Authorization', t.auth('clerk')).send({ type });
    }
  });
  afterAll(() => t.close());

  it('lets auditors replay, ask for a past state, verify, and read CSV; clerks may not', async () => {
    const auditor = t.auth('auditor');
    const history = await t.http.get(`/audit/instances/${id}/history`).set('Authorization', auditor);
    expect(history.status).toBe(200);
    expect((history.body as { steps: { type: string; at: string }[] }).steps.map((s) => s.type)).toEqual(['SUBMIT', 'LEGAL_APPROVE', 'TREASURY_APPROVE']);
    expect((history.body as { steps: { at: string }[] }).steps[0]!.at).toBe('2020-08-19T11:00:00.000+02:00');

    const asOf = await t.http.get(`/audit/instances/${id}/state`).query({ at: '2020-08-19T11:30:00+02:00' }).set('Authorization', auditor);
    expect(asOf.body).toMatchObject({ seq: 1, state: { review: { legal: 'pending', treasury: 'pending' } } });
    const later = await t.http.get(`/audit/instances/${id}/state`).query({ at: '2020-08-19T12:30:00+02:00' }).set('Authorization', auditor);
    expect(later.body).toMatchObject({ seq: 2, state: { review: { legal: 'approved', treasury: 'pending' } } });
    const missing = await t.http.get(`/audit/instances/${id}/state`).set('Authorization', auditor);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('AUDIT.AS_OF_REQUIRED');
    // before the instance existed: both times in Europe/Berlin (created 08:00 UTC = 10:00 summer time)
    const before = await t.http.get(`/audit/instances/${id}/state`).query({ at: '2020-08-19T07:00:00Z' }).set('Authorization', auditor);
    expect([before.status, before.body.code]).toEqual([422, 'AUDIT.BEFORE_CREATION']);
    expect(before.body.detail).toBe('The sample did not exist yet at 2020-08-19T09:00:00.000+02:00; it was created 2020-08-19T10:00:00.000+02:00 (Europe/Berlin).');

    expect((await t.http.get(`/audit/instances/${id}/verify`).set('Authorization', auditor)).body).toEqual({ ok: true, instances: 1, events: 3, firstBreak: null });
    expect((await t.http.get('/audit/verify').set('Authorization', auditor)).body).toMatchObject({ ok: true });

    const csv = await t.http.get(`/audit/instances/${id}/history.csv`).set('Authorization', auditor);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('seq,time,event,actor,role,state_before,state_after,facts,hash');
    expect(csv.text).toContain('1,2020-08-19T11:00:00.000+02:00,SUBMIT,demo-clerk,clerk,draft,');

    expect((await t.http.get(`/audit/instances/${id}/history`).set('Authorization', t.auth('clerk'))).status).toBe(403);
  });

  it('issues checkpoints on demand and exports a bundle that the offline verifier accepts; a changed byte is rejected', async () => {
    const auditor = t.auth('auditor');
    const checkpoint = await t.http.post('/audit/checkpoints').set('Authorization', auditor);
    expect(checkpoint.status).toBe(201);
    // The log tree has one leaf per event (3), no longer one per instance.
    expect(checkpoint.body).toMatchObject({ leafCount: 3, conflicts: [], note: expect.stringMatching(/^beschlussweg\.local\/audit\/kreis-coesfeld\n3\n/) });
    const bundle = await t.http.get(`/audit/instances/${id}/bundle`).set('Authorization', auditor);
    expect(bundle.status).toBe(200);

    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(bundle.body, null, 2));
    const ok = await cli(['verify-bundle', good], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(ok.out).toContain('VALID');
    expect(ok.code).toBe(0);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(bundle.body, null, 2).replace('"LEGAL_APPROVE"', '"LEGAL_APPROVF"'));
    const rejected = await cli(['verify-bundle', bad]);
    expect(rejected.code).toBe(1);
    expect(rejected.out).toContain('INVALID');
  });

  it('verifies all instances from the command line and exits non-zero on a break', async () => {
    const env = { DATABASE_URL: t.db.url };
    const intact = await cli(['verify', '--all'], env);
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/OK: 1 instances, 3 events verified/);

    const c = new Client({ connectionString: t.db.url });
    await c.connect();
    await c.query("SET session_replication_role = 'replica'");
    await c.query(`UPDATE workflow_events SET actor_id = 'intruder' WHERE instance_id = $1 AND seq = 2`, [id]);
    await c.end();
    const broken = await cli(['verify', '--instance', id], env);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`BROKEN ${id} at #2: hash mismatch`);
  });
});
