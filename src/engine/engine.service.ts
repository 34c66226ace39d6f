import { Injectable, Logger } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { initialTransition, type AnyMachineSnapshot, type EventObject, type StateValue } from 'xstate';
import type { WorkflowDefinition } from '../../workflows';
import { canonicalJson } from '../common/canonical-json';
import { MetricsService } from '../metrics/metrics.service';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/problem';
import { Database, isRetryable } from './database';
import { eventHash, genesisHash } from './hash';
import { OutboxDispatcher } from './outbox.dispatcher';
import { acceptedEvents, acceptedEventsAt, pureTransition, restoreSnapshot, WorkflowRegistry } from './registry';
import type { Actor, AppliedEvent, EventRecord, InstanceRecord, Page, RequestContext, SendEvent } from './types';

const MAX_ATTEMPTS = 5;
const RESERVED_PAYLOAD_KEYS = ['type', 'at', 'actor'];

/**
 * Runs any registered machine against PostgreSQL. One event is one transaction:
 * lock the instance row, compute the next snapshot with XState's pure `transition()`,
 * append the hashed event, update the instance with a version check, write outbox rows, commit.
 * Side effects run only after commit. Domain rules live in the machines, not here.
 */
@Injectable()
export class EngineService {
  private readonly logger = new Logger(EngineService.name);
  /** Workflow types whose events need facts looked up by a domain service; the generic API refuses them. */
  private readonly domainOwned = new Map<string, string>();
  private readonly projectors = new Map<string, Projector>();
  /** Roles that may read the raw context and payloads of a type (which may hold non-public content). */
  private readonly rawReaders = new Map<string, readonly string[]>();

  constructor(
    private readonly db: Database,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
    private readonly outbox: OutboxDispatcher,
    private readonly metrics: MetricsService,
  ) {}

  /** A domain module claims a workflow type: its events must go through the module's endpoints. */
  claim(type: string, endpoint: string, projector?: Projector, options: { rawReaders?: readonly string[] } = {}): void {
    this.domainOwned.set(type, endpoint);
    if (projector) this.projectors.set(type, projector);
    if (options.rawReaders) this.rawReaders.set(type, options.rawReaders);
  }

  /** Whether a role may see an instance's raw context and event payloads (the domain API shapes them otherwise). */
  mayReadRaw(type: string, role: string): boolean {
    return this.rawReaders.get(type)?.includes(role) ?? true;
  }

  /** Types whose raw records a role may not read: left out of the generic instance list. */
  hiddenTypes(role: string): string[] {
    return [...this.rawReaders.keys()].filter((type) => !this.mayReadRaw(type, role));
  }

  ownerOf(type: string): string | undefined {
    return this.domainOwned.get(type);
  }

  /** The generic API may not drive a claimed type: its events need facts only its module looks up. */
  refuseClaimed(type: string): void {
    const endpoint = this.domainOwned.get(type);
    if (endpoint) {
      throw new DomainError(409, 'WORKFLOW.USE_DOMAIN_API', `The ${type} workflow needs facts looked up by its module; use ${endpoint} instead of the generic engine API.`, { endpoint });
    }
  }

