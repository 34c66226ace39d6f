import type { PoolClient } from 'pg';
import type { StateValue } from 'xstate';

export type Role = 'clerk' | 'office' | 'auditor' | 'admin' | 'system';

export interface Actor {
  id: string;
  role: string;
}

/** Who is asking, and for which Körperschaft. Every engine call carries one. */
export interface RequestContext {
  tenant: string;
  actor: Actor;
}

/** One event for one instance, as the engine's `apply` takes it. */
export interface Command {
  type: string;
  /** The payload, or a look-up of the facts the rule needs, run inside the event's transaction after the instance is locked. */
  payload?: Record<string, unknown> | ((tx: PoolClient, instance: InstanceRecord) => Record<string, unknown> | Promise<Record<string, unknown>>);
  /** Sent again with the same request, the first event is answered and nothing is written. */
  idempotencyKey?: string;
  /** What a repeated idempotency key is compared by (e.g. a hash of route and body); defaults to type and payload. */
  requestHash?: string;
  /** When given, the event is refused (412) unless the instance is still at this version. */
  expectedVersion?: number;
  /** The instance must be of this type; any other is "not found" as `noun`. */
  of?: { type: string; noun: string };
  /** Set by the generic HTTP API: a workflow type a module claims is refused (its module looks the facts up). */
  unclaimedOnly?: boolean;
  /** Writes that belong to the event (agenda rows, a second instance's event), in its transaction. */
  after?: (tx: PoolClient, applied: Applied) => Promise<void>;
}

export interface InstanceRecord {
  id: string;
  tenant: string;
  workflowType: string;
  machineVersion: number;
  title: string;
  state: StateValue;
  status: string;
  context: unknown;
  version: number;
  allowedEvents: string[];
  headHash: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface EventRecord {
  instanceId: string;
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: Actor;
  at: Date;
  idempotencyKey: string | null;
  stateBefore: unknown;
  stateAfter: unknown;
  prevHash: string;
  hash: string;
}

/** What `apply` answers: the instance as the event left it (no second read needed) and the event. */
export interface Applied {
  instance: InstanceRecord;
  event: EventRecord;
  /** True when the idempotency key had been seen: the first event again, nothing written. */
  replayed: boolean;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
