import { Injectable, Logger } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { initialTransition, type AnyMachineSnapshot, type EventObject, type StateValue } from 'xstate';
import type { WorkflowDefinition } from '../../workflows';
import { canonicalJson } from '../common/canonical-json';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/pg-errors';
import { DomainError, notFound } from '../common/problem';
import { Database, isRetryable } from './database';
import { MetricsService } from '../metrics/metrics.service';
import { EngineRepository, type EventRow, type LockedRow, type Projection } from './engine.repository';

export type { EventRow } from './engine.repository';
import { eventHash, genesisHash, sha256 } from './hash';
import { OutboxDispatcher } from './outbox.dispatcher';
import { accepts } from '../../workflows/shared/rules-kit';
import { acceptedEvents, allowedNow, pureTransition, restoreSnapshot, WorkflowRegistry } from './registry';
import type { Actor, Applied, Command, EventRecord, InstanceRecord, Page, RequestContext } from './types';

const MAX_ATTEMPTS = 5;

/** A create request's Idempotency-Key and the fingerprint of its body. */
export interface Idempotency {
  key: string;
  requestHash: string;
}

/** The fingerprint of a create request: what a repeated key is compared by. */
export const creationHash = (body: unknown): string => sha256(canonicalJson({ command: 'create', body }));
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
  private readonly rowProjections = new Map<string, RowProjection>();
  /** Roles that may read the raw context and payloads of a type (which may hold non-public content). */
  private readonly rawReaders = new Map<string, readonly string[]>();

  constructor(
    private readonly db: Database,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
    private readonly outbox: OutboxDispatcher,
    private readonly repository: EngineRepository,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * A domain module claims a workflow type: its events must go through the module's endpoints.
   * `options.row` is the type's listing upsert as one statement: the engine runs it inside its own
   * append statement (one round trip less per event than a projector's query); `projector` runs
   * after the append for anything else.
   */
  claim(type: string, endpoint: string, projector?: Projector, options: { rawReaders?: readonly string[]; row?: RowProjection } = {}): void {
    this.domainOwned.set(type, endpoint);
    if (projector) this.projectors.set(type, projector);
    if (options.row) this.rowProjections.set(type, options.row);
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

  /**
   * Starts an instance of the latest version of `type`. One transaction: the facts look-up (`input` as
   * a function), the instance row, its outbox rows, the projection and `after`.
   */
  async create(
    ctx: RequestContext,
    type: string,
    input: unknown,
    options: {
      after?: (tx: PoolClient, instance: InstanceRecord) => Promise<void>;
      /** The request's Idempotency-Key and fingerprint, kept on the instance (see `createOnce`). */
      idempotency?: Idempotency;
    } = {},
  ): Promise<InstanceRecord> {
    const definition = this.registry.latest(type);
    const record = await this.db.transaction(async (client) => {
      const plain = normalise(typeof input === 'function' ? await (input as (tx: PoolClient) => unknown)(client) : input, 'input');
      const violations = definition.admit?.(plain, this.clock.now().toISOString()) ?? [];
      if (violations.length) throw new DomainError(422, violations[0]!.code, violations.map((v) => v.message).join(' '), { violations });
      let snapshot: AnyMachineSnapshot;
      let actions: { type: string; params?: unknown }[];
      try {
        [snapshot, actions] = initialTransition(definition.machine, plain as never) as [AnyMachineSnapshot, typeof actions];
      } catch (error) {
        throw new DomainError(422, 'WORKFLOW.INVALID_INPUT', `The ${type} workflow cannot start with this input: ${(error as Error).message}`);
      }
      if (snapshot.status === 'error') throw new DomainError(422, 'WORKFLOW.INVALID_INPUT', `The ${type} workflow cannot start with this input.`);
      const inserted = await this.repository.insertInstance(
        client, ctx.tenant, type, definition.version, json(plain), json(snapshot.value), snapshot.status, json(definition.machine.getPersistedSnapshot(snapshot)),
        (id) => genesisHash({ instanceId: id, tenant: ctx.tenant, workflowType: type, machineVersion: definition.version, input: plain, createdBy: ctx.actor.id }),
        ctx.actor.id, this.clock.now(), options.idempotency ?? null,
      );
      await this.writeOutbox(client, inserted.id, ctx.tenant, 0, actions);
      const created = this.toInstance(inserted, snapshot, definition);
      const row = this.rowProjections.get(type);
      if (row) await this.repository.project(client, row(created));
      await this.projectors.get(type)?.(client, created, undefined);
      await options.after?.(client, created);
      return created;
    });
    this.outbox.kick();
    return record;
  }

  /**
   * Applies one event in its own transaction and answers with the instance as the event left it.
   * Inside the transaction, in this order: lock the instance (and find an earlier event with the same
   * idempotency key), check the expected version, look up the facts (`payload` as a function), run the
   * machine's pure step, append the hashed event, move the instance on, write outbox rows, project, and
   * run `after`. Version conflicts, serialization failures and deadlocks re-run all of it.
   * Refusals write nothing: 409 when the state does not handle the event (with the machine's own code
   * when its `explain` says why), 422 with the rule's code when a guard refuses it; both name the
   * events allowed now.
   */
  async apply(ctx: RequestContext, instanceId: string, command: Command): Promise<Applied> {
    const started = performance.now();
    const seen: { type?: string } = {};
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.db.transaction((client) => this.applyWithin(client, ctx, instanceId, command, seen));
        if (result.outbox > 0) this.outbox.kick();
        if (!result.replayed) this.metrics.transitionApplied(result.instance.workflowType, performance.now() - started);
        return { instance: result.instance, event: result.event, replayed: result.replayed };
      } catch (error) {
        if (seen.type && error instanceof DomainError) this.metrics.transitionRefused(seen.type, error.code);
        const conflict = error instanceof VersionConflict || isRetryable(error);
        if (!conflict) throw error;
        if (attempt >= MAX_ATTEMPTS) {
          throw new DomainError(409, 'WORKFLOW.VERSION_CONFLICT', `Instance ${instanceId} kept changing underneath this event; gave up after ${attempt} attempts. Nothing was written; send it again.`);
        }
        await sleep(attempt * 5 + Math.floor(Math.random() * 10));
      }
    }
  }

  /**
   * The same step inside a transaction someone else owns: only for `after` effects that must move a
   * second instance in the first one's transaction (a cancelled meeting unschedules its motions).
   * The owner retries; the outbox is kicked by the owner's commit.
   */
  async applyWithin(client: PoolClient, ctx: RequestContext, instanceId: string, command: Command, seen: { type?: string } = {}): Promise<Applied & { outbox: number }> {
    const row = await this.repository.lockForEvent(client, instanceId, ctx.tenant, command.idempotencyKey ?? null);
    if (!row || (command.of && command.of.type !== row.workflow_type)) throw notFound(command.of?.noun ?? 'Workflow instance', instanceId);
    seen.type = row.workflow_type; // for the metrics: refusals are counted per workflow
    if (command.unclaimedOnly) this.refuseClaimed(row.workflow_type);
    const definition = this.registry.get(row.workflow_type, row.machine_version);
    const snapshot = restoreSnapshot(definition.machine, row.snapshot, `instance ${instanceId}`);
    const current = this.toInstance(row, snapshot, definition);

    let payload: Record<string, unknown> | undefined;
    const resolvePayload = async () => (payload ??= normalise(typeof command.payload === 'function' ? await command.payload(client, current) : (command.payload ?? {}), 'payload'));
    const fingerprint = async () => command.requestHash ?? requestHash(command.type, await resolvePayload());

    if (command.idempotencyKey) {
      // If the row moved on while we waited for the lock, an event with this key may have committed since: look again.
      const first = row.first_event ?? (row.version_seen !== row.version ? await this.repository.findIdempotent(client, instanceId, command.idempotencyKey) : undefined);
      if (first) {
        const same = first.request_hash
          ? first.event_type === command.type && first.request_hash === (await fingerprint())
          : first.event_type === command.type && canonicalJson(first.payload) === canonicalJson(await resolvePayload());
        if (!same) {
          throw new DomainError(422, 'WORKFLOW.IDEMPOTENCY_KEY_REUSED', `Idempotency key "${command.idempotencyKey}" was already used for a different request (#${first.seq} ${first.event_type}). Nothing was written.`, { seq: first.seq });
        }
        return { instance: current, event: toEventRecord(first), replayed: true, outbox: 0 };
      }
    }
    if (command.expectedVersion !== undefined && command.expectedVersion !== row.version) {
      throw new DomainError(412, 'WORKFLOW.STALE_VERSION', `You expected version ${command.expectedVersion}, but the instance is at version ${row.version}. Reload it and decide again; nothing was written.`, { currentVersion: row.version, allowedEvents: current.allowedEvents });
    }

    const allowed = current.allowedEvents;
    if (!acceptedEvents(snapshot).includes(command.type)) {
      // the machine may say why in its own words (e.g. MOTION.ALREADY_DECIDED); still a 409
      const violations = safeExplain(definition, snapshot, { type: command.type, at: this.clock.now().toISOString(), actor: ctx.actor } as EventObject);
      throw new DomainError(
        409,
        violations[0]?.code ?? 'WORKFLOW.EVENT_NOT_ALLOWED',
        violations.length ? violations.map((v) => v.message).join(' ') : `"${command.type}" is not possible while the ${row.workflow_type} is in state ${describeState(snapshot.value)}. Allowed now: ${allowed.join(', ') || 'nothing (finished)'}.`,
        { state: snapshot.value, allowedEvents: allowed, ...(violations.length ? { violations } : {}) },
      );
    }
    const body = await resolvePayload();
    const clash = RESERVED_PAYLOAD_KEYS.filter((k) => k in body);
    if (clash.length) throw new DomainError(400, 'WORKFLOW.RESERVED_PAYLOAD_KEY', `Payload fields ${clash.join(', ')} are set by the engine, not the caller.`);
    const at = this.clock.now();
    // The machine sees exactly what the log stores: the normalised payload plus type, time and actor.
    const event = { ...body, type: command.type, at: at.toISOString(), actor: { id: ctx.actor.id, role: ctx.actor.role } } as EventObject;
    if (!accepts(snapshot, event)) {
      const violations = safeExplain(definition, snapshot, event);
      const first = violations[0];
      throw new DomainError(
        422,
        first?.code ?? 'WORKFLOW.GUARD_REFUSED',
        first ? violations.map((v) => v.message).join(' ') : `"${command.type}" is not possible with these facts in state ${describeState(snapshot.value)}.`,
        { state: snapshot.value, violations, allowedEvents: allowed },
      );
    }
    const [next, actions] = this.step(definition, snapshot, event);

    const seq = row.version + 1;
    const stateBefore: StateValue = snapshot.value as StateValue;
    const stateAfter: StateValue = next.value as StateValue;
    const idempotencyKey = command.idempotencyKey ?? null;
    const hash = eventHash({ instanceId, seq, type: command.type, payload: body, actor: ctx.actor, at: at.toISOString(), idempotencyKey, stateBefore, stateAfter }, row.head_hash);
    const written: EventRecord = {
      instanceId,
      seq,
      type: command.type,
      payload: body,
      actor: { id: ctx.actor.id, role: ctx.actor.role },
      at,
      idempotencyKey,
      stateBefore,
      stateAfter,
      prevHash: row.head_hash,
      hash,
    };
    const instance = this.toInstance({ ...row, version: seq, head_hash: hash, updated_at: at }, next, definition);
    const appended = await this.repository.appendEvent(
      client,
      {
        instanceId, tenant: ctx.tenant, seq, type: command.type, payload: json(body), actorId: ctx.actor.id, actorRole: ctx.actor.role, at, idempotencyKey,
        stateBefore: json(stateBefore), stateAfter: json(stateAfter), prevHash: row.head_hash, hash, requestHash: idempotencyKey ? await fingerprint() : null,
        snapshot: json(definition.machine.getPersistedSnapshot(next)), status: next.status, expectedVersion: row.version,
      },
      this.rowProjections.get(row.workflow_type)?.(instance),
    );
    if (!appended) throw new VersionConflict();
    const outbox = await this.writeOutbox(client, instanceId, ctx.tenant, seq, actions);
    await this.projectors.get(row.workflow_type)?.(client, instance, written);
    const applied = { instance, event: written, replayed: false };
    await command.after?.(client, applied);
    return { ...applied, outbox };
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
    if ((await this.repository.countInstances(tx, ctx.tenant, [from, to])) !== (from === to ? 1 : 2)) throw notFound('Workflow instance', `${from} or ${to}`);
    await this.repository.upsertLink(tx, ctx.tenant, from, to, relation);
  }

  /**
   * Creation under an Idempotency-Key, for every create route (command tables and the generic API).
   * The key is looked up before `create` runs (before any facts, which the first creation may have
   * changed): the same request again answers with the instance it created and writes nothing; another
   * request under the key is 422. A concurrent twin that inserted first is found the same way after
   * the unique index refuses this one. Without a key, `create` just runs.
   */
  async createOnce(ctx: RequestContext, type: string, noun: string, idempotency: Idempotency | undefined, create: () => Promise<InstanceRecord>): Promise<{ instance: InstanceRecord; replayed: boolean }> {
    const earlier = idempotency && (await this.earlierCreation(ctx, type, noun, idempotency));
    if (earlier) return { instance: earlier, replayed: true };
    try {
      return { instance: await create(), replayed: false };
    } catch (error) {
      const twin = idempotency && isUniqueViolation(error) ? await this.earlierCreation(ctx, type, noun, idempotency) : undefined;
      if (twin) return { instance: twin, replayed: true };
      throw error;
    }
  }

  /** The instance this user created under the key, as it is now; 422 when it was made by another request. */
  private async earlierCreation(ctx: RequestContext, type: string, noun: string, idempotency: Idempotency): Promise<InstanceRecord | undefined> {
    const row = await this.repository.findCreation(ctx.tenant, type, ctx.actor.id, idempotency.key);
    if (!row) return undefined;
    if (row.creation_hash !== idempotency.requestHash) {
      throw new DomainError(
        422,
        'WORKFLOW.IDEMPOTENCY_KEY_REUSED',
        `Idempotency key "${idempotency.key}" was already used to create another ${noun} (${row.id}) with a different request. Nothing was written.`,
        { instanceId: row.id },
      );
    }
    return this.restore(row);
  }

  async get(ctx: RequestContext, id: string): Promise<InstanceRecord> {
    const row = await this.repository.get(id, ctx.tenant);
    if (!row) throw notFound('Workflow instance', id);
    return this.restore(row);
  }

  async list(ctx: RequestContext, filter: { type?: string; status?: string; excludeTypes?: string[] }, page: number, pageSize: number): Promise<Page<InstanceRecord>> {
    const { rows, total } = await this.repository.list(ctx.tenant, filter, page, pageSize);
    return { items: rows.map((row) => this.restore(row)), page, pageSize, total };
  }

  async history(ctx: RequestContext, id: string, page: number, pageSize: number): Promise<Page<EventRecord>> {
    const version = await this.repository.version(id, ctx.tenant);
    if (version === undefined) throw notFound('Workflow instance', id);
    return { items: (await this.repository.events(id, page, pageSize)).map(toEventRecord), page, pageSize, total: version };
  }

  private restore(row: LockedRow): InstanceRecord {
    const definition = this.registry.get(row.workflow_type, row.machine_version);
    return this.toInstance(row, restoreSnapshot(definition.machine, row.snapshot, `instance ${row.id}`), definition);
  }

  private async writeOutbox(client: PoolClient, instanceId: string, tenant: string, seq: number, actions: { type: string; params?: unknown }[]): Promise<number> {
    const effects = actions.filter((a) => !a.type.startsWith('xstate.'));
    for (const action of effects) await this.repository.insertOutbox(client, instanceId, tenant, seq, action.type, json(action.params ?? null));
    return effects.length;
  }

  private toInstance(row: LockedRow, snapshot: AnyMachineSnapshot, definition: WorkflowDefinition): InstanceRecord {
    const at = this.clock.now().toISOString();
    let allowed: string[] | undefined;
    return {
      id: row.id,
      tenant: row.tenant,
      workflowType: row.workflow_type,
      machineVersion: row.machine_version,
      state: snapshot.value as StateValue,
      status: snapshot.status,
      context: snapshot.context as unknown,
      version: row.version,
      // what the state offers and its rules allow now: the same source as every "next steps" list
      get allowedEvents() {
        return (allowed ??= allowedNow(definition, snapshot, at));
      },
      headHash: row.head_hash,
      createdBy: row.created_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      title: definition.title,
    };
  }

}