  async create(ctx: RequestContext, type: string, input: unknown, tx?: PoolClient): Promise<InstanceRecord> {
    const definition = this.registry.latest(type);
    let snapshot: AnyMachineSnapshot;
    let actions: { type: string; params?: unknown }[];
    try {
      [snapshot, actions] = initialTransition(definition.machine, input as never) as [AnyMachineSnapshot, typeof actions];
    } catch (error) {
      throw new DomainError(422, 'WORKFLOW.INVALID_INPUT', `The ${type} workflow cannot start with this input: ${(error as Error).message}`);
    }
    if (snapshot.status === 'error') throw new DomainError(422, 'WORKFLOW.INVALID_INPUT', `The ${type} workflow cannot start with this input.`);
    const persisted = definition.machine.getPersistedSnapshot(snapshot);
    const now = this.clock.now();
    const work = async (client: PoolClient): Promise<InstanceRecord> => {
      const { rows } = await client.query<{ id: string }>('SELECT gen_random_uuid() AS id');
      const id = rows[0]!.id;
      const head = genesisHash({ instanceId: id, tenant: ctx.tenant, workflowType: type, machineVersion: definition.version, input, createdBy: ctx.actor.id });
      const inserted = await client.query<InstanceRow>(
        `INSERT INTO workflow_instances (id, tenant, workflow_type, machine_version, input, state_value, status, snapshot, version, head_hash, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $11) RETURNING *`,
        [id, ctx.tenant, type, definition.version, json(input), json(snapshot.value), snapshot.status, json(persisted), head, ctx.actor.id, now],
      );
      await this.writeOutbox(client, id, ctx.tenant, 0, actions);
      const record = this.toInstance(inserted.rows[0]!, snapshot, definition);
      await this.projectors.get(type)?.(client, record, undefined);
      return record;
    };
    const record = tx ? await work(tx) : await this.db.transaction(work);
    if (!tx) this.outbox.kick();
    return record;
  }

