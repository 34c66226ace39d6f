import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { EngineService } from '../../src/engine/engine.service';
import { WorkflowRegistry } from '../../src/engine/registry';
import type { RequestContext } from '../../src/engine/types';
import { AuditService } from '../../src/audit/audit.service';
import { verifyBundle } from '../../src/audit/bundle';
import { ChainVerifier } from '../../src/audit/chain';
import { AuditLogService } from '../../src/audit/log.service';
import { extrasLines, formatCheckpoint, formatNote, signNote } from '../../src/audit/note';
import { fromB64, MerkleTree, eventLeafHash } from '../../src/audit/tlog';
import { checkAdvance } from '../../src/audit/witness';

/**
 * An attacker with superuser rights (triggers bypassed) against the log tree and its checkpoints:
 * one case each, and each must be found by verify, the bundle check or the monitor, naming what broke.
 */
describe('tampering as a database superuser is detected', () => {
  jest.setTimeout(60_000); // hooks too: under load the 5 s default is too short (docs in shared stack notes)
  let t: TestApp;
  let engine: EngineService;
  let audit: AuditService;
  let log: AuditLogService;
  const dir = mkdtempSync(join(tmpdir(), 'bw-checkpoints-'));
  let sql: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

  beforeAll(async () => {
    process.env.AUDIT_CHECKPOINT_DIR = dir;
    t = await startTestApp();
    engine = t.app.get(EngineService);
    audit = t.app.get(AuditService);
    log = t.app.get(AuditLogService);
    sql = async (text, params = []) => {
      const c = new Client({ connectionString: t.db.url });
      await c.connect();
      try {
        await c.query("SET session_replication_role = 'replica'");
        return (await c.query(text, params)).rows as Record<string, unknown>[];
      } finally {
        await c.end();
      }
    };
  });
  afterAll(async () => {
    delete process.env.AUDIT_CHECKPOINT_DIR;
    await t.close();
  });

  /** A sample history of four events in its own Körperschaft, covered by a signed checkpoint. */
  async function covered(tenant: string): Promise<{ ctx: RequestContext; id: string }> {
    const ctx: RequestContext = { tenant, actor: { id: 'clerk-1', role: 'clerk' } };
    t.clock.set('2020-08-10T08:00:00Z');
    const { id } = await engine.create(ctx, 'sample', { title: 'Server', amountCents: 900_000 });
    for (const e of [{ type: 'EDIT', payload: { title: 'Server für den Sitzungsdienst' } }, { type: 'SUBMIT' }, { type: 'LEGAL_APPROVE', payload: { note: 'geprüft' } }, { type: 'TREASURY_APPROVE', payload: { budgetLine: '00.02' } }]) {
      t.clock.advance(60_000);
      await engine.apply(ctx, id, e);
    }
    const c = await audit.checkpoint(tenant);
    expect(c).toMatchObject({ leafCount: 4, conflicts: [] });
    expect((await audit.verifyAll(tenant)).ok).toBe(true);
    return { ctx, id };
  }

  const monitorSees = async (tenant: string, previous: string, current: string) =>
    checkAdvance(previous, current, log.verifier(tenant), async (from, to) => (await log.consistency(tenant, from, to)).proof.map((h) => fromB64(h)!));

  it('keeps checkpoints, leaves and cosignatures append-only for everyone who has not disabled triggers', async () => {
    await covered('append-only');
    const c = new Client({ connectionString: t.db.url });
    await c.connect();
    try {
      for (const statement of ["DELETE FROM audit_checkpoints WHERE tenant = 'append-only'", "UPDATE audit_log_leaves SET event_hash = 'x' WHERE tenant = 'append-only'", 'TRUNCATE audit_cosignatures']) {
        await expect(c.query(statement)).rejects.toThrow(/is append-only/);
      }
    } finally {
      await c.end();
    }
  });

  it.each([
    ['changed payload', `UPDATE workflow_events SET payload = '{"note":"nicht geprüft"}' WHERE instance_id = $1 AND seq = 3`, 3],
    ['changed actor', `UPDATE workflow_events SET actor_id = 'someone-else' WHERE instance_id = $1 AND seq = 2`, 2],
    ['reordered pair', `UPDATE workflow_events SET seq = -seq WHERE instance_id = $1 AND seq IN (2, 3); UPDATE workflow_events SET seq = CASE seq WHEN -2 THEN 3 ELSE 2 END WHERE instance_id = $1 AND seq < 0`, 2],
  ])('%s: the chain and the log tree both name instance and seq', async (what, tamper, seq) => {
    const { ctx, id } = await covered(`tamper-${what.replace(/\W+/g, '-')}`);
    for (const statement of tamper.split('; ')) await sql(statement, [id]);
    const result = await audit.verifyAll(ctx.tenant);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ instanceId: id, seq });
    expect(result.log!.firstBreak).toMatchObject({ instanceId: id, seq, reason: expect.stringMatching(/changed after it joined the log|now sits at/) });
  });

  it('deleted middle event: a sequence gap in the chain, and the covered event missing from the log', async () => {
    const { ctx, id } = await covered('tamper-deleted-middle');
    await sql('DELETE FROM workflow_events WHERE instance_id = $1 AND seq = 2', [id]);
    const result = await audit.verifyAll(ctx.tenant);
    expect(result).toMatchObject({ ok: false, firstBreak: { instanceId: id, seq: 3, reason: expect.stringMatching(/sequence gap/) } });
    expect(result.log!.firstBreak).toEqual({ instanceId: id, seq: 2, reason: 'event covered by the log is missing from workflow_events (log leaf #1)' });
  });

  it('deleted last event with a consistent rollback of the instance row: verify names instance and seq, the next checkpoint records it, its bundle fails', async () => {
    const { ctx, id } = await covered('tamper-rollback');
    // Delete #4 and roll the instance back to what replaying #1–#3 gives: snapshot, version and head hash all agree.
    await sql('DELETE FROM workflow_events WHERE instance_id = $1 AND seq = 4', [id]);
    const [row] = await sql('SELECT * FROM workflow_instances WHERE id = $1', [id]);
    const definition = t.app.get(WorkflowRegistry).get(row!.workflow_type as string, row!.machine_version as number);
    const chain = new ChainVerifier({ instanceId: id, tenant: ctx.tenant, workflowType: row!.workflow_type as string, machineVersion: row!.machine_version as number, input: row!.input, createdBy: row!.created_by as string }, definition);
    for await (const e of audit.events(id)) expect(chain.push(e)).toBe(true);
    const snapshot = definition.machine.getPersistedSnapshot(chain.current);
    await sql('UPDATE workflow_instances SET snapshot = $2, state_value = $3, status = $4, version = 3, head_hash = $5 WHERE id = $1', [id, JSON.stringify(snapshot), JSON.stringify(chain.current.value), chain.current.status, chain.headHash]);

    const result = await audit.verifyAll(ctx.tenant);
    expect(result.instances).toBe(1);
    expect(result.events).toBe(3); // the chain alone is consistent again…
    expect(result).toMatchObject({ ok: false, firstBreak: { instanceId: id, seq: 4, reason: 'event covered by the log is missing from workflow_events (log leaf #3)' } }); // …the log is not
    expect(await audit.verifyInstance(ctx.tenant, id)).toMatchObject({ ok: false, firstBreak: { instanceId: id, seq: 4 } });

    const next = await audit.checkpoint(ctx.tenant);
    expect(next.conflicts).toEqual([expect.objectContaining({ instanceId: id, seq: 4, leafIndex: 3, found: null })]);
    expect(next.note).toContain(`\nconflicts 1\nconflict 3 ${id} 4\n`);
    const bundle = await audit.exportBundle(ctx, id);
    const check = verifyBundle(bundle);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([`the checkpoint records 1 conflict(s): events an earlier checkpoint covered are missing or changed (${id} #4)`]);
  });

  it('edited snapshot: the replay differs from the stored snapshot', async () => {
    const { ctx, id } = await covered('tamper-snapshot');
    await sql(`UPDATE workflow_instances SET snapshot = jsonb_set(snapshot, '{context,budgetLine}', '"99.99"') WHERE id = $1`, [id]);
    expect(await audit.verifyAll(ctx.tenant)).toMatchObject({ ok: false, firstBreak: { instanceId: id, seq: 4, reason: 'stored snapshot differs from the replayed history' } });
  });

  it('deleted checkpoint: verify finds its file missing from the database, the monitor sees the log go back', async () => {
    const { ctx } = await covered('tamper-deleted-checkpoint');
    const first = (await log.latest(ctx.tenant))!;
    t.clock.advance(60_000);
    const other = await engine.create(ctx, 'sample', { title: 'Beamer', amountCents: 90_000 });
    await engine.apply(ctx, other.id, { type: 'SUBMIT' });
    const second = await audit.checkpoint(ctx.tenant);
    expect(readdirSync(join(dir, ctx.tenant))).toEqual([`${first.id.padStart(12, '0')}.checkpoint`, `${second.id.padStart(12, '0')}.checkpoint`]);
    const seen = await log.publishedNote(ctx.tenant);

    await sql('DELETE FROM audit_checkpoints WHERE id = $1', [second.id]);
    const result = await audit.verifyAll(ctx.tenant);
    expect(result.ok).toBe(false);
    expect(result.log!.problems).toEqual([`checkpoint #${second.id} (size ${second.leafCount}, file ${second.id.padStart(12, '0')}.checkpoint) is missing from the database: deleted`]);
    expect([first.leafCount, second.leafCount]).toEqual([4, 5]);
    expect(await monitorSees(ctx.tenant, seen, await log.publishedNote(ctx.tenant))).toMatchObject({ ok: false, problem: 'the log went back from size 5 to 4: checkpoints or events were removed' });
  });

  it('replaced checkpoint: a forged note fails its signature; one re-signed with the stolen key over a shortened log is caught by the file copy and the monitor', async () => {
    const { ctx, id } = await covered('tamper-replaced-checkpoint');
    const original = (await log.latest(ctx.tenant))!;
    const seen = await log.publishedNote(ctx.tenant);

    // 1. Without the key: a note over another root cannot carry a valid signature.
    const forged = original.note!.replace(/\n[A-Za-z0-9+/]{43}=\n/, `\n${Buffer.alloc(32, 7).toString('base64')}\n`);
    await sql('UPDATE audit_checkpoints SET note = $2 WHERE id = $1', [original.id, forged]);
    let result = await audit.verifyAll(ctx.tenant);
    expect(result.log!.problems).toContain(`checkpoint #${original.id}: signature is not valid`);

    // 2. With the signing key: drop event #4 and its leaf, roll back, and sign a consistent-looking checkpoint of size 3.
    await sql('DELETE FROM workflow_events WHERE instance_id = $1 AND seq = 4', [id]);
    await sql('DELETE FROM audit_log_leaves WHERE instance_id = $1 AND seq = 4', [id]);
    const hashes = (await sql('SELECT event_hash FROM audit_log_leaves WHERE tenant = $1 ORDER BY leaf_index', [ctx.tenant])).map((r) => eventLeafHash(r.event_hash as string));
    const origin = log.origin(ctx.tenant);
    const text = formatCheckpoint({ origin, size: 3, root: new MerkleTree(hashes).root(), extensions: extrasLines({ time: t.clock.now(), conflictCount: 0, conflicts: [] }) });
    const resigned = formatNote({ text, signatures: [signNote(text, origin, log.signingKey.privateKey)] });
    await sql('UPDATE audit_checkpoints SET note = $2, leaf_count = 3, root = $3 WHERE id = $1', [original.id, resigned, new MerkleTree(hashes).root().toString('hex')]);
    const [last] = await sql('SELECT seq, hash FROM workflow_events WHERE instance_id = $1 ORDER BY seq DESC LIMIT 1', [id]);
    await sql('UPDATE workflow_instances SET version = 3, head_hash = $2 WHERE id = $1', [id, last!.hash]);

    result = await audit.verifyAll(ctx.tenant);
    expect(result.ok).toBe(false);
    expect(result.log!.problems).toContain(`checkpoint #${original.id} in the database differs from the file ${original.id.padStart(12, '0')}.checkpoint (size 4): replaced`);
    expect(result.log!.problems).toContain(`checkpoint file ${original.id.padStart(12, '0')}.checkpoint covers 4 events but the log has only 3 leaves: leaves were removed`);
    expect(await monitorSees(ctx.tenant, seen, await log.publishedNote(ctx.tenant))).toMatchObject({ ok: false, problem: 'the log went back from size 4 to 3: checkpoints or events were removed' });
  });
});
