/**
 * The pure core of verification and replay, shared by the server, the CLI and the offline bundle
 * verifier: no Nest, no database. Given an instance's creation facts and its events in order, it
 * checks the sequence, the hash chain and the replay, and names the first break.
 */
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import type { WorkflowDefinition } from '../../workflows';
import { accepts } from '../../workflows/shared/rules-kit';
import { canonicalJson } from '../common/canonical-json';
import { eventHash, genesisHash, type HashedEvent, type HashedGenesis } from '../engine/hash';

export type ChainEvent = HashedEvent & { prevHash: string; hash: string };

export interface Break {
  instanceId: string;
  seq: number;
  reason: string;
}

export interface Step {
  event: ChainEvent;
  contextBefore: unknown;
  contextAfter: unknown;
  snapshot: AnyMachineSnapshot;
}

/** The event object the machine saw: payload facts plus type, time and actor, exactly as the engine built it. */
export function machineEvent(e: Pick<HashedEvent, 'payload' | 'type' | 'at' | 'actor'>): EventObject {
  return { ...(e.payload as object), type: e.type, at: e.at, actor: e.actor } as EventObject;
}

/** Equal as canonical JSON. State values are mostly plain strings: compared directly. */
const same = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? a === b : canonicalJson(a) === canonicalJson(b));

/** One pure step: the next snapshot for an event, no actions run. */
export type Fold = (machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject) => AnyMachineSnapshot;

const xstateFold: Fold = (machine, snapshot, event) => transition(machine, snapshot as never, event as never)[0] as AnyMachineSnapshot;

/**
 * Folds events through the pinned machine with the pure transition function, checking everything
 * on the way. Side effects are never run: transition() only returns them.
 */
export class ChainVerifier {
  private snapshot: AnyMachineSnapshot;
  private expectedSeq = 1;
  private head: string;
  broken: Break | undefined;

  /**
   * `fold` is the pure step. The default is XState's exported `transition()`, so the offline bundle
   * verifier replays through the library's public API, independently of the engine; the server
   * passes the engine's own step (same macrostep, less set-up per call).
   */
  constructor(
    private readonly genesis: HashedGenesis,
    private readonly definition: WorkflowDefinition,
    private readonly onStep?: (step: Step) => void,
    private readonly fold: Fold = xstateFold,
  ) {
    this.head = genesisHash(genesis);
    this.snapshot = initialTransition(definition.machine, genesis.input as never)[0] as AnyMachineSnapshot;
  }

  get headHash(): string {
    return this.head;
  }

  get current(): AnyMachineSnapshot {
    return this.snapshot;
  }

  get count(): number {
    return this.expectedSeq - 1;
  }

  /** Checks one event; returns false (and records the break) at the first problem. */
  push(e: ChainEvent): boolean {
    if (this.broken) return false;
    const fail = (reason: string) => {
      this.broken = { instanceId: this.genesis.instanceId, seq: e.seq, reason };
      return false;
    };
    if (e.instanceId !== this.genesis.instanceId) return fail(`event belongs to instance ${e.instanceId}`);
    if (e.seq !== this.expectedSeq) {
      return fail(e.seq > this.expectedSeq ? `sequence gap: expected #${this.expectedSeq}, found #${e.seq}` : `sequence out of order or duplicated: expected #${this.expectedSeq}, found #${e.seq}`);
    }
    if (e.prevHash !== this.head) return fail('chain broken: prev_hash does not match the hash of the event before');
    const { prevHash: _p, hash: _h, ...fields } = e;
    if (eventHash(fields, e.prevHash) !== e.hash) return fail('hash mismatch: the event was changed after it was written');
    if (!same(e.stateBefore, this.snapshot.value)) return fail('replay mismatch: state before differs from the replayed state');
    const event = machineEvent(e);
    let next: AnyMachineSnapshot;
    try {
      // the same verdict the engine asked when the event was written
      if (!accepts(this.snapshot, event)) return fail('replay mismatch: the machine refuses this event in the replayed state');
      next = this.fold(this.definition.machine, this.snapshot, event);
    } catch (error) {
      return fail(`replay failed: ${(error as Error).message}`);
    }
    if (!same(e.stateAfter, next.value)) return fail('replay mismatch: state after differs from the replayed state');
    this.onStep?.({ event: e, contextBefore: this.snapshot.context, contextAfter: next.context, snapshot: next });
    this.snapshot = next;
    this.head = e.hash;
    this.expectedSeq++;
    return true;
  }

  /** After the last event: the stored head and snapshot must be what the replay produced. */
  finish(stored: { version: number; headHash: string; snapshot?: unknown }): boolean {
    if (this.broken) return false;
    const fail = (seq: number, reason: string) => {
      this.broken = { instanceId: this.genesis.instanceId, seq, reason };
      return false;
    };
    if (this.count !== stored.version) {
      return fail(this.count + 1, `history ends at #${this.count} but the instance says version ${stored.version}: events are missing`);
    }
    if (this.head !== stored.headHash) return fail(stored.version, 'head hash of the instance does not match the last event');
    if (stored.snapshot !== undefined) {
      const replayed = this.definition.machine.getPersistedSnapshot(this.snapshot);
      if (!same(replayed, stored.snapshot)) return fail(stored.version, 'stored snapshot differs from the replayed history');
    }
    return true;
  }
}
