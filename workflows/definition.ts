import type { AnyStateMachine, EventObject, SnapshotFrom } from 'xstate';

/**
 * A rule that a guard enforces, in words a clerk understands.
 * `code` is stable (e.g. `MOTION.NOT_COMPETENT`): clients and tests match on it.
 */
export interface Violation {
  readonly code: string;
  readonly message: string;
}

/**
 * What the engine needs to run a machine. Definitions are pure data plus pure
 * functions: no clock, randomness, I/O or framework imports (see README "Architecture").
 */
export interface WorkflowDefinition<M extends AnyStateMachine = AnyStateMachine> {
  /** Stable workflow type, e.g. `motion`. */
  readonly type: string;
  /** Machine version; an instance stays on the version it started with. */
  readonly version: number;
  readonly title: string;
  readonly machine: M;
  /**
   * Why an event that the current state handles was refused by its guards.
   * Rules should be plain functions shared by the guard and by this explanation,
   * so the two cannot disagree. Return [] when nothing specific can be said.
   */
  explain?(snapshot: SnapshotFrom<M>, event: EventObject): Violation[];
  /** Every event the current state handles, each allowed or blocked by the rules that need no payload. */
  steps?(snapshot: SnapshotFrom<M>, at: string): { event: string; allowed: boolean; violations: readonly Violation[] }[];
}

export function defineWorkflow<M extends AnyStateMachine>(definition: WorkflowDefinition<M>): WorkflowDefinition<M> {
  return definition;
}
