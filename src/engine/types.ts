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

export interface SendEvent {
  type: string;
  payload?: Record<string, unknown>;
  idempotencyKey?: string;
  /** When given, the event is refused unless the instance is still at this version. */
  expectedVersion?: number;
  /** Set by the generic HTTP API: a workflow type a module claims is refused (its module looks the facts up). */
  unclaimedOnly?: boolean;
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

export interface AppliedEvent {
  instanceId: string;
  event: EventRecord;
  state: StateValue;
  version: number;
  allowedEvents: string[];
  /** True when the idempotency key had been seen: this is the first response again, nothing written. */
  replayed: boolean;
  /** Outbox rows written by this event. */
  outbox: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
