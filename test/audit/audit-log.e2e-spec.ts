import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { AuditLogService } from '../../src/audit/log.service';
import { checkNoteSignature, extrasLines, formatCheckpoint, formatNote, parseNote, parseVerifier, signNote, verifierFor, COSIGNATURE_V1 } from '../../src/audit/note';
import { certificatesFromPem, verifyTimestamp } from '../../src/audit/tsa';
import { startTestApp, type TestApp } from '../support/app';
import { startStubTsa, type StubTsa } from '../support/tsa-stub';

const run = promisify(execFile);

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['-r', '@swc-node/register', 'scripts/audit.ts', ...args], { env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

const TENANT = 'kreis-coesfeld';

describe('the log from outside: public checkpoint, RFC 3161, witness, monitor, trusted bundles', () => {
  jest.setTimeout(180_000);
  let t: TestApp;
  let tsa: StubTsa;
  let base: string;
  let vkey: string;
  const dir = mkdtempSync(join(tmpdir(), 'bw-log-'));
  const witnessKey = join(dir, 'rpa.pem');
  const witnessName = 'rpa.kreis-coesfeld.example/witness';
  const hooks: unknown[] = [];
  let hook: Server;
  let hookUrl: string;

  const auditor = () => t.auth('auditor');
  /** A new instance with one event: one more leaf. */
  async function event(): Promise<string> {
    const created = await t.http.post('/workflows/sample/instances').set('Authorization', t.auth('clerk')).send({ input: { title: 'Beamer', amountCents: 90000 } });
    const id = (created.body as { id: string }).id;
    t.clock.advance(60_000);
    expect((await t.http.post(`/instances/${id}/events`).set('Authorization', t.auth('clerk')).send({ type: 'SUBMIT' })).status).toBe(201);
    return id;
  }
  const checkpoint = async () => {
    const res = await t.http.post('/audit/checkpoints').set('Authorization', auditor());
    expect(res.status).toBe(201);
    return res.body as { id: string; leafCount: number; note: string; timestamped: boolean };
  };

  beforeAll(async () => {
    tsa = await startStubTsa();
    writeFileSync(join(dir, 'tsa.pem'), tsa.certificatePem);
    writeFileSync(witnessKey, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        hooks.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alarm`;
    const witnessVkey = (await cli(['witness-key', '--key', witnessKey, '--name', witnessName])).out.trim();
    expect(parseVerifier(witnessVkey)).toMatchObject({ name: witnessName, type: COSIGNATURE_V1 });
    Object.assign(process.env, { AUDIT_TSA_URL: tsa.url, AUDIT_TSA_CERT: join(dir, 'tsa.pem'), AUDIT_CHECKPOINT_DIR: join(dir, 'checkpoints'), AUDIT_WITNESS_KEYS: witnessVkey });
    t = await startTestApp();
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    t.clock.set('2020-08-19T08:00:00Z');
    await event();
    vkey = ((await t.http.get('/audit/public-key').set('Authorization', auditor())).body as { verifierKey: string }).verifierKey;
  }, 180_000);
  afterAll(async () => {
    for (const k of ['AUDIT_TSA_URL', 'AUDIT_TSA_CERT', 'AUDIT_CHECKPOINT_DIR', 'AUDIT_WITNESS_KEYS', 'AUDIT_REQUIRED_WITNESSES']) delete process.env[k];
    (t.app.getHttpServer()).closeAllConnections(); // keep-alive sockets of the CLI's fetch would hold the server open
    await t.close();
    await tsa.close();
    await new Promise((resolve) => {
      hook.close(resolve);
      hook.closeAllConnections();
    });
  });

  it('publishes each checkpoint as a signed note, anonymously, in a file, and with an RFC 3161 token from the TSA', async () => {
    const made = await checkpoint();
    expect(made).toMatchObject({ leafCount: 1, timestamped: true });
    expect(tsa.requests).toBe(1);
    const published = await t.http.get(`/audit/log/${TENANT}/checkpoint`);
    expect(published.status).toBe(200);
    expect(published.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(published.text).toBe(made.note);
    expect(published.text).toMatch(new RegExp(`^beschlussweg\\.local/audit/${TENANT}\\n1\\n[A-Za-z0-9+/]{43}=\\ntime 2020-08-19T08:01:00\\.000Z\\nconflicts 0\\n\\n\u2014 beschlussweg\\.local/audit/${TENANT} `));
    expect(checkNoteSignature(parseNote(published.text), parseVerifier(vkey))).toBe('valid');
    expect(readFileSync(join(dir, 'checkpoints', TENANT, `${made.id.padStart(12, '0')}.checkpoint`), 'utf8')).toBe(made.note);
    expect((await t.http.get('/audit/log/nowhere/checkpoint')).body).toMatchObject({ status: 404, code: 'AUDIT.NO_CHECKPOINT' });

    const bundle = (await t.http.get(`/audit/instances/${await firstInstance()}/bundle`).set('Authorization', auditor())).body as { checkpoint: { timestampToken: string; signedNote: string } };
    const stamp = await verifyTimestamp(Buffer.from(bundle.checkpoint.timestampToken, 'base64'), Buffer.from(bundle.checkpoint.signedNote), certificatesFromPem(tsa.certificatePem));
    expect(Math.abs(stamp.genTime.getTime() - Date.now())).toBeLessThan(60_000);
    await expect(verifyTimestamp(Buffer.from(bundle.checkpoint.timestampToken, 'base64'), Buffer.from(bundle.checkpoint.signedNote + 'x'))).rejects.toThrow('the timestamp token is for other data');

    // A TSA that stamps other data is refused: the checkpoint is made without a token, nothing is trusted blindly.
    tsa.mode = 'other-imprint';
    await event();
    expect(await checkpoint()).toMatchObject({ leafCount: 2, timestamped: false });
    tsa.mode = 'good';
  });

  async function firstInstance(): Promise<string> {
    return ((await t.http.get('/instances').set('Authorization', auditor())).body as { items: { id: string }[] }).items[0]!.id;
  }

  it('lets a witness cosign after checking consistency; the app stores it, verify reports it, and can require N witnesses', async () => {
    await checkpoint();
    const note1 = join(dir, 'note1.txt');
    writeFileSync(note1, (await t.http.get(`/audit/log/${TENANT}/checkpoint`)).text);
    const args = ['--key', witnessKey, '--name', witnessName, '--log-key', vkey, '--url', base, '--state', join(dir, 'witness.state')];
    const first = await cli(['cosign', note1, ...args, '--out', join(dir, 'cosigned1.txt')]);
    expect(first.err).toContain('(first checkpoint seen)');
    expect(first.code).toBe(0);
    const cosigned = readFileSync(join(dir, 'cosigned1.txt'), 'utf8');
    const stored = await t.http.post('/audit/log/cosignatures').set('Authorization', auditor()).send({ note: cosigned });
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ witnesses: [witnessName] });
    expect((await t.http.get(`/audit/log/${TENANT}/checkpoint`)).text).toBe(cosigned);
    expect((await t.http.post('/audit/log/cosignatures').set('Authorization', t.auth('clerk')).send({ note: cosigned })).status).toBe(403);
    const line = cosigned.split('\n').find((l) => l.startsWith(`\u2014 ${witnessName} `))!;
    const at = line.length - 20; // inside the Ed25519 signature, past key id and timestamp
    const tampered = cosigned.replace(line, line.slice(0, at) + (line[at] === 'A' ? 'B' : 'A') + line.slice(at + 1));
    expect((await t.http.post('/audit/log/cosignatures').set('Authorization', auditor()).send({ note: tampered })).body).toMatchObject({ code: 'AUDIT.COSIGNATURE_INVALID' });

    let verify = (await t.http.get('/audit/verify').set('Authorization', auditor())).body as { ok: boolean; log: { latest: { witnesses: string[] }; problems: string[] } };
    expect(verify).toMatchObject({ ok: true, log: { latest: { witnesses: [witnessName] }, problems: [] } });
    process.env.AUDIT_REQUIRED_WITNESSES = '2';
    verify = (await t.http.get('/audit/verify').set('Authorization', auditor())).body as typeof verify;
    expect(verify.ok).toBe(false);
    expect(verify.log.problems).toEqual([expect.stringMatching(/has 1 of the 2 required witness cosignature\(s\)$/)]);
    delete process.env.AUDIT_REQUIRED_WITNESSES;

    // The log grows; the witness checks the consistency proof from the size it saw before.
    await event();
    await checkpoint();
    const note2 = join(dir, 'note2.txt');
    writeFileSync(note2, (await t.http.get(`/audit/log/${TENANT}/checkpoint`)).text);
    const second = await cli(['cosign', note2, ...args, '--out', join(dir, 'cosigned2.txt')]);
    expect(second.err).toContain('consistent with the last one seen');
    expect(second.code).toBe(0);
    // Shown the older checkpoint again, it refuses: the log would have gone back.
    const back = await cli(['cosign', note1, ...args]);
    expect(back.code).toBe(1);
    expect(back.err).toMatch(/REFUSED: the log went back from size 3 to 2/);
  });

  it('monitors from cron: OK while the log only grows, an alarm (error line, webhook, exit 1) when it does not', async () => {
    const state = join(dir, 'monitor.state');
    const args = ['monitor', '--state', state, '--url', base, '--tenant', TENANT, '--log-key', vkey, '--webhook', hookUrl];
    const first = await cli(args);
    expect([first.code, first.out]).toEqual([0, expect.stringContaining('first checkpoint, stored')]);
    await event();
    await checkpoint();
    const second = await cli(args);
    expect([second.code, second.out]).toEqual([0, expect.stringContaining('consistent with the checkpoint seen last time')]);

    // A superuser deletes the newest checkpoint: the public endpoint now serves an older, smaller one.
    const c = new Client({ connectionString: t.db.url });
    await c.connect();
    await c.query("SET session_replication_role = 'replica'");
    await c.query('DELETE FROM audit_checkpoints WHERE id = (SELECT max(id) FROM audit_checkpoints WHERE tenant = $1)', [TENANT]);
    await c.end();
    const alarm = await cli(args);
    expect(alarm.code).toBe(1);
    expect(alarm.err).toMatch(/"level":"error","msg":"AUDIT LOG ALARM kreis-coesfeld: the log went back from size 4 to 3/);
    expect(hooks).toEqual([expect.objectContaining({ alarm: 'audit-log-inconsistent', tenant: TENANT, problem: expect.stringMatching(/went back from size 4 to 3/) })]);
    // The file written when it was made still has it: verify names the deletion too.
    const verify = (await t.http.get('/audit/verify').set('Authorization', auditor())).body as { ok: boolean; log: { problems: string[] } };
    expect(verify.ok).toBe(false);
    expect(verify.log.problems).toEqual([expect.stringMatching(/^checkpoint #\d+ \(size 4, file \d+\.checkpoint\) is missing from the database: deleted$/)]);
    expect(readdirSync(join(dir, 'checkpoints', TENANT)).filter((f) => f.endsWith('.checkpoint'))).toHaveLength(5);
  });

  it('checks a bundle against a checkpoint the auditor kept (--trusted), and fails on one it conflicts with', async () => {
    const kept = join(dir, 'kept.txt');
    writeFileSync(kept, (await t.http.get(`/audit/log/${TENANT}/checkpoint`)).text);
    const id = await event(); // not covered yet: the export signs a new checkpoint (size 5)
    const bundleFile = join(dir, 'bundle.json');
    writeFileSync(bundleFile, JSON.stringify((await t.http.get(`/audit/instances/${id}/bundle`).set('Authorization', auditor())).body));
    const offline = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const ok = await cli(['verify-bundle', bundleFile, '--trusted', kept, '--tsa-cert', join(dir, 'tsa.pem')], offline);
    expect(ok.out).toMatch(/trusted checkpoint of size 3: consistent \(the log only grew since\)/);
    expect(ok.out).toMatch(/RFC 3161 timestamp: the checkpoint existed at .* \(TSA certificate pinned\)/);
    expect(ok.out).toContain('VALID');
    expect(ok.code).toBe(0);

    // A checkpoint of the same log and key, but of another history (a split view): inconsistent.
    const log = t.app.get(AuditLogService);
    const origin = log.origin(TENANT);
    const text = formatCheckpoint({ origin, size: 3, root: Buffer.alloc(32, 1), extensions: extrasLines({ time: new Date(), conflictCount: 0, conflicts: [] }) });
    const other = join(dir, 'other.txt');
    writeFileSync(other, formatNote({ text, signatures: [signNote(text, origin, log.signingKey.privateKey)] }));
    const bad = await cli(['verify-bundle', bundleFile, '--trusted', other], offline);
    expect(bad.out).toMatch(/problem: the bundle's checkpoint \(size 5\) is NOT consistent with the trusted checkpoint \(size 3\): the log was rewritten/);
    expect(bad.out).toContain('INVALID');
    expect(bad.code).toBe(1);
    expect(verifierFor(origin, log.signingKey.privateKey).vkey).toBe(vkey);
  });
});
