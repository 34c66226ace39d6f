import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { Database } from './database';

/** A workflow_instances row. */
export interface InstanceRow {
  id: string;
  tenant: string;
  workflow_type: string;
  machine_version: number;
  input: unknown;
  state_value: unknown;
  status: string;
  snapshot: unknown;
  version: number;
  head_hash: string;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

/** What the apply path reads of an instance (not `input`, often the largest value: the step never reads it). */
export type LockedRow = Omit<InstanceRow, 'input' | 'state_value' | 'status'>;

export interface EventRow {
  id: string;
  instance_id: string;
  tenant: string;
  seq: number;
  event_type: string;
  payload: Record<string, unknown>;
  actor_id: string;
  actor_role: string;
  occurred_at: Date;
  idempotency_key: string | null;
  state_before: unknown;
  state_after: unknown;
  prev_hash: string;
  hash: string;
  request_hash: string | null;
}

/** An event row as `to_jsonb` renders it: times become strings. */
type EventJson = Omit<EventRow, 'occurred_at'> & { occurred_at: string };

export interface NewEvent {
  instanceId: string;
  tenant: string;
  seq: number;
  type: string;
  payload: string;
  actorId: string;
  actorRole: string;
  at: Date;
  idempotencyKey: string | null;
  stateBefore: string;
  stateAfter: string;
  prevHash: string;
  hash: string;
  requestHash: string | null;
  /** The instance's new snapshot and status, and the version the event was decided on. */
  snapshot: string;
  status: string;
  expectedVersion: number;
}

/**
 * One data-modifying statement of a domain module (its listing upsert), numbering its parameters
 * $1…$n. `name` names it as a prepared statement; the text must not depend on the values.
 */
export interface Projection {
  name: string;
  text: string;
  values: unknown[];
}

/**
 * The engine's SQL: instances, events, links and outbox rows. The hot path uses named statements
 * (planned once per connection) and one round trip each for "lock" and "append".
 */
@Injectable()
export class EngineRepository {
  constructor(private readonly db: Database) {}

  async insertInstance(
    client: PoolClient, tenant: string, type: string, version: number, input: string, stateValue: string, status: string, snapshot: string, headHash: (id: string) => string, createdBy: string, at: Date,
    creation: { key: string; requestHash: string } | null = null,
  ): Promise<InstanceRow> {
    const { rows } = await client.query<{ id: string }>('SELECT gen_random_uuid() AS id');
    const id = rows[0]!.id;
    const inserted = await client.query<InstanceRow>(
      `INSERT INTO workflow_instances (id, tenant, workflow_type, machine_version, input, state_value, status, snapshot, version, head_hash, created_by, created_at, updated_at, creation_key, creation_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $11, $12, $13) RETURNING *`,
      [id, tenant, type, version, input, stateValue, status, snapshot, headHash(id), createdBy, at, creation?.key ?? null, creation?.requestHash ?? null],
    );
    return inserted.rows[0]!;
  }

  /** The instance a user created with this Idempotency-Key (per Körperschaft and type), with the creating request's fingerprint. */
  async findCreation(tenant: string, type: string, createdBy: string, key: string): Promise<(LockedRow & { creation_hash: string | null }) | undefined> {
    const { rows } = await this.db.pool.query<LockedRow & { creation_hash: string | null }>(
      `SELECT id, tenant, workflow_type, machine_version, snapshot, version, head_hash, created_by, created_at, updated_at, creation_hash
       FROM workflow_instances WHERE tenant = $1 AND workflow_type = $2 AND created_by = $3 AND creation_key = $4`,
      [tenant, type, createdBy, key],
    );
    return rows[0];
  }