export type Projector = (client: PoolClient, instance: InstanceRecord, event: EventRecord | undefined) => Promise<void>;

/** A claimed type's listing upsert for an instance as it now is: one statement, no reads of its own (see EngineService.claim). */
export type RowProjection = (instance: InstanceRecord) => Projection;
export type { Projection } from './engine.repository';

class VersionConflict extends Error {}

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
    return definition.explain(snapshot as never, event);
  } catch {
    return [];
  }
}

export function describeState(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  return JSON.stringify(value);
}

const json = (value: unknown): string => JSON.stringify(value ?? null);

/** The fingerprint a repeated Idempotency-Key is compared by, when the caller gives none of its own. */
const requestHash = (type: string, payload: unknown): string => sha256(canonicalJson({ type, payload }));

/**
 * The value exactly as the log stores it: plain JSON, undefined fields dropped, class instances made
 * plain. Numbers JSON cannot hold (Infinity, NaN: `1e400` parses to Infinity) are the caller's error.
 */
export function normalise<T>(value: T, what: string): T extends undefined ? Record<string, unknown> : T {
  const text = JSON.stringify(value ?? {}, (key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new DomainError(400, 'VALIDATION.NON_FINITE_NUMBER', `The ${what} holds a number JSON cannot represent${key ? ` at "${key}"` : ''}; numbers must be finite.`, { field: key || null });
    }
    if (typeof v === 'bigint') throw new DomainError(400, 'VALIDATION.FAILED', `The ${what} holds a value JSON cannot represent${key ? ` at "${key}"` : ''}.`);
    return v;
  });
  return JSON.parse(text) as never;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