  /**
   * Applies one event. Refusals write nothing: 409 when the state does not handle the event,
   * 422 with the rule's code when a guard refuses it. Both name the events allowed now.
   */
  async apply(ctx: RequestContext, instanceId: string, command: SendEvent, tx?: PoolClient): Promise<AppliedEvent> {
    const payload = command.payload ?? {};
    const clash = RESERVED_PAYLOAD_KEYS.filter((k) => k in payload);
    if (clash.length) throw new DomainError(400, 'WORKFLOW.RESERVED_PAYLOAD_KEY', `Payload fields ${clash.join(', ')} are set by the engine, not the caller.`);
    if (tx) return this.metered((seen) => this.applyOnce(tx, ctx, instanceId, command, payload, seen));
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.metered((seen) => this.db.transaction((client) => this.applyOnce(client, ctx, instanceId, command, payload, seen)));
        if (result.outbox > 0) this.outbox.kick();
        return result;
      } catch (error) {
        const conflict = error instanceof VersionConflict || isRetryable(error);
        if (!conflict) throw error;
        if (attempt >= MAX_ATTEMPTS) {
          throw new DomainError(409, 'WORKFLOW.VERSION_CONFLICT', `Instance ${instanceId} kept changing underneath this event; gave up after ${attempt} attempts. Nothing was written; send it again.`);
        }
        await sleep(attempt * 5 + Math.floor(Math.random() * 10));
      }
    }
  }

  /** Reports an applied or refused transition to the metrics; applyOnce names the workflow type once the row is locked. */
  private async metered(run: (seen: { type?: string }) => Promise<AppliedEvent>): Promise<AppliedEvent> {
    const seen: { type?: string } = {};
    const started = performance.now();
    try {
      const result = await run(seen);
      if (seen.type && !result.replayed) this.metrics.transitionApplied(seen.type, performance.now() - started);
      return result;
    } catch (error) {
      if (seen.type && error instanceof DomainError) this.metrics.transitionRefused(seen.type, error.code);
      throw error;
    }
  }

  private async applyOnce(client: PoolClient, ctx: RequestContext, instanceId: string, command: SendEvent, payload: Record<string, unknown>, seen: { type?: string } = {}): Promise<AppliedEvent> {
    // Locks the instance and looks up the idempotency key in one round trip. Not `input` (the creation
    // facts, often the largest value): the step never reads it.
    const found = await client.query<LockedRow & { version_seen: number | null; first_event: EventJson | null }>({
      name: 'bw_lock_instance',
      text: `SELECT i.id, i.tenant, i.workflow_type, i.machine_version, i.snapshot, i.version, i.head_hash, i.created_by, i.created_at, i.updated_at,
                    (SELECT version FROM workflow_instances WHERE id = $1) AS version_seen,
                    (SELECT to_jsonb(e) FROM workflow_events e WHERE e.instance_id = $1 AND e.idempotency_key = $3) AS first_event
             FROM workflow_instances i WHERE i.id = $1 AND i.tenant = $2 FOR UPDATE OF i`,
      values: [instanceId, ctx.tenant, command.idempotencyKey ?? null],
    });
    const row = found.rows[0];
    if (!row) throw notFound('Workflow instance', instanceId);
    seen.type = row.workflow_type;
    if (command.unclaimedOnly) this.refuseClaimed(row.workflow_type);
    const definition = this.registry.get(row.workflow_type, row.machine_version);

    if (command.idempotencyKey) {
      // The sub-selects see the statement's snapshot, taken before the lock was granted. If the row moved
      // on meanwhile (version_seen lags), an event with this key may have committed since: look again.
      const first = row.first_event
        ? fromEventJson(row.first_event)
        : row.version_seen !== row.version
          ? await this.findIdempotent(client, instanceId, command.idempotencyKey)
          : undefined;
      if (first) {
        if (first.event_type !== command.type || canonicalJson(first.payload) !== canonicalJson(payload)) {
          throw new DomainError(422, 'WORKFLOW.IDEMPOTENCY_KEY_REUSED', `Idempotency key "${command.idempotencyKey}" was already used for a different event (#${first.seq} ${first.event_type}).`);
        }
        return { ...this.toApplied(first, definition), replayed: true, outbox: 0 };
      }
    }
    if (command.expectedVersion !== undefined && command.expectedVersion !== row.version) {
      throw new DomainError(409, 'WORKFLOW.STALE_VERSION', `You expected version ${command.expectedVersion}, but the instance is at version ${row.version}. Reload it and decide again.`, { currentVersion: row.version });
    }

    const snapshot = restoreSnapshot(definition.machine, row.snapshot, `instance ${instanceId}`);
    const at = this.clock.now();
    const event = { ...payload, type: command.type, at: at.toISOString(), actor: ctx.actor } as EventObject;
    const allowed = acceptedEvents(snapshot);
    if (!allowed.includes(command.type)) {
      throw new DomainError(409, 'WORKFLOW.EVENT_NOT_ALLOWED', `"${command.type}" is not possible while the ${row.workflow_type} is in state ${describeState(snapshot.value)}. Allowed now: ${allowed.join(', ') || 'nothing (finished)'}.`, { state: snapshot.value, allowedEvents: allowed });
    }
    const [next, actions] = this.step(definition, snapshot, event);
    if (next === snapshot) {
      const violations = safeExplain(definition, snapshot, event);
      const first = violations[0];
      throw new DomainError(
        422,
        first?.code ?? 'WORKFLOW.GUARD_REFUSED',
        first ? violations.map((v) => v.message).join(' ') : `"${command.type}" is not possible with these facts in state ${describeState(snapshot.value)}.`,
        { state: snapshot.value, violations, allowedEvents: allowed },
      );
    }

    const seq = row.version + 1;
    const stateBefore: StateValue = snapshot.value as StateValue;
    const stateAfter: StateValue = next.value as StateValue;
    const hash = eventHash(
      { instanceId, seq, type: command.type, payload, actor: ctx.actor, at: at.toISOString(), idempotencyKey: command.idempotencyKey ?? null, stateBefore, stateAfter },
      row.head_hash,
    );
    const payloadJson = json(payload);
    const written: EventRecord = {
      instanceId,
      seq,
      type: command.type,
      payload: JSON.parse(payloadJson) as Record<string, unknown>, // as stored: plain JSON, not the caller's object
      actor: { id: ctx.actor.id, role: ctx.actor.role },
      at,
      idempotencyKey: command.idempotencyKey ?? null,
      stateBefore,
      stateAfter,
      prevHash: row.head_hash,
      hash,
    };
    // One statement, one round trip: append the event and move the instance on with the version check.
    // The count is the UPDATE's; 0 rolls the whole transaction back, event included. No RETURNING:
    // the row holds nothing we do not already have.
    const updated = await client.query({
      name: 'bw_append_event',
      text: `WITH event AS (
               INSERT INTO workflow_events (instance_id, tenant, seq, event_type, payload, actor_id, actor_role, occurred_at, idempotency_key, state_before, state_after, prev_hash, hash)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             )
             UPDATE workflow_instances SET snapshot = $14, state_value = $11, status = $15, version = $3, head_hash = $13, updated_at = $8
             WHERE id = $1 AND version = $16`,
      // $1–$13 the event row; $14–$16 only the instance needs
      values: [
        instanceId, ctx.tenant, seq, command.type, payloadJson, ctx.actor.id, ctx.actor.role, at, written.idempotencyKey, json(stateBefore), json(stateAfter), row.head_hash, hash,
        json(definition.machine.getPersistedSnapshot(next)), next.status, row.version,
      ],
    });
    if (updated.rowCount !== 1) throw new VersionConflict();
    const outbox = await this.writeOutbox(client, instanceId, ctx.tenant, seq, actions);
    const applied: Omit<AppliedEvent, 'replayed' | 'outbox'> = { instanceId, event: written, state: stateAfter, version: seq, allowedEvents: acceptedEvents(next) };
    const projector = this.projectors.get(row.workflow_type);
    if (projector) {
      await projector(client, this.toInstance({ ...row, version: seq, updated_at: at }, next, definition), written);
    }
    return { ...applied, replayed: false, outbox };
  }

  private async findIdempotent(client: PoolClient, instanceId: string, key: string): Promise<EventRow | undefined> {
    const { rows } = await client.query<EventRow>({
      name: 'bw_find_idempotent',
      text: 'SELECT * FROM workflow_events WHERE instance_id = $1 AND idempotency_key = $2',
      values: [instanceId, key],
    });
    return rows[0];
  }

  /** The pure step shared with replay: XState's transition (see pureTransition), with machine errors made explicit. */
  step(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, { type: string; params?: unknown }[]] {
    try {
      const [next, actions] = pureTransition(definition.machine, snapshot, event);
      if (next.status === 'error') throw new Error(String(next.error));
      return [next, actions];
    } catch (error) {
      throw new DomainError(422, 'WORKFLOW.INVALID_EVENT', `The event "${event.type}" could not be processed: ${(error as Error).message}`);
    }
  }

  /**
   * Records that two instances belong to one decision (e.g. a motion `authorises` a selection
   * procedure), so the audit's decision record shows their histories together.
   */
  async link(ctx: RequestContext, from: string, to: string, relation: string, tx?: PoolClient): Promise<void> {
    const run = tx ?? this.db.pool;
    const { rows } = await run.query<{ n: string }>('SELECT count(*) AS n FROM workflow_instances WHERE tenant = $1 AND id = ANY($2::uuid[])', [ctx.tenant, [from, to]]);
    if (Number(rows[0]!.n) !== (from === to ? 1 : 2)) throw notFound('Workflow instance', `${from} or ${to}`);
    await run.query(
      `INSERT INTO workflow_links (tenant, from_instance, to_instance, relation) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant, from_instance, to_instance) DO UPDATE SET relation = EXCLUDED.relation`,
      [ctx.tenant, from, to, relation],
    );
  }

  async get(ctx: RequestContext, id: string): Promise<InstanceRecord> {
    // a named statement (planned once per connection), and no `input`: the record does not show it
    const { rows } = await this.db.pool.query<LockedRow>({
      name: 'bw_get_instance',
      text: `SELECT id, tenant, workflow_type, machine_version, snapshot, version, head_hash, created_by, created_at, updated_at
             FROM workflow_instances WHERE id = $1 AND tenant = $2`,
      values: [id, ctx.tenant],
    });
    const row = rows[0];
    if (!row) throw notFound('Workflow instance', id);
    const definition = this.registry.get(row.workflow_type, row.machine_version);
    return this.toInstance(row, restoreSnapshot(definition.machine, row.snapshot, `instance ${id}`), definition);
  }

  async list(ctx: RequestContext, filter: { type?: string; status?: string; excludeTypes?: string[] }, page: number, pageSize: number): Promise<Page<InstanceRecord>> {
    const where = ['tenant = $1'];
    const params: unknown[] = [ctx.tenant];
    if (filter.type) where.push(`workflow_type = $${params.push(filter.type)}`);
    if (filter.excludeTypes?.length) where.push(`workflow_type <> ALL($${params.push(filter.excludeTypes)}::text[])`);
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    const total = await this.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM workflow_instances WHERE ${where.join(' AND ')}`, params);
    const { rows } = await this.db.pool.query<InstanceRow>(
      `SELECT * FROM workflow_instances WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    const items = rows.map((row) => {
      const definition = this.registry.get(row.workflow_type, row.machine_version);
      return this.toInstance(row, restoreSnapshot(definition.machine, row.snapshot, `instance ${row.id}`), definition);
    });
    return { items, page, pageSize, total: Number(total.rows[0]!.n) };
  }

  async history(ctx: RequestContext, id: string, page: number, pageSize: number): Promise<Page<EventRecord>> {
    const instance = await this.db.pool.query<{ version: number }>('SELECT version FROM workflow_instances WHERE id = $1 AND tenant = $2', [id, ctx.tenant]);
    if (!instance.rows[0]) throw notFound('Workflow instance', id);
    const { rows } = await this.db.pool.query<EventRow>(
      'SELECT * FROM workflow_events WHERE instance_id = $1 ORDER BY seq LIMIT $2 OFFSET $3',
      [id, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toEventRecord), page, pageSize, total: instance.rows[0].version };
  }

  private async writeOutbox(client: PoolClient, instanceId: string, tenant: string, seq: number, actions: { type: string; params?: unknown }[]): Promise<number> {
    const effects = actions.filter((a) => !a.type.startsWith('xstate.'));
    for (const action of effects) {
      await client.query({
        name: 'bw_insert_outbox',
        text: 'INSERT INTO outbox (instance_id, tenant, seq, action_type, params) VALUES ($1, $2, $3, $4, $5)',
        values: [instanceId, tenant, seq, action.type, json(action.params ?? null)],
      });
    }
    return effects.length;
  }

  private toInstance(row: LockedRow, snapshot: AnyMachineSnapshot, definition: WorkflowDefinition): InstanceRecord {
    return {
      id: row.id,
      tenant: row.tenant,
      workflowType: row.workflow_type,
      machineVersion: row.machine_version,
      state: snapshot.value as StateValue,
      status: snapshot.status,
      context: snapshot.context as unknown,
      version: row.version,
      allowedEvents: acceptedEvents(snapshot),
      headHash: row.head_hash,
      createdBy: row.created_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      title: definition.title,
    };
  }

  private toApplied(row: EventRow, definition: WorkflowDefinition, next?: AnyMachineSnapshot): Omit<AppliedEvent, 'replayed' | 'outbox'> {
    return {
      instanceId: row.instance_id,
      event: toEventRecord(row),
      state: row.state_after as StateValue,
      version: row.seq,
      allowedEvents: next ? acceptedEvents(next) : acceptedEventsAt(definition.machine, row.state_after as StateValue),
    };
  }
}

