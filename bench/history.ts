import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { initialTransition, type AnyMachineSnapshot, type EventObject } from 'xstate';
import type { WorkflowDefinition } from '../workflows';
import { EngineService } from '../src/engine/engine.service';
import { eventHash, genesisHash } from '../src/engine/hash';
import { clerk } from './engine';
import { editMotion, motionInput, MOTION_EVENT } from './motion';

const BATCH = 2_000;
const START = Date.parse('2020-07-21T08:00:00Z');

/** The event the machine sees for event #seq of a generated history: what the engine would have built. */
export function historyEvent(seq: number): { payload: Record<string, unknown>; at: string; event: EventObject } {
  const payload = editMotion(seq);
  const at = new Date(START + seq * 1000).toISOString();
  return { payload, at, event: { ...payload, type: MOTION_EVENT, at, actor: clerk } as EventObject };
}

/**
 * Writes a motion with `events` EDIT_MOTION events in seconds instead of hours: the events are
 * computed with the engine's own pure step and hash functions and bulk-inserted in batches, exactly
 * as the engine would have written them one by one (so the audit's verification passes on them).
 */
export async function generateHistory(pool: Pool, engine: EngineService, definition: WorkflowDefinition, tenant: string, events: number): Promise<string> {
  const id = randomUUID();
  const input = motionInput(`BENCH-HISTORY-${id}`);
  let head = genesisHash({ instanceId: id, tenant, workflowType: definition.type, machineVersion: definition.version, input, createdBy: clerk.id });
  let snapshot = initialTransition(definition.machine, input as never)[0] as AnyMachineSnapshot;
  await pool.query(
    `INSERT INTO workflow_instances (id, tenant, workflow_type, machine_version, input, state_value, status, snapshot, version, head_hash, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $11)`,
    [id, tenant, definition.type, definition.version, JSON.stringify(input), JSON.stringify(snapshot.value), snapshot.status, JSON.stringify(definition.machine.getPersistedSnapshot(snapshot)), head, clerk.id, new Date(START)],
  );
  let rows = emptyBatch();
  for (let seq = 1; seq <= events; seq++) {
    const { payload, at, event } = historyEvent(seq);
    const [next] = engine.step(definition, snapshot, event);
    const idempotencyKey = `history-${seq}`;
    const hash = eventHash({ instanceId: id, seq, type: MOTION_EVENT, payload, actor: clerk, at, idempotencyKey, stateBefore: snapshot.value, stateAfter: next.value }, head);
    rows.seq.push(seq);
    rows.payload.push(JSON.stringify(payload));
    rows.at.push(at);
    rows.key.push(idempotencyKey);
    rows.before.push(JSON.stringify(snapshot.value));
    rows.after.push(JSON.stringify(next.value));
    rows.prev.push(head);
    rows.hash.push(hash);
    head = hash;
    snapshot = next;
    if (rows.seq.length === BATCH || seq === events) {
      await insertBatch(pool, id, tenant, rows);
      rows = emptyBatch();
    }
  }
  await pool.query(`UPDATE workflow_instances SET snapshot = $1, state_value = $2, status = $3, version = $4, head_hash = $5, updated_at = $6 WHERE id = $7`, [
    JSON.stringify(definition.machine.getPersistedSnapshot(snapshot)),
    JSON.stringify(snapshot.value),
    snapshot.status,
    events,
    head,
    new Date(START + events * 1000),
    id,
  ]);
  return id;
}

const emptyBatch = () => ({ seq: [] as number[], payload: [] as string[], at: [] as string[], key: [] as string[], before: [] as string[], after: [] as string[], prev: [] as string[], hash: [] as string[] });

function insertBatch(pool: Pool, id: string, tenant: string, r: ReturnType<typeof emptyBatch>): Promise<unknown> {
  return pool.query(
    `INSERT INTO workflow_events (instance_id, tenant, seq, event_type, payload, actor_id, actor_role, occurred_at, idempotency_key, state_before, state_after, prev_hash, hash)
     SELECT $1, $2, seq, $3, payload::jsonb, $4, $5, at, key, before::jsonb, after::jsonb, prev, hash
     FROM unnest($6::int[], $7::text[], $8::timestamptz[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[]) AS t(seq, payload, at, key, before, after, prev, hash)`,
    [id, tenant, MOTION_EVENT, clerk.id, clerk.role, r.seq, r.payload, r.at, r.key, r.before, r.after, r.prev, r.hash],
  );
}