  /**
   * Locks the instance and looks up the idempotency key in one round trip. The sub-selects see the
   * statement's snapshot, taken before the lock was granted: `version_seen` tells whether the row moved
   * on meanwhile (then an event with this key may have committed since, and `findIdempotent` looks again).
   */
  async lockForEvent(client: PoolClient, id: string, tenant: string, idempotencyKey: string | null): Promise<(LockedRow & { version_seen: number | null; first_event: EventRow | null }) | undefined> {
    const found = await client.query<LockedRow & { version_seen: number | null; first_event: EventJson | null }>({
      name: 'bw_lock_instance',
      text: `SELECT i.id, i.tenant, i.workflow_type, i.machine_version, i.snapshot, i.version, i.head_hash, i.created_by, i.created_at, i.updated_at,
                    (SELECT version FROM workflow_instances WHERE id = $1) AS version_seen,
                    (SELECT to_jsonb(e) FROM workflow_events e WHERE e.instance_id = $1 AND e.idempotency_key = $3) AS first_event
             FROM workflow_instances i WHERE i.id = $1 AND i.tenant = $2 FOR UPDATE OF i`,
      values: [id, tenant, idempotencyKey],
    });
    const row = found.rows[0];
    if (!row) return undefined;
    return { ...row, first_event: row.first_event ? { ...row.first_event, occurred_at: new Date(row.first_event.occurred_at) } : null };
  }

  async findIdempotent(client: PoolClient, instanceId: string, key: string): Promise<EventRow | undefined> {
    const { rows } = await client.query<EventRow>({
      name: 'bw_find_idempotent',
      text: 'SELECT * FROM workflow_events WHERE instance_id = $1 AND idempotency_key = $2',
      values: [instanceId, key],
    });
    return rows[0];
  }

  /**
   * Appends the event and moves the instance on with the version check, in one statement, and runs the
   * type's listing upsert (`projection`) in the same statement. False when the instance was not at the
   * expected version (the caller rolls back, event and projection included).
   */
  async appendEvent(client: PoolClient, e: NewEvent, projection?: Projection): Promise<boolean> {
    // $1–$13 and $17 the event row; $14–$16 only the instance needs; the projection's own from $18
    const values = [
      e.instanceId, e.tenant, e.seq, e.type, e.payload, e.actorId, e.actorRole, e.at, e.idempotencyKey, e.stateBefore, e.stateAfter, e.prevHash, e.hash,
      e.snapshot, e.status, e.expectedVersion, e.requestHash,
    ];
    const updated = await client.query({
      name: projection ? `bw_append_event+${projection.name}` : 'bw_append_event',
      text: appendText(projection, values.length),
      values: projection ? [...values, ...projection.values] : values,
    });
    return updated.rowCount === 1;
  }

  /** A listing upsert on its own (at an instance's creation). */
  async project(client: PoolClient, projection: Projection): Promise<void> {
    await client.query(projection);
  }

  async insertOutbox(client: PoolClient, instanceId: string, tenant: string, seq: number, actionType: string, params: string): Promise<void> {
    await client.query({
      name: 'bw_insert_outbox',
      text: 'INSERT INTO outbox (instance_id, tenant, seq, action_type, params) VALUES ($1, $2, $3, $4, $5)',
      values: [instanceId, tenant, seq, actionType, params],
    });
  }

  /** How many of `ids` exist in the tenant. */
  async countInstances(client: PoolClient | undefined, tenant: string, ids: readonly string[]): Promise<number> {
    const { rows } = await (client ?? this.db.pool).query<{ n: string }>('SELECT count(*) AS n FROM workflow_instances WHERE tenant = $1 AND id = ANY($2::uuid[])', [tenant, ids]);
    return Number(rows[0]!.n);
  }

  async upsertLink(client: PoolClient | undefined, tenant: string, from: string, to: string, relation: string): Promise<void> {
    await (client ?? this.db.pool).query(
      `INSERT INTO workflow_links (tenant, from_instance, to_instance, relation) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant, from_instance, to_instance) DO UPDATE SET relation = EXCLUDED.relation`,
      [tenant, from, to, relation],
    );
  }

  async get(id: string, tenant: string): Promise<LockedRow | undefined> {
    const { rows } = await this.db.pool.query<LockedRow>({
      name: 'bw_get_instance',
      text: `SELECT id, tenant, workflow_type, machine_version, snapshot, version, head_hash, created_by, created_at, updated_at
             FROM workflow_instances WHERE id = $1 AND tenant = $2`,
      values: [id, tenant],
    });
    return rows[0];
  }