export type Projector = (client: PoolClient, instance: InstanceRecord, event: EventRecord | undefined) => Promise<void>;

class VersionConflict extends Error {}

interface InstanceRow {
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

/** What the apply path reads of an instance. */
type LockedRow = Omit<InstanceRow, 'input' | 'state_value' | 'status'>;

/** An event row as `to_jsonb` renders it: times become strings. */
type EventJson = Omit<EventRow, 'occurred_at'> & { occurred_at: string };

const fromEventJson = (e: EventJson): EventRow => ({ ...e, occurred_at: new Date(e.occurred_at) });

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
}

export function toEventRecord(row: EventRow): EventRecord {
  return {
    instanceId: row.instance_id,
    seq: row.seq,
    type: row.event_type,
    payload: row.payload,
    actor: { id: row.actor_id, role: row.actor_role } satisfies Actor,
    at: row.occurred_at,
    idempotencyKey: row.idempotency_key,
    stateBefore: row.state_before,
    stateAfter: row.state_after,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function safeExplain(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, event: EventObject) {
  try {
    return definition.explain?.(snapshot as never, event) ?? [];
  } catch {
    return [];
  }
}

export function describeState(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  return JSON.stringify(value);
}

const json = (value: unknown): string => JSON.stringify(value ?? null);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
