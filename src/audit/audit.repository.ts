import type { Leaf } from './entities';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { Database } from '../engine/database';
import type { EventRow } from '../engine/engine.service';
import type { CheckpointEntity, Conflict } from './entities';

export interface InstanceRow {
  id: string;
  tenant: string;
  workflow_type: string;
  machine_version: number;
  input: unknown;
  snapshot: unknown;
  version: number;
  head_hash: string;
  created_by: string;
  created_at: Date;
}

/** A leaf of the log tree with the event it names as it is now (event columns null when the event is gone). */
export interface LeafWithEvent {
  leaf_index: string;
  event_id: string;
  leaf_instance: string;
  leaf_seq: number;
  event_hash: string;
  event: EventRow | null;
  /** Only from leavesWithHashes: whether the event's instance row exists. */
  instance_exists?: boolean;
}

export interface CosignatureRow {
  checkpoint_id: string;
  witness: string;
  key_id: string;
  line: string;
  signed_at: Date;
}

export interface NewCheckpoint {
  tenant: string;
  root: string;
  size: number;
  previousRoot: string | null;
  conflicts: Conflict[];
  signature: string;
  publicKey: string;
  keyFingerprint: string;
  note: string;
  timestampToken: string | null;
  createdAt: Date;
}

/** Every SQL statement of the audit module. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async instance(tenant: string | null, id: string): Promise<InstanceRow | undefined> {
    const { rows } = await this.db.pool.query<InstanceRow>(
      `SELECT id, tenant, workflow_type, machine_version, input, snapshot, version, head_hash, created_by, created_at
       FROM workflow_instances WHERE id = $1 AND ($2::text IS NULL OR tenant = $2)`,
      [id, tenant],
    );
    return rows[0];
  }

  async tenantOf(id: string): Promise<string | undefined> {
    const { rows } = await this.db.pool.query<{ tenant: string }>('SELECT tenant FROM workflow_instances WHERE id = $1', [id]);
    return rows[0]?.tenant;
  }

  /** Tenants with at least one instance. */
  async tenants(): Promise<string[]> {
    return (await this.db.pool.query<{ tenant: string }>('SELECT DISTINCT tenant FROM workflow_instances ORDER BY tenant')).rows.map((r) => r.tenant);
  }

  async events(instanceId: string, after: number, limit: number, until?: { seq?: number; at?: Date }): Promise<EventRow[]> {
    const { rows } = await this.db.pool.query<EventRow>({
      name: 'bw_audit_events',
      text: `SELECT * FROM workflow_events WHERE instance_id = $1 AND seq > $2
             AND ($4::int IS NULL OR seq <= $4) AND ($5::timestamptz IS NULL OR occurred_at <= $5)
             ORDER BY seq LIMIT $3`,
      values: [instanceId, after, limit, until?.seq ?? null, until?.at ?? null],
    });
    return rows;
  }

  async countInstances(tenant: string | null): Promise<number> {
    return Number((await this.db.pool.query<{ n: string }>('SELECT count(*) n FROM workflow_instances WHERE ($1::text IS NULL OR tenant = $1)', [tenant])).rows[0]!.n);
  }

  async instanceIds(tenant: string | null, after: string, limit: number): Promise<string[]> {
    const { rows } = await this.db.pool.query<{ id: string }>('SELECT id FROM workflow_instances WHERE id > $1 AND ($2::text IS NULL OR tenant = $2) ORDER BY id LIMIT $3', [after, tenant, limit]);
    return rows.map((r) => r.id);
  }

  async linked(tenant: string, id: string): Promise<{ id: string; relation: string }[]> {
    const { rows } = await this.db.pool.query<{ id: string; relation: string }>(
      `SELECT to_instance AS id, relation FROM workflow_links WHERE tenant = $1 AND from_instance = $2
       UNION SELECT from_instance AS id, relation FROM workflow_links WHERE tenant = $1 AND to_instance = $2 ORDER BY id`,
      [tenant, id],
    );
    return rows;
  }

  // ---- the log tree ----------------------------------------------------------------------------

  /** One transaction holding the tenant's log lock: one checkpoint at a time per Körperschaft. */
  withLogLock<T>(tenant: string, work: (tx: PoolClient) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(727003, hashtext($1))", [tenant]);
      return work(tx);
    });
  }

  /** Appends the tenant's events that are not in the tree yet, in id order, after the last leaf. Returns the new size. */
  async appendLeaves(tx: PoolClient, tenant: string): Promise<number> {
    await tx.query(
      `INSERT INTO audit_log_leaves (tenant, leaf_index, event_id, instance_id, seq, event_hash)
       SELECT $1, (SELECT coalesce(max(leaf_index) + 1, 0) FROM audit_log_leaves WHERE tenant = $1) + row_number() OVER (ORDER BY e.id) - 1,
              e.id, e.instance_id, e.seq, e.hash
       FROM workflow_events e
       WHERE e.tenant = $1 AND NOT EXISTS (SELECT 1 FROM audit_log_leaves l WHERE l.event_id = e.id)
       ORDER BY e.id`,
      [tenant],
    );
    const { rows } = await tx.query<{ n: string }>('SELECT count(*) n FROM audit_log_leaves WHERE tenant = $1', [tenant]);
    return Number(rows[0]!.n);
  }

  /** Leaf event hashes from `after` (exclusive) in index order, `limit` at a time. */
  async leafHashes(q: PoolClient | null, tenant: string, after: number, limit: number, below = Number.MAX_SAFE_INTEGER): Promise<{ leaf_index: string; event_hash: string }[]> {
    const { rows } = await (q ?? this.db.pool).query<{ leaf_index: string; event_hash: string }>(
      'SELECT leaf_index, event_hash FROM audit_log_leaves WHERE tenant = $1 AND leaf_index > $2 AND leaf_index < $4 ORDER BY leaf_index LIMIT $3',
      [tenant, after, limit, below],
    );
    return rows;
  }

  /**
   * Covered events that are missing now, or whose stored hash, instance or seq differ from the leaf.
   * (A changed field under an unchanged hash column is the chain check's to find.)
   */
  async conflicts(q: PoolClient | null, tenant: string, limit: number): Promise<{ conflicts: Conflict[]; total: number }> {
    const where = `FROM audit_log_leaves l LEFT JOIN workflow_events e ON e.id = l.event_id
       WHERE l.tenant = $1 AND (e.id IS NULL OR e.hash <> l.event_hash OR e.instance_id <> l.instance_id OR e.seq <> l.seq)`;
    const client = q ?? this.db.pool;
    const total = Number((await client.query<{ n: string }>(`SELECT count(*) n ${where}`, [tenant])).rows[0]!.n);
    const { rows } = await client.query<{ leaf_index: string; instance_id: string; seq: number; event_hash: string; found: string | null }>(
      `SELECT l.leaf_index, l.instance_id, l.seq, l.event_hash, e.hash AS found ${where} ORDER BY l.leaf_index LIMIT $2`,
      [tenant, limit],
    );
    return { total, conflicts: rows.map((r) => ({ leafIndex: Number(r.leaf_index), instanceId: r.instance_id, seq: r.seq, signed: r.event_hash, found: r.found })) };
  }

  /** Leaves from `after` (exclusive) joined with their events as they are now. */
  async leavesWithEvents(tenant: string, after: number, limit: number): Promise<LeafWithEvent[]> {
    const { rows } = await this.db.pool.query<Record<string, unknown>>({
      name: 'bw_audit_leaves_events',
      text: `SELECT l.leaf_index, l.event_id, l.instance_id AS leaf_instance, l.seq AS leaf_seq, l.event_hash, e.id AS e_id, e.instance_id, e.tenant AS e_tenant, e.seq,
                    e.event_type, e.payload, e.actor_id, e.actor_role, e.occurred_at, e.idempotency_key, e.state_before, e.state_after, e.prev_hash, e.hash
             FROM audit_log_leaves l LEFT JOIN workflow_events e ON e.id = l.event_id
             WHERE l.tenant = $1 AND l.leaf_index > $2 ORDER BY l.leaf_index LIMIT $3`,
      values: [tenant, after, limit],
    });
    return rows.map(toLeafWithEvent);
  }

  /**
   * Leaves from `after` (exclusive) with only the hash, place and instance of their events: for a
   * verification whose chain check already recomputed every event's hash from its fields.
   */
  async leavesWithHashes(tenant: string, after: number, limit: number): Promise<LeafWithEvent[]> {
    const { rows } = await this.db.pool.query<Record<string, unknown>>({
      name: 'bw_audit_leaves_hashes',
      text: `SELECT l.leaf_index, l.event_id, l.instance_id AS leaf_instance, l.seq AS leaf_seq, l.event_hash, e.id AS e_id, e.instance_id, e.seq, e.hash,
                    (i.id IS NOT NULL) AS instance_exists
             FROM audit_log_leaves l LEFT JOIN workflow_events e ON e.id = l.event_id LEFT JOIN workflow_instances i ON i.id = e.instance_id
             WHERE l.tenant = $1 AND l.leaf_index > $2 ORDER BY l.leaf_index LIMIT $3`,
      values: [tenant, after, limit],
    });
    return rows.map((r) => ({ ...toLeafWithEvent(r), instance_exists: r.instance_exists as boolean }));
  }

  /** The leaves of one instance's events, joined with the events as they are now. */
  async instanceLeaves(instanceId: string): Promise<LeafWithEvent[]> {
    const { rows } = await this.db.pool.query<Record<string, unknown>>(
      `SELECT l.leaf_index, l.event_id, l.instance_id AS leaf_instance, l.seq AS leaf_seq, l.event_hash, e.id AS e_id, e.instance_id, e.tenant AS e_tenant, e.seq,
              e.event_type, e.payload, e.actor_id, e.actor_role, e.occurred_at, e.idempotency_key, e.state_before, e.state_after, e.prev_hash, e.hash
       FROM audit_log_leaves l LEFT JOIN workflow_events e ON e.id = l.event_id
       WHERE l.instance_id = $1 ORDER BY l.leaf_index`,
      [instanceId],
    );
    return rows.map(toLeafWithEvent);
  }

  /** Leaf index of each event of an instance, by seq. */
  async leafIndexes(instanceId: string, upToSeq: number): Promise<Map<number, number>> {
    const { rows } = await this.db.pool.query<{ seq: number; leaf_index: string }>(
      `SELECT e.seq, l.leaf_index FROM workflow_events e JOIN audit_log_leaves l ON l.event_id = e.id WHERE e.instance_id = $1 AND e.seq <= $2`,
      [instanceId, upToSeq],
    );
    return new Map(rows.map((r) => [r.seq, Number(r.leaf_index)]));
  }

  // ---- checkpoints -----------------------------------------------------------------------------

  async insertCheckpoint(tx: PoolClient, c: NewCheckpoint): Promise<string> {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO audit_checkpoints (tenant, root, leaf_count, leaves, previous_root, conflicts, signature, public_key, key_fingerprint, note, timestamp_token, created_at)
       VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [c.tenant, c.root, c.size, c.previousRoot, JSON.stringify(c.conflicts), c.signature, c.publicKey, c.keyFingerprint, c.note, c.timestampToken, c.createdAt],
    );
    return rows[0]!.id;
  }

  /** The tenant's latest checkpoint in the log-tree format (legacy rows are skipped). */
  async latestCheckpoint(q: PoolClient | null, tenant: string): Promise<CheckpointEntity | undefined> {
    const { rows } = await (q ?? this.db.pool).query<Record<string, unknown>>('SELECT * FROM audit_checkpoints WHERE tenant = $1 AND note IS NOT NULL ORDER BY id DESC LIMIT 1', [tenant]);
    return rows[0] ? toCheckpoint(rows[0]) : undefined;
  }

  async checkpointById(tenant: string, id: string): Promise<CheckpointEntity | undefined> {
    const { rows } = await this.db.pool.query<Record<string, unknown>>('SELECT * FROM audit_checkpoints WHERE tenant = $1 AND id = $2', [tenant, id]);
    return rows[0] ? toCheckpoint(rows[0]) : undefined;
  }

  async checkpointPage(tenant: string, page: number, pageSize: number): Promise<{ items: CheckpointEntity[]; total: number }> {
    const total = Number((await this.db.pool.query<{ n: string }>('SELECT count(*) n FROM audit_checkpoints WHERE tenant = $1', [tenant])).rows[0]!.n);
    const { rows } = await this.db.pool.query<Record<string, unknown>>('SELECT * FROM audit_checkpoints WHERE tenant = $1 ORDER BY id DESC LIMIT $2 OFFSET $3', [tenant, pageSize, (page - 1) * pageSize]);
    return { items: rows.map(toCheckpoint), total };
  }

  /** Every log-tree checkpoint of the tenant, oldest first: id, size and note only. */
  async checkpointNotes(tenant: string): Promise<{ id: string; size: number; note: string; createdAt: Date }[]> {
    const { rows } = await this.db.pool.query<{ id: string; leaf_count: number; note: string; created_at: Date }>(
      'SELECT id, leaf_count, note, created_at FROM audit_checkpoints WHERE tenant = $1 AND note IS NOT NULL ORDER BY id',
      [tenant],
    );
    return rows.map((r) => ({ id: r.id, size: r.leaf_count, note: r.note, createdAt: r.created_at }));
  }

  /** Distinct sizes of the tenant's earlier checkpoints below `size`, newest first. */
  async earlierSizes(tenant: string, size: number, limit: number): Promise<number[]> {
    const { rows } = await this.db.pool.query<{ leaf_count: number }>(
      'SELECT leaf_count FROM audit_checkpoints WHERE tenant = $1 AND note IS NOT NULL AND leaf_count < $2 GROUP BY leaf_count ORDER BY leaf_count DESC LIMIT $3',
      [tenant, size, limit],
    );
    return rows.map((r) => r.leaf_count);
  }

  // ---- cosignatures ----------------------------------------------------------------------------

  /** Stores a cosignature; false when the same witness key already cosigned this checkpoint. */
  async insertCosignature(c: { tenant: string; checkpointId: string; witness: string; keyId: string; line: string; signedAt: Date }): Promise<boolean> {
    const { rowCount } = await this.db.pool.query(
      `INSERT INTO audit_cosignatures (tenant, checkpoint_id, witness, key_id, line, signed_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (checkpoint_id, witness, key_id) DO NOTHING`,
      [c.tenant, c.checkpointId, c.witness, c.keyId, c.line, c.signedAt],
    );
    return rowCount === 1;
  }

  async cosignatures(tenant: string, checkpointIds: string[]): Promise<CosignatureRow[]> {
    if (!checkpointIds.length) return [];
    const { rows } = await this.db.pool.query<CosignatureRow>(
      'SELECT checkpoint_id, witness, key_id, line, signed_at FROM audit_cosignatures WHERE tenant = $1 AND checkpoint_id = ANY($2::bigint[]) ORDER BY id',
      [tenant, checkpointIds],
    );
    return rows;
  }
}