  /** Lists and histories may lag a little: they are read from the replica when there is one (Database.replica). */
  async list(tenant: string, filter: { type?: string; status?: string; excludeTypes?: string[] }, page: number, pageSize: number): Promise<{ rows: InstanceRow[]; total: number }> {
    const where = ['tenant = $1'];
    const params: unknown[] = [tenant];
    if (filter.type) where.push(`workflow_type = $${params.push(filter.type)}`);
    if (filter.excludeTypes?.length) where.push(`workflow_type <> ALL($${params.push(filter.excludeTypes)}::text[])`);
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    const total = await this.db.replica.query<{ n: string }>(`SELECT count(*) AS n FROM workflow_instances WHERE ${where.join(' AND ')}`, params);
    const { rows } = await this.db.replica.query<InstanceRow>(
      `SELECT * FROM workflow_instances WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { rows, total: Number(total.rows[0]!.n) };
  }

  async version(id: string, tenant: string): Promise<number | undefined> {
    const { rows } = await this.db.replica.query<{ version: number }>('SELECT version FROM workflow_instances WHERE id = $1 AND tenant = $2', [id, tenant]);
    return rows[0]?.version;
  }

  async events(id: string, page: number, pageSize: number): Promise<EventRow[]> {
    const { rows } = await this.db.replica.query<EventRow>('SELECT * FROM workflow_events WHERE instance_id = $1 ORDER BY seq LIMIT $2 OFFSET $3', [id, pageSize, (page - 1) * pageSize]);
    return rows;
  }

  /** Pending outbox rows that are due, claimed for this transaction (other instances skip them). */
  async claimOutbox(client: PoolClient, batch: number): Promise<OutboxRow[]> {
    const { rows } = await client.query<OutboxRow>(
      `SELECT id, instance_id, tenant, seq, action_type, params, attempts FROM outbox
       WHERE status = 'pending' AND available_at <= now() ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batch],
    );
    return rows;
  }

  /** Outbox rows due and not delivered, and the age in seconds of the oldest (0 when none). */
  async outboxBacklog(): Promise<{ n: number; lag: number }> {
    const { rows } = await this.db.pool.query<{ n: number; lag: number }>(
      `SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min(available_at)), 0)::float8 AS lag FROM outbox WHERE status = 'pending' AND available_at <= now()`,
    );
    return rows[0] ?? { n: 0, lag: 0 };
  }

  async outboxDone(client: PoolClient, id: string): Promise<void> {
    await client.query(`UPDATE outbox SET status = 'done', attempts = attempts + 1, processed_at = now(), last_error = NULL WHERE id = $1`, [id]);
  }

  async outboxFailed(client: PoolClient, id: string, status: 'pending' | 'failed', attempts: number, error: string, retryInSeconds: number): Promise<void> {
    await client.query(`UPDATE outbox SET status = $2, attempts = $3, last_error = $4, available_at = now() + make_interval(secs => $5) WHERE id = $1`, [id, status, attempts, error, retryInSeconds]);
  }
}

export interface OutboxRow {
  id: string;
  instance_id: string;
  tenant: string;
  seq: number;
  action_type: string;
  params: unknown;
  attempts: number;
}

const APPEND_EVENT = `WITH event AS (
               INSERT INTO workflow_events (instance_id, tenant, seq, event_type, payload, actor_id, actor_role, occurred_at, idempotency_key, state_before, state_after, prev_hash, hash, request_hash)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $17)
             )%PROJECTION%
             UPDATE workflow_instances SET snapshot = $14, state_value = $11, status = $15, version = $3, head_hash = $13, updated_at = $8
             WHERE id = $1 AND version = $16`;

/** The append statement, with the projection (its parameters renumbered after the engine's own) as one more part of it. */
const appendTexts = new Map<string, string>();
function appendText(projection: Projection | undefined, offset: number): string {
  const key = projection?.name ?? '';
  let text = appendTexts.get(key);
  if (text === undefined) {
    const part = projection ? `, projection AS (${projection.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})` : '';
    appendTexts.set(key, (text = APPEND_EVENT.replace('%PROJECTION%', part)));
  }
  return text;
}
