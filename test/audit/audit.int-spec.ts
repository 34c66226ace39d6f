import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { EngineService } from '../../src/engine/engine.service';
import { eventHash } from '../../src/engine/hash';
import type { RequestContext } from '../../src/engine/types';
import { AuditService } from '../../src/audit/audit.service';
import { verifyBundle, type Bundle } from '../../src/audit/bundle';

const ctx: RequestContext = { tenant: 'kreis-coesfeld', actor: { id: 'clerk-1', role: 'clerk' } };

describe('audit: replay, verification, checkpoints and bundles', () => {
  jest.setTimeout(60_000); // the project's testTimeout does not reach hooks; under load 5 s is too short
  let t: TestApp;
  let engine: EngineService;
  let audit: AuditService;
  let sql: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

  beforeAll(async () => {
    t = await startTestApp();
    engine = t.app.get(EngineService);
    audit = t.app.get(AuditService);
    sql = async (text, params = []) => {
      const c = new Client({ connectionString: t.db.url });
      await c.connect();
      try {
        // As a superuser an attacker can switch triggers off; the chain must still expose the change.
        await c.query("SET session_replication_role = 'replica'");
        return (await c.query(text, params)).rows as Record<string, unknown>[];
      } finally {
        await c.end();
      }
    };
  });
  afterAll(() => t.close());

  /** A finished sample history of four events, one minute apart. */
  async function history(c: RequestContext = ctx): Promise<string> {
    t.clock.set('2020-08-10T08:00:00Z');
    const { id } = await engine.create(c, 'sample', { title: 'Server', amountCents: 900_000 });
    const events = [
      { type: 'EDIT', payload: { title: 'Server für den Sitzungsdienst' } },
      { type: 'SUBMIT' },
      { type: 'LEGAL_APPROVE', payload: { note: 'geprüft' } },
      { type: 'TREASURY_APPROVE', payload: { budgetLine: '00.02' } },
    ];
    for (const e of events) {
      t.clock.advance(60_000);
      await engine.apply(c, id, e);
    }
    return id;
  }

  it('replays a history step by step, equal to the stored events', async () => {
    const id = await history();
    const { steps } = await audit.history(ctx, id);
    const stored = await sql('SELECT seq, event_type, state_before, state_after, actor_id FROM workflow_events WHERE instance_id = $1 ORDER BY seq', [id]);
    expect(steps.map((s) => [s.seq, s.type, s.stateBefore, s.stateAfter, s.actor.id])).toEqual(stored.map((r) => [r.seq, r.event_type, r.state_before, r.state_after, r.actor_id]));
    expect(steps[3]!.contextAfter).toMatchObject({ budgetLine: '00.02', notes: ['geprüft'] });
    expect(steps[2]!.facts).toEqual({ note: 'geprüft' });
  });

  it('answers where an instance stood at a time and after a sequence number', async () => {
    const id = await history();
    expect((await audit.stateAsOf(ctx, id, { at: new Date('2020-08-10T08:00:30Z') })).state).toBe('draft');
    expect((await audit.stateAsOf(ctx, id, { at: new Date('2020-08-10T08:02:30Z') })).state).toEqual({ review: { legal: 'pending', treasury: 'pending' } });
    expect((await audit.stateAsOf(ctx, id, { at: new Date('2020-08-11T00:00:00Z') })).state).toBe('approved');
    expect((await audit.stateAsOf(ctx, id, { seq: 3 })).state).toEqual({ review: { legal: 'approved', treasury: 'pending' } });
  });

  it('verifies an intact history', async () => {
    const id = await history();
    expect(await audit.verifyInstance(ctx.tenant, id)).toEqual({ ok: true, instances: 1, events: 4, firstBreak: null });
  });

  it.each([
    ['a changed payload', `UPDATE workflow_events SET payload = '{"note":"nicht geprüft"}' WHERE instance_id = $1 AND seq = 3`, 3, /hash mismatch/],
    ['a changed actor', `UPDATE workflow_events SET actor_id = 'someone-else' WHERE instance_id = $1 AND seq = 2`, 2, /hash mismatch/],
    ['a deleted event', `DELETE FROM workflow_events WHERE instance_id = $1 AND seq = 2`, 3, /sequence gap/],
    ['a reordered pair', `UPDATE workflow_events SET seq = -seq WHERE instance_id = $1 AND seq IN (2, 3); UPDATE workflow_events SET seq = CASE seq WHEN -2 THEN 3 ELSE 2 END WHERE instance_id = $1 AND seq < 0`, 2, /chain broken|hash mismatch/],
    ['an edited snapshot', `UPDATE workflow_instances SET snapshot = jsonb_set(snapshot, '{context,budgetLine}', '"99.99"') WHERE id = $1`, 4, /stored snapshot differs/],
  ])('detects %s with triggers bypassed, naming instance and sequence number', async (what, tamper, seq, reason) => {
    const own: RequestContext = { ...ctx, tenant: `tamper-${what.replace(/\W+/g, '-')}` };
    const id = await history(own);
    for (const statement of tamper.split('; ')) await sql(statement, [id]);
    const result = await audit.verifyInstance(own.tenant, id);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ instanceId: id, seq });
    expect(result.firstBreak!.reason).toMatch(reason);
    const all = await audit.verifyAll(own.tenant);
    expect(all.ok).toBe(false);
    expect(all.firstBreak).toMatchObject({ instanceId: id, seq });
  });

  it('exports a bundle that verifies offline; a single changed byte fails it', async () => {
    const id = await history();
    const bundle = await audit.exportBundle(ctx, id);
    const text = JSON.stringify(bundle);
    expect(verifyBundle(JSON.parse(text))).toMatchObject({ ok: true, problems: [] });

    const at = text.indexOf('geprüft');
    const changed = text.slice(0, at) + 'G' + text.slice(at + 1);
    const check = verifyBundle(JSON.parse(changed));
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toMatch(/hash mismatch|signature/);

    // The checkpoint is now a signed note: a changed root line fails its signature.
    const lines = bundle.checkpoint.note.split('\n');
    lines[2] = lines[2]!.replace(/^./, lines[2]![0] === 'A' ? 'B' : 'A');
    const flipped = { ...bundle, checkpoint: { ...bundle.checkpoint, note: lines.join('\n') } };
    expect(verifyBundle(flipped).problems).toContain('checkpoint: signature is not valid');
  });

  it('exports a verifying bundle of an instance that has no events yet (it failed with a 500 before)', async () => {
    const fresh = await t.app.get(EngineService).create({ tenant: 'bundle-without-events', actor: ctx.actor }, 'sample', { title: 'Beamer', amountCents: 1 });
    const bundle = await audit.exportBundle({ tenant: 'bundle-without-events', actor: ctx.actor }, fresh.id);
    expect(bundle.instances.map((i) => i.events.length)).toEqual([0]);
    expect(verifyBundle(JSON.parse(JSON.stringify(bundle)))).toMatchObject({ ok: true, problems: [] });
  });

  it('keeps an exported bundle valid against its own checkpoint after tampering, while a new checkpoint exposes the change', async () => {
    const id = await history();
    const bundle: Bundle = await audit.exportBundle(ctx, id);
    // Rewrite seq 3 and re-link the chain as a careful attacker with superuser rights would.
    const rows = await sql('SELECT * FROM workflow_events WHERE instance_id = $1 ORDER BY seq', [id]);
    let prev = rows[0]!.prev_hash as string;
    for (const r of rows) {
      const payload = r.seq === 3 ? { note: 'nicht geprüft' } : r.payload;
      const hash = eventHash({ instanceId: id, seq: r.seq as number, type: r.event_type as string, payload, actor: { id: r.actor_id as string, role: r.actor_role as string }, at: (r.occurred_at as Date).toISOString(), idempotencyKey: r.idempotency_key as string | null, stateBefore: r.state_before, stateAfter: r.state_after }, prev);
      await sql('UPDATE workflow_events SET payload = $2, prev_hash = $3, hash = $4 WHERE id = $1', [r.id, JSON.stringify(payload), prev, hash]);
      prev = hash;
    }
    await sql(`UPDATE workflow_instances SET head_hash = $2, snapshot = jsonb_set(snapshot, '{context,notes}', '["nicht geprüft"]') WHERE id = $1`, [id, prev]);

    expect(verifyBundle(bundle).ok).toBe(true);
    // The chain alone cannot tell; the log tree can: events 3 and 4 joined it with other hashes.
    expect(await audit.verifyInstance(ctx.tenant, id)).toMatchObject({ ok: false, firstBreak: { instanceId: id, seq: 3, reason: expect.stringMatching(/changed after it joined the log/) } });
    const next = await audit.checkpoint(ctx.tenant);
    const signed = (seq: number) => bundle.instances[0]!.events.find((e) => e.seq === seq)!.hash;
    expect(next.conflicts.filter((c) => c.instanceId === id)).toEqual([expect.objectContaining({ instanceId: id, seq: 3, signed: signed(3) }), expect.objectContaining({ instanceId: id, seq: 4, signed: signed(4) })]);
    const fresh = await audit.exportBundle(ctx, id);
    // A bundle that carries the checkpoint recording the conflict fails, and its rewritten events are not in the tree.
    expect(verifyBundle(fresh)).toMatchObject({ ok: false });
    expect(verifyBundle(fresh).problems).toEqual([
      expect.stringMatching(new RegExp(`^the checkpoint records 2 conflict\\(s\\).*${id} #3, ${id} #4`)),
      `${id}: #3 the inclusion proof does not lead to the checkpoint root`,
      `${id}: #4 the inclusion proof does not lead to the checkpoint root`,
    ]);
  });

  it('pins the signing key when the verifier is given a trusted public key', async () => {
    const own: RequestContext = { ...ctx, tenant: 'pinned-key' }; // the shared tenant's log records the conflict above
    const id = await history(own);
    const bundle = await audit.exportBundle(own, id);
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyBundle(bundle, { trustedPublicKey: audit.publicKey(own.tenant).publicKey }).ok).toBe(true);
    expect(verifyBundle(bundle, { trustedPublicKey: other }).problems).toContain('the checkpoint was signed with a key other than the trusted one');
  });
});
