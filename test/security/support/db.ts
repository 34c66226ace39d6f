import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { UserRole } from '../../../src/auth/policy';
import { eventHash, genesisHash } from '../../../src/engine/hash';

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * An API key written straight into the database, as an operator's provisioning script would:
 * only the SHA-256 of the secret is stored (see AuthService). Returns the bearer token.
 */
export async function insertApiKey(url: string, tenant: string, role: UserRole, userId = `${role}-${tenant}`): Promise<string> {
  const prefix = `t-${randomBytes(5).toString('hex')}`;
  const secret = randomBytes(24).toString('base64url');
  await withClient(url, async (c) => {
    await c.query('INSERT INTO tenants (id, name) VALUES ($1, $1) ON CONFLICT (id) DO NOTHING', [tenant]);
    await c.query('INSERT INTO api_keys (tenant, prefix, secret_hash, user_id, role, name) VALUES ($1, $2, $3, $4, $5, $6)', [
      tenant,
      prefix,
      createHash('sha256').update(secret).digest('hex'),
      userId,
      role,
      'security test',
    ]);
  });
  return `bw_${prefix}_${secret}`;
}

/** Row count of every table in the public schema. */
export async function tableCounts(url: string): Promise<Record<string, number>> {
  return withClient(url, async (c) => {
    const { rows: tables } = await c.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const sql = tables.map((t, i) => `SELECT $${i + 1}::text AS name, count(*)::int AS n FROM "${t.name.replace(/"/g, '""')}"`).join(' UNION ALL ');
    const { rows } = await c.query<{ name: string; n: number }>(sql, tables.map((t) => t.name));
    return Object.fromEntries(rows.map((r) => [r.name, r.n]));
  });
}

export interface ChainReport {
  instances: number;
  events: number;
  /** Every break found; empty when every chain verifies. */
  problems: string[];
  heads: Record<string, string>;
}

interface EventRow {
  instance_id: string;
  seq: number;
  event_type: string;
  payload: unknown;
  actor_id: string;
  actor_role: string;
  occurred_at: Date;
  idempotency_key: string | null;
  state_before: unknown;
  state_after: unknown;
  prev_hash: string;
  hash: string;
}

/**
 * Recomputes every instance's hash chain from its stored rows (as src/engine/engine.int-spec.ts
 * does): sequence 1..n without gap, each event linked to the one before, each hash recomputed,
 * the instance's head hash and version equal to its last event.
 */
export async function verifyChains(url: string): Promise<ChainReport> {
  return withClient(url, async (c) => {
    const { rows: instances } = await c.query<{ id: string; tenant: string; workflow_type: string; machine_version: number; input: unknown; created_by: string; version: number; head_hash: string }>(
      'SELECT id, tenant, workflow_type, machine_version, input, created_by, version, head_hash FROM workflow_instances ORDER BY id',
    );
    const { rows: all } = await c.query<EventRow>('SELECT * FROM workflow_events ORDER BY instance_id, seq');
    const byInstance = new Map<string, EventRow[]>();
    for (const e of all) byInstance.set(e.instance_id, [...(byInstance.get(e.instance_id) ?? []), e]);
    const problems: string[] = [];
    const heads: Record<string, string> = {};
    for (const i of instances) {
      const events = byInstance.get(i.id) ?? [];
      let prev = genesisHash({ instanceId: i.id, tenant: i.tenant, workflowType: i.workflow_type, machineVersion: i.machine_version, input: i.input, createdBy: i.created_by });
      events.forEach((e, index) => {
        if (e.seq !== index + 1) problems.push(`${i.id}: expected seq ${index + 1}, found ${e.seq}`);
        if (e.prev_hash !== prev) problems.push(`${i.id} #${e.seq}: prev_hash does not link`);
        const recomputed = eventHash(
          { instanceId: e.instance_id, seq: e.seq, type: e.event_type, payload: e.payload, actor: { id: e.actor_id, role: e.actor_role }, at: e.occurred_at.toISOString(), idempotencyKey: e.idempotency_key, stateBefore: e.state_before, stateAfter: e.state_after },
          e.prev_hash,
        );
        if (recomputed !== e.hash) problems.push(`${i.id} #${e.seq}: hash does not recompute`);
        prev = e.hash;
      });
      if (i.head_hash !== prev) problems.push(`${i.id}: head hash is not the last event's hash`);
      if (i.version !== events.length) problems.push(`${i.id}: version ${i.version} but ${events.length} events`);
      heads[i.id] = i.head_hash;
    }
    return { instances: instances.length, events: all.length, problems, heads };
  });
}
