import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';

/** The fields of an event that the chain protects. Changing any of them breaks every later hash. */
export interface HashedEvent {
  instanceId: string;
  seq: number;
  type: string;
  payload: unknown;
  actor: { id: string; role: string };
  /** ISO 8601 UTC, from the injected clock. */
  at: string;
  idempotencyKey: string | null;
  stateBefore: unknown;
  stateAfter: unknown;
}

export interface HashedGenesis {
  instanceId: string;
  tenant: string;
  workflowType: string;
  machineVersion: number;
  input: unknown;
  createdBy: string;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The chain starts from a hash of what the instance was created with. */
export function genesisHash(g: HashedGenesis): string {
  return sha256(canonicalJson({ genesis: g }));
}

export function eventHash(e: HashedEvent, prevHash: string): string {
  return sha256(canonicalJson({ ...e, prevHash }));
}
