import { randomBytes } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { closedLoop, pick, type Workload } from './load';
import { editMotion, motionInput, motionSnapshotJson, MOTION_EVENT } from './motion';
import type { Settings } from './settings';

export const RAW_TENANT = 'bench-raw';

/**
 * What PostgreSQL does for one transition with nothing in between: lock the instance row, insert
 * an event row, update the snapshot with a version check, commit, one statement each. Same tables,
 * indexes and row sizes as the engine, through `pg` with named prepared statements, and none of the
 * engine's own work (no snapshot read, restore, transition, hashing or idempotency lookup).
 */
export async function rawWorkload(url: string, settings: Settings): Promise<Workload> {
  const pool = new Pool({ connectionString: url, max: settings.concurrency, application_name: 'bench-raw' });
  pool.on('error', () => undefined); // an idle connection closed by the server at the end of the run
  const ids = await seed(pool, settings.instances);
  const snapshot = motionSnapshotJson();
  const payload = JSON.stringify(editMotion(0));
  const actorId = 'bench-clerk';
  const run = randomBytes(4).toString('hex');
  let n = 0;
  const transaction = async (client: PoolClient, id: string): Promise<void> => {
    const key = `raw-${run}-${n++}`;
    await client.query('BEGIN');
    const { rows } = await client.query<{ version: number; head_hash: string }>({
      name: 'raw_lock',
      text: 'SELECT version, head_hash FROM workflow_instances WHERE id = $1 AND tenant = $2 FOR UPDATE',
      values: [id, RAW_TENANT],
    });
    const { version, head_hash: prev } = rows[0]!;
    const hash = key.padStart(64, '0'); // as long as a SHA-256 hex digest, without computing one
    const at = new Date();
    await client.query({
      name: 'raw_insert_event',
      text: `INSERT INTO workflow_events (instance_id, tenant, seq, event_type, payload, actor_id, actor_role, occurred_at, idempotency_key, state_before, state_after, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      values: [id, RAW_TENANT, version + 1, MOTION_EVENT, payload, actorId, 'clerk', at, key, '"draft"', '"draft"', prev, hash],
    });
    const updated = await client.query({
      name: 'raw_update_instance',
      text: `UPDATE workflow_instances SET snapshot = $1, state_value = $2, status = $3, version = $4, head_hash = $5, updated_at = $6 WHERE id = $7 AND version = $8`,
      values: [snapshot, '"draft"', 'active', version + 1, hash, at, id, version],
    });
    if (updated.rowCount !== 1) throw new Error('raw: version check failed under a row lock');
    await client.query('COMMIT');
  };
  return {
    name: 'raw',
    run: (seconds, warmupSeconds) =>
      closedLoop(settings.concurrency, seconds, warmupSeconds, async () => {
        const client = await pool.connect();
        try {
          await transaction(client, pick(ids));
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      }),
    close: () => pool.end(),
  };
}

/** Raw instances carry a real motion snapshot; the engine never reads them (own tenant and type). */
async function seed(pool: Pool, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO workflow_instances (tenant, workflow_type, machine_version, input, state_value, status, snapshot, version, head_hash, created_by)
     SELECT $1, 'bench-raw', 1, $2, '"draft"', 'active', $3, 0, $4, 'bench-clerk' FROM generate_series(1, $5) RETURNING id`,
    [RAW_TENANT, JSON.stringify(motionInput('BENCH-RAW')), motionSnapshotJson(), randomBytes(32).toString('hex'), count],
  );
  return rows.map((r) => r.id);
}