function toLeafWithEvent(r: Record<string, unknown>): LeafWithEvent {
  const event =
    r.e_id === null
      ? null
      : ({
          id: r.e_id,
          instance_id: r.instance_id,
          tenant: r.e_tenant,
          seq: r.seq,
          event_type: r.event_type,
          payload: r.payload,
          actor_id: r.actor_id,
          actor_role: r.actor_role,
          occurred_at: r.occurred_at,
          idempotency_key: r.idempotency_key,
          state_before: r.state_before,
          state_after: r.state_after,
          prev_hash: r.prev_hash,
          hash: r.hash,
        } as unknown as EventRow);
  return { leaf_index: r.leaf_index as string, event_id: r.event_id as string, leaf_instance: r.leaf_instance as string, leaf_seq: r.leaf_seq as number, event_hash: r.event_hash as string, event };
}

export function toCheckpoint(r: Record<string, unknown>): CheckpointEntity {
  return {
    id: String(r.id),
    tenant: r.tenant as string,
    root: r.root as string,
    leafCount: r.leaf_count as number,
    leaves: (r.leaves as Leaf[] | null) ?? null,
    note: (r.note as string | null) ?? null,
    timestampToken: (r.timestamp_token as string | null) ?? null,
    previousRoot: (r.previous_root as string | null) ?? null,
    conflicts: r.conflicts as Conflict[],
    signature: r.signature as string,
    publicKey: r.public_key as string,
    keyFingerprint: r.key_fingerprint as string,
    createdAt: r.created_at as Date,
  };
}
